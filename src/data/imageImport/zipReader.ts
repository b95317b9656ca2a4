// Reads .zip files for "Your images", one entry at a time as the import asks for it. Entries
// are stored (method 0) or deflated (method 8, inflated by fflate's streaming Inflate, fed in
// slices and stopped as soon as it passes the size the directory names, so a "zip bomb" fails
// early instead of filling memory); fflate does not check CRC-32, so we do, after. Zip64
// archives are read. The directory walk stays ours: fflate's unzip API names entries and sizes
// but not their CRC-32, encryption flag or offset, and does no bounds checks, and those are what
// the refusal reasons below (for the page to word) are made of.

import { Inflate } from 'fflate';
import { crc32 } from '../../model/crc32';

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_END_BYTES = 56;
const ZIP64_EXTRA_ID = 0x0001;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;
/** Compressed bytes per push: one push can unpack to at most ~1,032 times as much. */
const INFLATE_SLICE = 8 * 1024;

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

/** A little-endian 64-bit field as a number (exact below 2^53, which any real file is). */
const u64 = (view: DataView, p: number) => view.getUint32(p, true) + view.getUint32(p + 4, true) * 2 ** 32;

/** The file entries (directories left out) named by the central directory. Throws ZipError. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { total, offset, size, end } = directoryOf(view, findEndRecord(view));
  if (offset + size > end) throw new ZipError('zipTruncated', 'its directory points past the end of the file (the file is truncated)');
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  const damaged = (i: number) => new ZipError('zipDamaged', `entry ${i + 1} of ${total} in its directory is damaged`);
  let p = offset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== CENTRAL_SIGNATURE) throw damaged(i);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const extra = p + 46 + nameLength;
    if (extra > end) throw damaged(i);
    const name = decoder.decode(bytes.subarray(p + 46, extra)).replaceAll('\\', '/');
    if (!name.endsWith('/')) {
      const entry: ZipEntry = {
        name,
        flags: view.getUint16(p + 8, true),
        method: view.getUint16(p + 10, true),
        crc: view.getUint32(p + 16, true),
        compressedSize: view.getUint32(p + 20, true),
        size: view.getUint32(p + 24, true),
        localOffset: view.getUint32(p + 42, true),
      };
      if (entry.size === U32_MAX || entry.compressedSize === U32_MAX || entry.localOffset === U32_MAX) {
        if (extra + extraLength > end || !readZip64Fields(view, extra, extraLength, entry)) throw damaged(i);
      }
      entries.push(entry);
    }
    p = extra + extraLength + commentLength;
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

/** Where the central directory is, from the Zip64 record when a locator points to one. */
function directoryOf(view: DataView, eocd: number): { total: number; offset: number; size: number; end: number } {
  const total = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  const locator = eocd - ZIP64_LOCATOR_BYTES;
  if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIGNATURE) {
    const record = u64(view, locator + 8);
    if (record + ZIP64_END_BYTES <= locator && view.getUint32(record, true) === ZIP64_END_SIGNATURE) {
      return { total: u64(view, record + 32), size: u64(view, record + 40), offset: u64(view, record + 48), end: record };
    }
  } else if (total !== 0xffff && size !== U32_MAX && offset !== U32_MAX) {
    return { total, offset, size, end: eocd };
  }
  throw new ZipError('zip64', 'it is a Zip64 archive whose Zip64 directory record is missing or damaged (save it as a plain zip)');
}

/** Fills the fields the directory left at 0xFFFFFFFF from the Zip64 extra field; false when it is missing or short. */
function readZip64Fields(view: DataView, start: number, length: number, entry: ZipEntry): boolean {
  for (let q = start; q + 4 <= start + length; q += 4 + view.getUint16(q + 2, true)) {
    if (view.getUint16(q, true) !== ZIP64_EXTRA_ID) continue;
    // The fields present are those whose 32-bit value is 0xFFFFFFFF, in this order.
    const stop = q + 4 + view.getUint16(q + 2, true);
    let r = q + 4;
    const next = () => {
      const value = r + 8 <= stop ? u64(view, r) : Number.NaN;
      r += 8;
      return value;
    };
    if (entry.size === U32_MAX) entry.size = next();
    if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
    if (entry.localOffset === U32_MAX) entry.localOffset = next();
    return r <= stop && stop <= start + length;
  }
  return false;
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
  const data = entry.method === 0 ? packed.slice() : inflateRaw(packed, entry.size);
  if (data.length !== entry.size) throw new ZipError('corrupt', `it unpacked to ${data.length} bytes instead of the ${entry.size} its directory names`);
  if (crc32(data) !== entry.crc) throw new ZipError('corrupt', 'its checksum does not match (the data is corrupted)');
  return data;
}

/** Inflates a raw deflate stream, giving up as soon as it passes `expected` bytes. */
function inflateRaw(packed: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > expected) throw new ZipError('corrupt', `it unpacks to more than the ${expected} bytes its directory names`);
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    for (let at = 0; ; at += INFLATE_SLICE) {
      const last = at + INFLATE_SLICE >= packed.length;
      inflater.push(packed.subarray(at, at + INFLATE_SLICE), last);
      if (last) break;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('corrupt', `its compressed data is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
  return out.subarray(0, length);
}
