// Node only (node:fs, node:zlib): not re-exported from index.ts so the browser bundle never sees it.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip as zlibGunzip } from 'node:zlib';
import type { DataSource } from './dataSource';
import { DatasetError, describeError } from './errors';
import { isGzip } from './gzip';
import type { LoadProgress } from './types';

const gunzipAsync = promisify(zlibGunzip);

/** Files under `dir` (e.g. public/datasets), gunzipped with node:zlib off the main thread. */
export function fsSource(dir: string): DataSource {
  return {
    describe: dir,
    async read(file: string, onProgress?: (p: LoadProgress) => void): Promise<Uint8Array> {
      const path = join(dir, file);
      let body: Uint8Array;
      try {
        const { size } = await stat(path);
        onProgress?.({ file, loaded: 0, total: size });
        const chunks: Buffer[] = [];
        let loaded = 0;
        for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
          const buf = chunk as Buffer;
          chunks.push(buf);
          loaded += buf.length;
          onProgress?.({ file, loaded, total: Math.max(size, loaded) });
        }
        body = Buffer.concat(chunks, loaded);
      } catch (err) {
        throw new DatasetError(file, `cannot read ${path} (${describeError(err)})`, { cause: err });
      }
      if (!isGzip(body)) return body;
      try {
        const out = await gunzipAsync(body);
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      } catch (err) {
        throw new DatasetError(file, `not valid gzip data (${describeError(err)})`, { cause: err });
      }
    },
    async readText(file: string): Promise<string> {
      const path = join(dir, file);
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        throw new DatasetError(file, `cannot read ${path} (${describeError(err)})`, { cause: err });
      }
    },
  };
}
