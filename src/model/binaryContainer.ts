// The one binary frame of the app's model files. A checkpoint (.vaeckpt, checkpoint.ts) and a
// first-paint file (.vaefp, firstPaint.ts) differ only in their magic, their header's fields
// and which tensors they carry; the frame, its checks and the tensor table are here.
//
// Layout, little-endian:
//   0   8  magic (8 ASCII bytes, one per kind of file)
//   8   4  header length H (UTF-8 JSON bytes)
//  12   4  data length B
//  16   4  CRC-32 of every byte from offset 24 to the end
//  20   4  reserved, 0
//  24   H  JSON header: the file's own fields, then `tensors`, a table of
//           {name, shape, dtype, offset}; offset is into the data, a multiple of 4
//  then zero padding to a multiple of 8, then B bytes of data (each tensor padded to 4 bytes).

import { crc32 } from './crc32';
import { fromFloat16Bits } from './float16';

export type TensorDType = 'int8' | 'uint8' | 'float16' | 'float32';

export const DTYPE_BYTES: Record<TensorDType, number> = { int8: 1, uint8: 1, float16: 2, float32: 4 };

export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: TensorDType;
  offset: number;
}

/** A tensor as a file stores it. */
export interface TensorSpec {
  name: string;
  shape: number[];
  dtype: TensorDType;
}

/** A tensor a file must hold, in file order; `dtype` lists what a reader accepts. */
export interface ExpectedTensor {
  name: string;
  shape: number[];
  dtype: TensorDType | readonly TensorDType[];
}

/** One kind of file: its magic and header identity, its size limit, and how its errors read. */
export interface ContainerKind {
  /** 8 ASCII bytes. */
  magic: string;
  /** The header's `format` field. */
  format: string;
  version: number;
  /** How errors name the file: "not a VAE Playground <noun> (bad magic bytes)". */
  noun: string;
  /** How errors name the data section: "… lies outside the <dataName>". */
  dataName: string;
  maxBytes: number;
  error(message: string): Error;
}

/** The parsed frame: the header's fields (tensor table included) and where the data lies. */
export interface Container {
  header: Record<string, unknown> & { tensors: unknown[] };
  buf: ArrayBuffer;
  dataStart: number;
  dataBytes: number;
}

export const PREFIX_BYTES = 24;
const align = (n: number, to: number) => Math.ceil(n / to) * to;
export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

// Tensor bytes are written through typed arrays, which use the platform's byte order.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The file's bytes: `fields` (with `format` and `version`) and the tensor table as the JSON
 * header, then `arrays`' bytes, one per expected tensor, in order.
 */
export function writeContainer(
  kind: ContainerKind,
  fields: Record<string, unknown>,
  expected: readonly TensorSpec[],
  arrays: readonly ArrayBufferView[],
): ArrayBuffer {
  if (!littleEndian) throw kind.error('big-endian platforms are not supported');
  if (arrays.length !== expected.length) throw kind.error(`expected ${expected.length} tensors, got ${arrays.length}`);
  let dataBytes = 0;
  const tensors: TensorEntry[] = expected.map((t, i) => {
    if (arrays[i].byteLength !== sizeOf(t.shape) * DTYPE_BYTES[t.dtype]) throw kind.error(`${t.name} has the wrong size`);
    const entry = { name: t.name, shape: t.shape, dtype: t.dtype, offset: dataBytes };
    dataBytes = align(dataBytes + arrays[i].byteLength, 4);
    return entry;
  });
  const headerBytes = new TextEncoder().encode(JSON.stringify({ ...fields, tensors }));
  const dataStart = align(PREFIX_BYTES + headerBytes.length, 8);
  const buf = new ArrayBuffer(dataStart + dataBytes);
  const bytes = new Uint8Array(buf);
  bytes.set(new TextEncoder().encode(kind.magic), 0);
  bytes.set(headerBytes, PREFIX_BYTES);
  tensors.forEach((t, i) => {
    const a = arrays[i];
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dataStart + t.offset);
  });
  const view = new DataView(buf);
  view.setUint32(8, headerBytes.length, true);
  view.setUint32(12, dataBytes, true);
  view.setUint32(16, crc32(bytes.subarray(PREFIX_BYTES)), true);
  return buf;
}

function parseHeader(kind: ContainerKind, json: string): Container['header'] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw kind.error(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw kind.error('the header is not a JSON object');
  const h = raw as Record<string, unknown>;
  if (h.format !== kind.format) throw kind.error(`unknown format ${JSON.stringify(h.format)}`);
  if (h.version !== kind.version) throw kind.error(`unsupported version ${JSON.stringify(h.version)}; this app reads version ${kind.version}`);
  if (!Array.isArray(h.tensors)) throw kind.error('the header has no tensor table');
  return h as Container['header'];
}

/** Checks the frame (magic, size, length fields, CRC) and parses the header; throws kind.error. */
export function readContainer(kind: ContainerKind, buf: ArrayBuffer, maxBytes = kind.maxBytes): Container {
  if (!littleEndian) throw kind.error('big-endian platforms are not supported');
  const bytes = new Uint8Array(buf);
  if (bytes.length < kind.magic.length || new TextDecoder().decode(bytes.subarray(0, kind.magic.length)) !== kind.magic) {
    throw kind.error(`not a VAE Playground ${kind.noun} (bad magic bytes)`);
  }
  if (bytes.length > maxBytes) throw kind.error(`file is too large (${bytes.length} bytes; limit ${maxBytes})`);
  if (bytes.length < PREFIX_BYTES) throw kind.error(`truncated: only ${bytes.length} bytes`);
  const view = new DataView(buf);
  const headerLength = view.getUint32(8, true);
  const dataBytes = view.getUint32(12, true);
  const dataStart = align(PREFIX_BYTES + headerLength, 8);
  if (dataStart + dataBytes > maxBytes) throw kind.error(`declared size ${dataStart + dataBytes} bytes exceeds the limit ${maxBytes}`);
  if (bytes.length < dataStart + dataBytes) throw kind.error(`truncated: ${bytes.length} bytes, the header declares ${dataStart + dataBytes}`);
  if (bytes.length > dataStart + dataBytes) throw kind.error(`${bytes.length - dataStart - dataBytes} unexpected bytes after the ${kind.dataName}`);
  if (crc32(bytes.subarray(PREFIX_BYTES)) !== view.getUint32(16, true)) throw kind.error('corrupted: the checksum does not match the contents');
  const header = parseHeader(kind, new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)));
  return { header, buf, dataStart, dataBytes };
}

export type TensorValues = Float32Array | Int8Array | Uint8Array;

/** One tensor's values, copied into an array of its own (float16 widened to float32). */
function valuesOf(c: Container, dtype: TensorDType, offset: number, length: number): TensorValues {
  const at = c.dataStart + offset;
  switch (dtype) {
    case 'int8':
      return new Int8Array(c.buf.slice(at, at + length));
    case 'uint8':
      return new Uint8Array(c.buf.slice(at, at + length));
    case 'float32':
      return new Float32Array(c.buf.slice(at, at + length * 4));
    case 'float16': {
      const src = new Uint16Array(c.buf, at, length);
      const out = new Float32Array(length);
      for (let j = 0; j < length; j++) out[j] = fromFloat16Bits(src[j]);
      return out;
    }
  }
}

/**
 * Checks the tensor table against what the file must hold (count, names, dtypes, shapes, each
 * inside the data) and returns the values in that order; float values must be finite.
 */
export function readTensors(kind: ContainerKind, c: Container, expected: readonly ExpectedTensor[]): TensorValues[] {
  const table = c.header.tensors;
  if (table.length !== expected.length) throw kind.error(`expected ${expected.length} tensors for this config, the file has ${table.length}`);
  return expected.map((want, i) => {
    const t = table[i] as Partial<TensorEntry> | null;
    if (t?.name !== want.name) throw kind.error(`tensor ${i} should be ${want.name}, found ${JSON.stringify(t?.name)}`);
    const allowed: readonly TensorDType[] = typeof want.dtype === 'string' ? [want.dtype] : want.dtype;
    if (!allowed.includes(t.dtype as TensorDType)) {
      throw kind.error(typeof want.dtype === 'string' ? `${want.name} should be ${want.dtype}, found ${JSON.stringify(t.dtype)}` : `${want.name} has unknown dtype ${JSON.stringify(t.dtype)}`);
    }
    const dtype = t.dtype as TensorDType;
    if (!Array.isArray(t.shape) || t.shape.join('×') !== want.shape.join('×')) {
      throw kind.error(`${want.name} has shape [${t.shape}], the config needs [${want.shape}]`);
    }
    const length = sizeOf(want.shape);
    const offset = t.offset as number;
    if (!Number.isInteger(offset) || offset < 0 || offset % 4 !== 0 || offset + length * DTYPE_BYTES[dtype] > c.dataBytes) {
      throw kind.error(`${want.name} lies outside the ${kind.dataName}`);
    }
    const values = valuesOf(c, dtype, offset, length);
    if (values instanceof Float32Array && !values.every(Number.isFinite)) throw kind.error(`${want.name} contains NaN or infinite values`);
    return values;
  });
}
