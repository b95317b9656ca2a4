import type { LoadProgress } from './types';

/** Reads a dataset file, decompressed. onProgress reports compressed bytes loaded/total. */
export interface DataSource {
  /** Where the files come from, for messages (a URL or a folder). */
  describe: string;
  /**
   * `file` is relative to the datasets folder (e.g. "mnist/test-images.u8.gz").
   * `expectedBytes` is the compressed size the manifest records; a source reports it as the
   * progress total when it has no better figure (e.g. a response without Content-Length).
   */
  read(file: string, onProgress?: (p: LoadProgress) => void, expectedBytes?: number): Promise<Uint8Array>;
  readText(file: string): Promise<string>;
}
