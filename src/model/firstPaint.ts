// The "first paint" file of a pretrained model: just what the page needs to draw the latent
// map and decode a dragged z before the training worker (TF.js, the dataset, the full
// checkpoint) has started: the decoder, quantized, and the test set's precomputed codes.
// TF.js-free, so the main thread can read it.
//
// Layout, little-endian (the same frame as a checkpoint, another magic):
//   0   8  magic "VAE-FRST"
//   8   4  header length H (UTF-8 JSON bytes)
//  12   4  data length B
//  16   4  CRC-32 of every byte from offset 24 to the end
//  20   4  reserved, 0
//  24   H  JSON header: the model's description plus a table of tensors
//           (name, shape, dtype, byte offset into the data, each offset a multiple of 4)
//  then zero padding to a multiple of 8, then B bytes of data.
// Tensors, in order: per decoder layer k `decoder.k.W` (int8 or float16, per layer),
// `decoder.k.W.scale` (float32 [outDim], int8 layers only: W[i][j] = q[i][j]·scale[j]),
// `decoder.k.b` (float32); then
// `latent.mu` (float16 [count × latentDim]), `latent.logvar` (float16, VAE only) and
// `latent.labels` (uint8 [count]).

import { layerShapes, validateHyper, validateModelConfig, withHyperDefaults } from './config';
import { crc32 } from './crc32';
import { fromFloat16Bits, toFloat16Bits } from './float16';
import { dequantize, type QuantizedLayer } from './gptq';
import type { DenseWeights, Hyper, Metrics, ModelConfig } from './types';

/** What the page draws before the real model runs. `decoder` is dequantized to float32. */
export interface FirstPaint {
  /** The pretrained model's id in public/pretrained/index.json. */
  id: string;
  dataset: string;
  config: ModelConfig;
  /** The hyperparameters it was trained with (the session continues with them). */
  hyper: Hyper;
  seed: number;
  step: number;
  epoch: number;
  command?: string;
  testMetrics?: Metrics;
  decoder: DenseWeights[];
  /** Test images encoded (all of them, in the test file's order). */
  count: number;
  mu: Float32Array;
  /** null for the AE. */
  logvar: Float32Array | null;
  labels: Uint8Array;
}

export class FirstPaintError extends Error {
  constructor(message: string) {
    super(`First-paint file: ${message}`);
    this.name = 'FirstPaintError';
  }
}

const MAGIC = 'VAE-FRST';
const PREFIX_BYTES = 24;
const MAX_BYTES = 64 * 1024 * 1024;

type DType = 'int8' | 'uint8' | 'float16' | 'float32';
interface TensorEntry {
  name: string;
  shape: number[];
  dtype: DType;
  offset: number;
}
type Meta = Omit<FirstPaint, 'decoder' | 'mu' | 'logvar' | 'labels'>;
interface Header extends Meta {
  format: 'vae-playground-first-paint';
  version: 1;
  tensors: TensorEntry[];
}

const BYTES: Record<DType, number> = { int8: 1, uint8: 1, float16: 2, float32: 4 };
const align = (n: number, to: number) => Math.ceil(n / to) * to;
const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toHalf(src: Float32Array): Uint16Array {
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = toFloat16Bits(src[i]);
  return out;
}

function fromHalf(src: Uint16Array): Float32Array {
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = fromFloat16Bits(src[i]);
  return out;
}

/** How each decoder layer's W is stored. */
type Coding = Array<'int8' | 'float16'>;

/** The tensors a config implies, in file order, with their shapes and dtypes. */
function expectedTensors(config: ModelConfig, count: number, coding: Coding): Array<Omit<TensorEntry, 'offset'>> {
  const out: Array<Omit<TensorEntry, 'offset'>> = [];
  layerShapes(config).decoder.forEach(([i, o], k) => {
    out.push({ name: `decoder.${k}.W`, shape: [i, o], dtype: coding[k] ?? 'float16' });
    if (coding[k] === 'int8') out.push({ name: `decoder.${k}.W.scale`, shape: [o], dtype: 'float32' });
    out.push({ name: `decoder.${k}.b`, shape: [o], dtype: 'float32' });
  });
  out.push({ name: 'latent.mu', shape: [count, config.latentDim], dtype: 'float16' });
  if (config.kind === 'vae') out.push({ name: 'latent.logvar', shape: [count, config.latentDim], dtype: 'float16' });
  out.push({ name: 'latent.labels', shape: [count], dtype: 'uint8' });
  return out;
}

/**
 * The file's bytes. `quantized[k]` (e.g. from gptqDecoder) stores decoder layer k as int8;
 * layers without one are stored as float16.
 */
export function serializeFirstPaint(fp: FirstPaint, quantized: Array<QuantizedLayer | null> = []): ArrayBuffer {
  const coding: Coding = fp.decoder.map((_, k) => (quantized[k] ? 'int8' : 'float16'));
  if (!littleEndian) throw new FirstPaintError('big-endian platforms are not supported');
  const problems = validateModelConfig(fp.config);
  if (problems.length > 0) throw new FirstPaintError(`invalid model config: ${problems.join('; ')}`);
  if ((fp.logvar === null) !== (fp.config.kind === 'ae')) throw new FirstPaintError('log σ² must be present for a VAE and absent for an AE');
  const arrays: ArrayBufferView[] = [];
  for (const [k, layer] of fp.decoder.entries()) {
    const qk = quantized?.[k];
    if (qk) {
      arrays.push(qk.q, qk.scale);
    } else {
      arrays.push(toHalf(layer.W));
    }
    arrays.push(layer.b);
  }
  arrays.push(toHalf(fp.mu));
  if (fp.logvar) arrays.push(toHalf(fp.logvar));
  arrays.push(fp.labels);

  const expected = expectedTensors(fp.config, fp.count, coding);
  if (arrays.length !== expected.length) throw new FirstPaintError(`expected ${expected.length} tensors, got ${arrays.length}`);
  let dataBytes = 0;
  const tensors: TensorEntry[] = expected.map((t, i) => {
    const length = sizeOf(t.shape);
    if (arrays[i].byteLength !== length * BYTES[t.dtype]) throw new FirstPaintError(`${t.name} has the wrong size`);
    const entry = { ...t, offset: dataBytes };
    dataBytes = align(dataBytes + arrays[i].byteLength, 4);
    return entry;
  });
  const { decoder: _d, mu: _m, logvar: _l, labels: _b, ...meta } = fp;
  const header: Header = { ...meta, format: 'vae-playground-first-paint', version: 1, tensors };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align(PREFIX_BYTES + headerBytes.length, 8);
  const buf = new ArrayBuffer(dataStart + dataBytes);
  const bytes = new Uint8Array(buf);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
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

function parseHeader(json: string): Header {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new FirstPaintError(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) throw new FirstPaintError('the header is not a JSON object');
  const h = raw as Partial<Header>;
  if (h.format !== 'vae-playground-first-paint') throw new FirstPaintError(`unknown format ${JSON.stringify(h.format)}`);
  if (h.version !== 1) throw new FirstPaintError(`unsupported version ${JSON.stringify(h.version)}; this app reads version 1`);
  if (typeof h.id !== 'string' || typeof h.dataset !== 'string') throw new FirstPaintError('the header names no model id or dataset');
  for (const k of ['seed', 'step', 'epoch', 'count'] as const) {
    if (typeof h[k] !== 'number' || !Number.isInteger(h[k]) || (h[k] as number) < 0) throw new FirstPaintError(`the header has no valid ${k}`);
  }
  if (!h.config || typeof h.config !== 'object') throw new FirstPaintError('the header has no model config');
  const problems = validateModelConfig(h.config);
  if (problems.length > 0) throw new FirstPaintError(`invalid model config: ${problems.join('; ')}`);
  if (!h.hyper || typeof h.hyper !== 'object') throw new FirstPaintError('the header has no hyperparameters');
  const hyperProblems = validateHyper(h.hyper);
  if (hyperProblems.length > 0) throw new FirstPaintError(`invalid hyperparameters: ${hyperProblems.join('; ')}`);
  if (!Array.isArray(h.tensors)) throw new FirstPaintError('the header has no tensor table');
  h.hyper = withHyperDefaults(h.hyper);
  return h as Header;
}

/** Reads and fully validates a first-paint file; throws FirstPaintError saying what is wrong. */
export function parseFirstPaint(buf: ArrayBuffer): FirstPaint {
  if (!littleEndian) throw new FirstPaintError('big-endian platforms are not supported');
  const bytes = new Uint8Array(buf);
  if (bytes.length < MAGIC.length || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new FirstPaintError('not a VAE Playground first-paint file (bad magic bytes)');
  }
  if (bytes.length < PREFIX_BYTES) throw new FirstPaintError(`truncated: only ${bytes.length} bytes`);
  if (bytes.length > MAX_BYTES) throw new FirstPaintError(`file is too large (${bytes.length} bytes; limit ${MAX_BYTES})`);
  const view = new DataView(buf);
  const headerLength = view.getUint32(8, true);
  const dataBytes = view.getUint32(12, true);
  const dataStart = align(PREFIX_BYTES + headerLength, 8);
  if (bytes.length < dataStart + dataBytes) throw new FirstPaintError(`truncated: ${bytes.length} bytes, the header declares ${dataStart + dataBytes}`);
  if (bytes.length > dataStart + dataBytes) throw new FirstPaintError(`${bytes.length - dataStart - dataBytes} unexpected bytes after the data`);
  if (crc32(bytes.subarray(PREFIX_BYTES)) !== view.getUint32(16, true)) throw new FirstPaintError('corrupted: the checksum does not match the contents');
  const header = parseHeader(new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)));

  // Each layer's coding is whatever its W entry says; the table is then checked against it.
  const coding: Coding = layerShapes(header.config).decoder.map((_, k) =>
    header.tensors.find((t) => t?.name === `decoder.${k}.W`)?.dtype === 'int8' ? 'int8' : 'float16',
  );
  const expected = expectedTensors(header.config, header.count, coding);
  if (header.tensors.length !== expected.length) {
    throw new FirstPaintError(`expected ${expected.length} tensors for this config, the file has ${header.tensors.length}`);
  }
  const raw = expected.map((want, i) => {
    const t = header.tensors[i];
    if (t?.name !== want.name) throw new FirstPaintError(`tensor ${i} should be ${want.name}, found ${JSON.stringify(t?.name)}`);
    if (t.dtype !== want.dtype) throw new FirstPaintError(`${want.name} should be ${want.dtype}, found ${JSON.stringify(t.dtype)}`);
    if (!Array.isArray(t.shape) || t.shape.join('×') !== want.shape.join('×')) {
      throw new FirstPaintError(`${want.name} has shape [${t.shape}], the config needs [${want.shape}]`);
    }
    const length = sizeOf(want.shape);
    if (!Number.isInteger(t.offset) || t.offset < 0 || t.offset % 4 !== 0 || t.offset + length * BYTES[want.dtype] > dataBytes) {
      throw new FirstPaintError(`${want.name} lies outside the data`);
    }
    const at = dataStart + t.offset;
    // Copies, so the arrays own compact buffers that can be transferred on their own.
    switch (want.dtype) {
      case 'int8':
        return new Int8Array(buf.slice(at, at + length));
      case 'uint8':
        return new Uint8Array(buf.slice(at, at + length));
      case 'float16':
        return fromHalf(new Uint16Array(buf, at, length));
      case 'float32':
        return new Float32Array(buf.slice(at, at + length * 4));
    }
  });
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i];
    if (a instanceof Float32Array && !a.every(Number.isFinite)) throw new FirstPaintError(`${expected[i].name} contains NaN or infinite values`);
  }

  let next = 0;
  const take = <T>() => raw[next++] as T;
  const decoder = layerShapes(header.config).decoder.map(([inDim, outDim], k): DenseWeights => {
    const W = coding[k] === 'int8' ? dequantize({ q: take<Int8Array>(), scale: take<Float32Array>() }, inDim, outDim) : take<Float32Array>();
    return { inDim, outDim, W, b: take<Float32Array>() };
  });
  const mu = take<Float32Array>();
  const logvar = header.config.kind === 'vae' ? take<Float32Array>() : null;
  const labels = take<Uint8Array>();
  const { tensors: _t, format: _f, version: _v, ...meta } = header;
  return { ...meta, decoder, count: header.count, mu, logvar, labels };
}
