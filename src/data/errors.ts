/** A dataset file could not be read or is not what the manifest promises; the message starts with the file. */
export class DatasetError extends Error {
  readonly file: string;

  constructor(file: string, detail: string, options?: { cause?: unknown }) {
    super(`${file}: ${detail}`, options);
    this.name = 'DatasetError';
    this.file = file;
  }
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
