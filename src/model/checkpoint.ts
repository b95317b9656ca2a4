// The one checkpoint format, the same bytes in Node and the browser (ArrayBuffer in and out).
//
// Layout, little-endian:
//   0   8  magic "VAE-CKPT"
//   8   4  header length H (UTF-8 JSON bytes)
//  12   4  weight data length B
//  16   4  CRC-32 of every byte from offset 24 to the end
//  20   4  reserved, 0
//  24   H  JSON header: everything but the weight values, plus a table of tensors
//           (name, shape, dtype, byte offset into the data)
//  then zero padding to a multiple of 8, then B bytes of weights (float32, or float16 on request).

import { layerShapes, sameConfig, validateHyper, validateModelConfig, withHyperDefaults } from './config';
import { crc32 } from './crc32';
import { FLOAT16_MAX, fromFloat16Bits, toFloat16Bits } from './float16';
import type { DenseWeights, Hyper, Metrics, ModelConfig, NetworkWeights } from './types';

export interface Checkpoint {
  format: 'vae-playground';
  version: 1;
  dataset: string;
  config: ModelConfig;
  hyper: Hyper;
  seed: number;
  step: number;
  epoch: number;
  /** ISO 8601. */
  createdAt: string;
  /** The command line that trained it (CLI runs). */
  command?: string;
  /** UI curves; opaque to the model layer. */
  history?: unknown;
  testMetrics?: Metrics;
  weights: NetworkWeights;
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(`Checkpoint: ${message}`);
    this.name = 'CheckpointError';
  }
}

export const CHECKPOINT_EXTENSION = '.vaeckpt';
export const DEFAULT_MAX_CHECKPOINT_BYTES = 256 * 1024 * 1024;
const MAGIC = 'VAE-CKPT';
const PREFIX_BYTES = 24;

type DType = 'float32' | 'float16';
interface TensorEntry {
  name: string;
  shape: number[];
  dtype: DType;
  offset: number;
}
interface Header extends Omit<Checkpoint, 'weights'> {
  tensors: TensorEntry[];
}

const align = (n: number, to: number) => Math.ceil(n / to) * to;
const bytesPer = (dtype: DType) => (dtype === 'float16' ? 2 : 4);

// Weight bytes are written through typed arrays, which use the platform's byte order.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The tensors a config implies, in file order, with their expected shapes. */
function expectedTensors(config: ModelConfig): Array<{ name: string; shape: number[] }> {
  const s = layerShapes(config);
  const layer = (name: string, [i, o]: [number, number]) => [
    { name: `${name}.W`, shape: [i, o] },
    { name: `${name}.b`, shape: [o] },
  ];
  return [
    ...s.encoder.flatMap((shape, k) => layer(`encoder.${k}`, shape)),
    ...layer('mu', s.head),
    ...(config.kind === 'vae' ? layer('logvar', s.head) : []),
    ...s.decoder.flatMap((shape, k) => layer(`decoder.${k}`, shape)),
  ];
}

function flatten(w: NetworkWeights): Float32Array[] {
  const layers = [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder];
  return layers.flatMap((l) => [l.W, l.b]);
}

export function serializeCheckpoint(c: Checkpoint, opts: { float16?: boolean } = {}): ArrayBuffer {
  if (!littleEndian) throw new CheckpointError('big-endian platforms are not supported');
  if (!sameConfig(c.config, c.weights.config)) throw new CheckpointError('the weights do not match the config');
  const dtype: DType = opts.float16 ? 'float16' : 'float32';
  const arrays = flatten(c.weights);
  const expected = expectedTensors(c.config);
  if (arrays.length !== expected.length) throw new CheckpointError(`expected ${expected.length} tensors, got ${arrays.length}`);

  let dataBytes = 0;
  const tensors: TensorEntry[] = expected.map(({ name, shape }, i) => {
    if (arrays[i].length !== shape.reduce((a, b) => a * b, 1)) throw new CheckpointError(`${name} has the wrong size`);
    const entry = { name, shape, dtype, offset: dataBytes };
    dataBytes = align(dataBytes + arrays[i].length * bytesPer(dtype), 4);
    return entry;
  });
  const { weights: _weights, ...meta } = c;
  const header: Header = { ...meta, format: 'vae-playground', version: 1, tensors };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align(PREFIX_BYTES + headerBytes.length, 8);

  const buf = new ArrayBuffer(dataStart + dataBytes);
  const bytes = new Uint8Array(buf);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  bytes.set(headerBytes, PREFIX_BYTES);
  tensors.forEach((t, i) => {
    const src = arrays[i];
    if (dtype === 'float32') {
      new Float32Array(buf, dataStart + t.offset, src.length).set(src);
    } else {
      const dst = new Uint16Array(buf, dataStart + t.offset, src.length);
      for (let j = 0; j < src.length; j++) {
        if (Math.abs(src[j]) > FLOAT16_MAX) throw new CheckpointError(`${t.name} has a value beyond float16 range; save as float32`);
        dst[j] = toFloat16Bits(src[j]);
      }
    }
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
    throw new CheckpointError(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) throw new CheckpointError('the header is not a JSON object');
  const h = raw as Partial<Header>;
  if (h.format !== 'vae-playground') throw new CheckpointError(`unknown format ${JSON.stringify(h.format)}`);
  if (h.version !== 1) throw new CheckpointError(`unsupported version ${JSON.stringify(h.version)}; this app reads version 1`);
  if (typeof h.dataset !== 'string') throw new CheckpointError('the header names no dataset');
  for (const k of ['seed', 'step', 'epoch'] as const) {
    if (typeof h[k] !== 'number' || !Number.isFinite(h[k])) throw new CheckpointError(`the header has no valid ${k}`);
  }
  for (const k of ['step', 'epoch'] as const) {
    if (!Number.isSafeInteger(h[k]) || (h[k] as number) < 0) throw new CheckpointError(`${k} must be a non-negative integer, got ${h[k]}`);
  }
  if (typeof h.createdAt !== 'string') throw new CheckpointError('the header has no createdAt');
  if (!h.config || typeof h.config !== 'object') throw new CheckpointError('the header has no model config');
  const configProblems = validateModelConfig(h.config);
  if (configProblems.length > 0) throw new CheckpointError(`invalid model config: ${configProblems.join('; ')}`);
  if (!h.hyper || typeof h.hyper !== 'object') throw new CheckpointError('the header has no hyperparameters');
  const hyperProblems = validateHyper(h.hyper);
  if (hyperProblems.length > 0) throw new CheckpointError(`invalid hyperparameters: ${hyperProblems.join('; ')}`);
  if (!Array.isArray(h.tensors)) throw new CheckpointError('the header has no tensor table');
  h.hyper = withHyperDefaults(h.hyper);
  return h as Header;
}

/** Reads and fully validates a checkpoint; throws CheckpointError saying what is wrong. */
export function parseCheckpoint(buf: ArrayBuffer, maxBytes = DEFAULT_MAX_CHECKPOINT_BYTES): Checkpoint {
  if (!littleEndian) throw new CheckpointError('big-endian platforms are not supported');
  const bytes = new Uint8Array(buf);
  if (bytes.length < MAGIC.length || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new CheckpointError('not a VAE Playground checkpoint (bad magic bytes)');
  }
  if (bytes.length > maxBytes) throw new CheckpointError(`file is too large (${bytes.length} bytes; limit ${maxBytes})`);
  if (bytes.length < PREFIX_BYTES) throw new CheckpointError(`truncated: only ${bytes.length} bytes`);
  const view = new DataView(buf);
  const headerLength = view.getUint32(8, true);
  const dataBytes = view.getUint32(12, true);
  const dataStart = align(PREFIX_BYTES + headerLength, 8);
  if (dataStart + dataBytes > maxBytes) throw new CheckpointError(`declared size ${dataStart + dataBytes} bytes exceeds the limit ${maxBytes}`);
  if (bytes.length < dataStart + dataBytes) {
    throw new CheckpointError(`truncated: ${bytes.length} bytes, the header declares ${dataStart + dataBytes}`);
  }
  if (bytes.length > dataStart + dataBytes) {
    throw new CheckpointError(`${bytes.length - dataStart - dataBytes} unexpected bytes after the weights`);
  }
  if (crc32(bytes.subarray(PREFIX_BYTES)) !== view.getUint32(16, true)) {
    throw new CheckpointError('corrupted: the checksum does not match the contents');
  }
  const header = parseHeader(new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)));

  const expected = expectedTensors(header.config);
  if (header.tensors.length !== expected.length) {
    throw new CheckpointError(`expected ${expected.length} tensors for this config, the file has ${header.tensors.length}`);
  }
  const arrays = expected.map(({ name, shape }, i) => {
    const t = header.tensors[i];
    if (t?.name !== name) throw new CheckpointError(`tensor ${i} should be ${name}, found ${JSON.stringify(t?.name)}`);
    if (!Array.isArray(t.shape) || t.shape.join('×') !== shape.join('×')) {
      throw new CheckpointError(`${name} has shape [${t.shape}], the config needs [${shape}]`);
    }
    if (t.dtype !== 'float32' && t.dtype !== 'float16') throw new CheckpointError(`${name} has unknown dtype ${JSON.stringify(t.dtype)}`);
    const length = shape.reduce((a, b) => a * b, 1);
    if (!Number.isInteger(t.offset) || t.offset < 0 || t.offset % 4 !== 0 || t.offset + length * bytesPer(t.dtype) > dataBytes) {
      throw new CheckpointError(`${name} lies outside the weight data`);
    }
    const out = new Float32Array(length);
    if (t.dtype === 'float32') out.set(new Float32Array(buf, dataStart + t.offset, length));
    else {
      const src = new Uint16Array(buf, dataStart + t.offset, length);
      for (let j = 0; j < length; j++) out[j] = fromFloat16Bits(src[j]);
    }
    for (let j = 0; j < length; j++) {
      if (!Number.isFinite(out[j])) throw new CheckpointError(`${name} contains NaN or infinite values`);
    }
    return out;
  });

  let next = 0;
  const dense = (): DenseWeights => {
    const W = arrays[next++];
    const b = arrays[next++];
    return { inDim: W.length / b.length, outDim: b.length, W, b };
  };
  const config = header.config;
  const weights: NetworkWeights = {
    config,
    encoder: config.hidden.map(dense),
    mu: dense(),
    logvar: config.kind === 'vae' ? dense() : null,
    decoder: [...config.hidden, config.inputDim].map(dense),
  };
  const { tensors: _tensors, ...meta } = header;
  return { ...meta, weights };
}
