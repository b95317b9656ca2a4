// The safetensors format (Hugging Face's, the de facto standard for shipping PyTorch weights),
// written and read without TF.js or any library, the same bytes in Node and the browser:
//
//   0   8  N: header length, uint64 little-endian
//   8   N  JSON header: { "<tensor name>": { "dtype": "F32", "shape": [out, in],
//                          "data_offsets": [begin, end] }, …, "__metadata__": { string: string } }
//           (UTF-8, may end in spaces so the data starts on an 8-byte boundary)
//   8+N …  raw little-endian tensor data; offsets are relative to here, and the tensors tile it
//           exactly: no overlaps, no holes.
//
// Reading is strict: any file a buggy or hostile writer could produce is refused with a
// sentence saying what is wrong, before a single value is used.

import { fromFloat16Bits } from './float16';

export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

/** A tensor as the model layer uses it: float32 values, row-major. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsFile {
  tensors: Map<string, NamedTensor>;
  /** The file's "__metadata__" (string → string); empty when it has none. */
  metadata: Record<string, string>;
  /** The dtype each tensor had in the file, e.g. "F16" (values are float32 in memory). */
  dtypes: Map<string, string>;
}

export interface ReadLimits {
  /** Largest file accepted (default 256 MiB). */
  maxBytes?: number;
  /** Largest JSON header accepted (default 1 MiB: ours are a few kB). */
  maxHeaderBytes?: number;
  /** Deepest JSON nesting accepted (default 8: the format needs 3). */
  maxDepth?: number;
  /** Most tensors accepted (default 1,000). */
  maxTensors?: number;
}

const DTYPE_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };
/** Types the format defines that cannot hold trained weights here. */
const OTHER_DTYPES = ['BOOL', 'U8', 'I8', 'I16', 'U16', 'I32', 'U32', 'I64', 'U64', 'F8_E4M3', 'F8_E5M2'];

const DEFAULTS: Required<ReadLimits> = { maxBytes: 256 * 1024 * 1024, maxHeaderBytes: 1024 * 1024, maxDepth: 8, maxTensors: 1000 };

const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Writes float32 tensors in the given order, with string metadata. */
export function writeSafetensors(tensors: NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.name === '__metadata__' || t.name in header) throw new SafetensorsError(`duplicate or reserved tensor name ${JSON.stringify(t.name)}`);
    if (product(t.shape) !== t.data.length) throw new SafetensorsError(`${t.name} has ${t.data.length} values for shape [${t.shape}]`);
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + t.data.length * 4] };
    offset += t.data.length * 4;
  }
  let json = JSON.stringify(header);
  // Pad with spaces (allowed by the format) so the data starts 8-byte aligned.
  const raw = new TextEncoder().encode(json);
  json += ' '.repeat((8 - (raw.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes.length, true);
  view.setUint32(4, 0, true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++, at += 4) view.setFloat32(at, t.data[i], true);
  }
  return out;
}

/**
 * Deepest nesting of arrays and objects in a JSON text, found without parsing it (so a
 * 100,000-deep header cannot exhaust the parser's stack). Brackets inside strings do not count.
 */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** JSON text parsed only if it is valid UTF-8 and not nested deeper than `maxDepth`. */
export function parseBoundedJson(bytes: Uint8Array, what: string, maxDepth: number, fail: (message: string) => never): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(`the ${what} is not valid UTF-8 text`);
  }
  if (jsonDepth(text, maxDepth) > maxDepth) fail(`the ${what} is nested deeper than ${maxDepth} levels`);
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`the ${what} is not valid JSON (${(e as Error).message})`);
  }
}

function fail(message: string): never {
  throw new SafetensorsError(message);
}

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

function readEntry(name: string, value: unknown): Entry {
  if (name.length === 0 || name.length > 256) fail(`a tensor name must be 1–256 characters`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${name}: its entry is not an object`);
  const v = value as Record<string, unknown>;
  const { dtype, shape, data_offsets: offsets } = v;
  if (typeof dtype !== 'string') fail(`${name}: no dtype`);
  if (!(dtype in DTYPE_BYTES)) {
    fail(OTHER_DTYPES.includes(dtype)
      ? `${name}: dtype ${dtype} cannot hold trained weights; save them as F32, F16, BF16 or F64`
      : `${name}: unknown dtype ${JSON.stringify(dtype).slice(0, 40)}`);
  }
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every(isCount)) fail(`${name}: the shape must be a list of at most 8 non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) fail(`${name}: data_offsets must be two non-negative integers [begin, end]`);
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`${name}: data_offsets [${begin}, ${end}] end before they begin`);
  const expected = product(shape as number[]) * DTYPE_BYTES[dtype];
  if (end - begin !== expected) {
    fail(`${name}: shape [${shape}] of ${dtype} needs ${expected} bytes, data_offsets span ${end - begin}`);
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

function decode(bytes: Uint8Array, e: Entry): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + e.begin, e.end - e.begin);
  const n = product(e.shape);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v: number;
    switch (e.dtype) {
      case 'F32': v = view.getFloat32(i * 4, true); break;
      case 'F64': v = view.getFloat64(i * 8, true); break;
      case 'F16': v = fromFloat16Bits(view.getUint16(i * 2, true)); break;
      default: v = new Float32Array(new Uint32Array([view.getUint16(i * 2, true) << 16]).buffer)[0]; // BF16
    }
    if (!Number.isFinite(v)) fail(`${e.name} contains NaN or infinite values (index ${i})`);
    out[i] = v;
    if (!Number.isFinite(out[i])) fail(`${e.name} has a value beyond float32 range (index ${i})`);
  }
  return out;
}

/** Reads and validates a whole safetensors file; throws SafetensorsError saying what is wrong. */
export function readSafetensors(bytes: Uint8Array, limits: ReadLimits = {}): SafetensorsFile {
  const lim = { ...DEFAULTS, ...limits };
  if (bytes.length > lim.maxBytes) fail(`the file is ${bytes.length} bytes, more than the limit of ${lim.maxBytes}`);
  if (bytes.length < 8) fail(`truncated: ${bytes.length} bytes, not even the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low;
  if (headerLength > lim.maxHeaderBytes) {
    fail(`the header claims ${headerLength} bytes, more than the limit of ${lim.maxHeaderBytes} (a real header is a few kilobytes)`);
  }
  if (headerLength < 2) fail(`the header length ${headerLength} is too small for a JSON object`);
  if (8 + headerLength > bytes.length) fail(`the header claims ${headerLength} bytes but the file ends after ${bytes.length - 8}`);
  const raw = parseBoundedJson(bytes.subarray(8, 8 + headerLength), 'header', lim.maxDepth, fail);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('the header is not a JSON object');

  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('__metadata__ is not an object');
      for (const [k, s] of Object.entries(value as Record<string, unknown>)) {
        if (typeof s !== 'string') fail(`__metadata__.${k} is not a string (the format allows strings only)`);
        metadata[k] = s;
      }
      continue;
    }
    if (entries.length >= lim.maxTensors) fail(`more than ${lim.maxTensors} tensors`);
    entries.push(readEntry(name, value));
  }

  const data = bytes.subarray(8 + headerLength);
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of sorted) {
    if (e.end > data.length) fail(`${e.name}: data_offsets [${e.begin}, ${e.end}] run past the end of the data (${data.length} bytes)`);
    if (e.begin < covered) fail(`${e.name}: data_offsets [${e.begin}, ${e.end}] overlap another tensor`);
    if (e.begin > covered) fail(`bytes ${covered}–${e.begin} of the data belong to no tensor`);
    covered = e.end;
  }
  if (covered !== data.length) fail(`${data.length - covered} bytes after the last tensor belong to no tensor`);

  const tensors = new Map<string, NamedTensor>();
  const dtypes = new Map<string, string>();
  for (const e of entries) {
    tensors.set(e.name, { name: e.name, shape: e.shape, data: decode(data, e) });
    dtypes.set(e.name, e.dtype);
  }
  return { tensors, metadata, dtypes };
}
