// A small reader of .zip files: the central directory at the end lists the entries, each
// entry is stored as is (method 0) or deflated (method 8, inflated with the platform's
// DecompressionStream('deflate-raw')). That is what every common zip tool writes for images,
// so no library is needed. Zip64, encryption and other methods are refused per entry with a
// reason. Sizes are checked before and while inflating, and every entry's CRC-32 after, so a
// truncated, corrupted or "zip bomb" file fails with a message instead of filling memory.

import { crc32 } from '../../model/crc32';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;

export interface ZipEntry {
  /** Path inside the zip, "/"-separated. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

/** Why a zip or one of its entries cannot be read, for the page to word in its language. */
export type ZipReason = 'notZip' | 'zip64' | 'zipTruncated' | 'zipDamaged' | 'encrypted' | 'zipMethod' | 'tooLarge' | 'corrupt';

export class ZipError extends Error {
  readonly reason: ZipReason;
  constructor(reason: ZipReason, message: string) {
    super(message);
    this.name = 'ZipError';
    this.reason = reason;
  }
}

/** The file entries (directories left out) named by the central directory. Throws ZipError. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndRecord(view);
  const total = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ZipError('zip64', 'it is a Zip64 archive, which this reader does not support (save it as a plain zip)');
  }
  if (cdOffset + cdSize > eocd) throw new ZipError('zipTruncated', 'its directory points past the end of the file (the file is truncated)');
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) {
      throw new ZipError('zipDamaged', `entry ${i + 1} of ${total} in its directory is damaged`);
    }
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > eocd) throw new ZipError('zipDamaged', `entry ${i + 1} of ${total} in its directory is damaged`);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)).replaceAll('\\', '/');
    if (!name.endsWith('/')) {
      entries.push({
        name,
        flags: view.getUint16(p + 8, true),
        method: view.getUint16(p + 10, true),
        crc: view.getUint32(p + 16, true),
        compressedSize: view.getUint32(p + 20, true),
        size: view.getUint32(p + 24, true),
        localOffset: view.getUint32(p + 42, true),
      });
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-central-directory record: the last signature within the final 22 + 65,535 bytes. */
function findEndRecord(view: DataView): number {
  if (view.byteLength < EOCD_BYTES) throw new ZipError('notZip', 'it is too short to be a zip file');
  const stop = Math.max(0, view.byteLength - EOCD_BYTES - MAX_COMMENT);
  for (let p = view.byteLength - EOCD_BYTES; p >= stop; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) return p;
  }
  throw new ZipError('notZip', 'it has no zip directory at its end (not a zip file, or truncated)');
}

/**
 * The entry's bytes, at most `maxBytes` of them. Throws ZipError saying why it cannot be read:
 * encrypted, an unsupported method, larger than allowed, truncated or corrupted.
 */
export async function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
  if (entry.flags & 1) throw new ZipError('encrypted', 'it is encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError('zipMethod', `it is compressed with method ${entry.method}; only stored and deflated entries can be read`);
  if (entry.size > maxBytes) throw new ZipError('tooLarge', `it unpacks to ${entry.size} bytes, over the limit of ${maxBytes}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL_SIGNATURE) throw new ZipError('zipDamaged', 'its header is missing or damaged');
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('zipTruncated', 'its data runs past the end of the file (the file is truncated)');
  const packed = bytes.subarray(start, end);
  const data = entry.method === 0 ? packed.slice() : await inflateRaw(packed, entry.size);
  if (data.length !== entry.size) throw new ZipError('corrupt', `it unpacked to ${data.length} bytes instead of the ${entry.size} its directory names`);
  if (crc32(data) !== entry.crc) throw new ZipError('corrupt', 'its checksum does not match (the data is corrupted)');
  return data;
}

/** Inflates a raw deflate stream, giving up as soon as it passes `expected` bytes. */
async function inflateRaw(packed: Uint8Array, expected: number): Promise<Uint8Array> {
  const stream = new Blob([packed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const out = new Uint8Array(expected);
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.length > expected) {
        await reader.cancel();
        throw new ZipError('corrupt', `it unpacks to more than the ${expected} bytes its directory names`);
      }
      out.set(value, length);
      length += value.length;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('corrupt', `its compressed data is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
  return out.subarray(0, length);
}
