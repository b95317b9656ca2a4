// The "first paint" file of a pretrained model: just what the page needs to draw the latent
// map and decode a dragged z before the training worker (TF.js, the dataset, the full
// checkpoint) has started: the decoder, quantized, and the test set's precomputed codes.
// TF.js-free, so the main thread can read it.
//
// The app's one binary frame (binaryContainer.ts, as a checkpoint) with the magic "VAE-FRST";
// the header describes the model. Tensors, in order: per decoder layer k `decoder.k.W` (int8 or float16, per layer),
// `decoder.k.W.scale` (float32 [outDim], int8 layers only: W[i][j] = q[i][j]·scale[j]),
// `decoder.k.b` (float32); a conv network's convolutions (layerPlan.ts) are float16 in TF.js's
// filter layout, never int8; then
// `latent.mu` (float16 [count × latentDim]), `latent.logvar` (float16, VAE only) and
// `latent.labels` (uint8 [count]).

import { validateHyper, validateModelConfig, withHyperDefaults } from './config';
import { biasLength, layerFromArrays, networkPlan, weightShape } from './layerPlan';
import { readContainer, readTensors, writeContainer, type ContainerKind, type TensorSpec } from './binaryContainer';
import { toFloat16Bits } from './float16';
import { dequantize, type QuantizedLayer } from './gptq';
import type { Hyper, LayerWeights, Metrics, ModelConfig } from './types';

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
  decoder: LayerWeights[];
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

const KIND: ContainerKind = {
  magic: 'VAE-FRST',
  format: 'vae-playground-first-paint',
  version: 1,
  noun: 'first-paint file',
  dataName: 'data',
  maxBytes: 64 * 1024 * 1024,
  error: (message) => new FirstPaintError(message),
};

type Meta = Omit<FirstPaint, 'decoder' | 'mu' | 'logvar' | 'labels'>;
type Header = Meta & { format: string; version: number; tensors: unknown[] };

function toHalf(src: Float32Array): Uint16Array {
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = toFloat16Bits(src[i]);
  return out;
}

/** How each decoder layer's W is stored. */
type Coding = Array<'int8' | 'float16'>;

/** The tensors a config implies, in file order, with their shapes and dtypes. */
function expectedTensors(config: ModelConfig, count: number, coding: Coding): TensorSpec[] {
  const out: TensorSpec[] = [];
  networkPlan(config).decoder.forEach((s, k) => {
    const o = biasLength(s);
    // int8 is for dense layers only; a convolution is always float16.
    const int8 = coding[k] === 'int8' && s.op === 'dense';
    out.push({ name: `decoder.${k}.W`, shape: weightShape(s), dtype: int8 ? 'int8' : 'float16' });
    if (int8) out.push({ name: `decoder.${k}.W.scale`, shape: [o], dtype: 'float32' });
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
  const problems = validateModelConfig(fp.config);
  if (problems.length > 0) throw new FirstPaintError(`invalid model config: ${problems.join('; ')}`);
  if ((fp.logvar === null) !== (fp.config.kind === 'ae')) throw new FirstPaintError('log σ² must be present for a VAE and absent for an AE');
  const plan = networkPlan(fp.config).decoder;
  if (quantized.some((q, k) => q && plan[k]?.op !== 'dense')) throw new FirstPaintError('only dense decoder layers can be stored as int8');
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

  const { decoder: _d, mu: _m, logvar: _l, labels: _b, ...meta } = fp;
  return writeContainer(KIND, { ...meta, format: KIND.format, version: KIND.version }, expectedTensors(fp.config, fp.count, coding), arrays);
}

/** The file's own header fields, after the container has checked format, version and table. */
function checkHeader(raw: Record<string, unknown>): Header {
  const h = raw as Partial<Header>;
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
  h.hyper = withHyperDefaults(h.hyper);
  return h as Header;
}

/** Reads and fully validates a first-paint file; throws FirstPaintError saying what is wrong. */
export function parseFirstPaint(buf: ArrayBuffer): FirstPaint {
  const container = readContainer(KIND, buf);
  const header = checkHeader(container.header);
  // Each layer's coding is whatever its W entry says; the table is then checked against it.
  const table = header.tensors as Array<{ name?: unknown; dtype?: unknown } | null>;
  const plan = networkPlan(header.config).decoder;
  const coding: Coding = plan.map((_, k) =>
    table.find((t) => t?.name === `decoder.${k}.W`)?.dtype === 'int8' ? 'int8' : 'float16',
  );
  // Copies, so the arrays own compact buffers that can be transferred on their own.
  const raw = readTensors(KIND, container, expectedTensors(header.config, header.count, coding));

  let next = 0;
  const take = <T>() => raw[next++] as T;
  const decoder = plan.map((s, k): LayerWeights => {
    const W = coding[k] === 'int8' && s.op === 'dense' ? dequantize({ q: take<Int8Array>(), scale: take<Float32Array>() }, s.inDim, s.outDim) : take<Float32Array>();
    return layerFromArrays(s, W, take<Float32Array>());
  });
  const mu = take<Float32Array>();
  const logvar = header.config.kind === 'vae' ? take<Float32Array>() : null;
  const labels = take<Uint8Array>();
  const { tensors: _t, format: _f, version: _v, ...meta } = header;
  return { ...meta, decoder, count: header.count, mu, logvar, labels };
}
