import { DatasetError, describeError } from './errors';

/** gzip's two magic bytes. A server that sends a .gz with Content-Encoding: gzip hands us the
 * already-decoded bytes instead, so sources look at the data, not at the file name. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads a byte stream to its end, calling onChunk with the running byte count. */
export async function readAll(stream: ReadableStream<Uint8Array>, onChunk?: (loaded: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onChunk?.(loaded);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Decompresses with the platform's DecompressionStream (browsers, workers, Node ≥ 18). */
export async function gunzip(file: string, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    // Our bytes never live in a SharedArrayBuffer, which is all the narrower type rules out.
    const input = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
    return await readAll(input.pipeThrough(new DecompressionStream('gzip')));
  } catch (err) {
    throw new DatasetError(file, `not valid gzip data (${describeError(err)})`, { cause: err });
  }
}

/** The file's contents, decompressed when they are gzip. */
export async function maybeGunzip(file: string, bytes: Uint8Array): Promise<Uint8Array> {
  return isGzip(bytes) ? gunzip(file, bytes) : bytes;
}
