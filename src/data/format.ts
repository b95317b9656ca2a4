// The data file format written by scripts/build-datasets.mjs (each file is gzipped on disk):
//
//   offset  size  field
//        0     4  magic, the ASCII bytes "VAEP"
//        4     4  format version, uint32 little-endian (FILE_FORMAT_VERSION)
//        8     4  kind, uint32 LE: 1 = images, 2 = labels
//       12     4  count: number of items, uint32 LE
//       16     4  rows, uint32 LE  (images: image height; labels: 1)
//       20     4  cols, uint32 LE  (images: image width;  labels: 1)
//       24     …  count × rows × cols uint8 values: pixels row-major 0–255, or class indices
//
// Labels carry rows = cols = 1 so every payload is count × rows × cols bytes. A fixed header
// lets a loader reject a truncated download or a file from another build before using it.

import { DatasetError } from './errors';

export const FILE_MAGIC = 'VAEP';
export const FILE_FORMAT_VERSION = 1;
export const HEADER_BYTES = 24;

export type FileKind = 'images' | 'labels';
const KIND_CODES: Record<FileKind, number> = { images: 1, labels: 2 };

export interface FileHeader {
  kind: FileKind;
  count: number;
  rows: number;
  cols: number;
}

/** What the manifest says a file must be. */
export interface FileExpectation extends FileHeader {
  bytes: number;
}

/**
 * Checks the header and length of one decompressed file against what the manifest promises,
 * and returns its payload (a view into `bytes`, no copy).
 */
export function readPayload(file: string, bytes: Uint8Array, expected: FileExpectation): Uint8Array {
  if (bytes.length < HEADER_BYTES) {
    throw new DatasetError(file, `truncated: expected ${expected.bytes} bytes, got ${bytes.length}`);
  }
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== FILE_MAGIC) {
    throw new DatasetError(file, `not a dataset file: magic is ${JSON.stringify(magic)}, expected "${FILE_MAGIC}"`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const version = view.getUint32(4, true);
  if (version !== FILE_FORMAT_VERSION) {
    throw new DatasetError(file, `format version ${version}, this app reads version ${FILE_FORMAT_VERSION}; rebuild with npm run datasets`);
  }
  const kindCode = view.getUint32(8, true);
  if (kindCode !== KIND_CODES[expected.kind]) {
    throw new DatasetError(file, `kind code ${kindCode}, expected ${KIND_CODES[expected.kind]} (${expected.kind})`);
  }
  const fields = { count: view.getUint32(12, true), rows: view.getUint32(16, true), cols: view.getUint32(20, true) };
  for (const key of ['count', 'rows', 'cols'] as const) {
    if (fields[key] !== expected[key]) {
      throw new DatasetError(file, `header ${key} is ${fields[key]}, the manifest says ${expected[key]}`);
    }
  }
  const payloadBytes = expected.count * expected.rows * expected.cols;
  if (expected.bytes !== HEADER_BYTES + payloadBytes) {
    throw new DatasetError(file, `the manifest's size ${expected.bytes} does not match ${expected.count} × ${expected.rows} × ${expected.cols} + ${HEADER_BYTES}`);
  }
  if (bytes.length < expected.bytes) {
    throw new DatasetError(file, `truncated: expected ${expected.bytes} bytes, got ${bytes.length}`);
  }
  if (bytes.length > expected.bytes) {
    throw new DatasetError(file, `too long: expected ${expected.bytes} bytes, got ${bytes.length}`);
  }
  return bytes.subarray(HEADER_BYTES);
}
