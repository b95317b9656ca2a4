// The one checkpoint format, the same bytes in Node and the browser (ArrayBuffer in and out),
// in the app's one binary frame (binaryContainer.ts) with the magic "VAE-CKPT". The header holds
// everything but the weight values; the data is the weights (float32, or float16 on request).

import { sameConfig, validateHyper, validateModelConfig, withHyperDefaults } from './config';
import { biasLength, layerFromArrays, networkPlan, weightShape, type LayerSpec } from './layerPlan';
import { readContainer, readTensors, writeContainer, type ContainerKind } from './binaryContainer';
import { FLOAT16_MAX, toFloat16Bits } from './float16';
import type { DenseWeights, Hyper, Metrics, ModelConfig, NetworkWeights } from './types';
import { PARAMS } from './params';

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
const KIND: ContainerKind = {
  magic: 'VAE-CKPT',
  format: 'vae-playground',
  version: 1,
  noun: 'checkpoint',
  dataName: 'weight data',
  maxBytes: DEFAULT_MAX_CHECKPOINT_BYTES,
  error: (message) => new CheckpointError(message),
};
const WEIGHT_DTYPES = ['float32', 'float16'] as const;

type Header = Omit<Checkpoint, 'weights'> & { tensors: unknown[] };

/**
 * The tensors a config implies, in file order, with their expected shapes: each layer's W (dense
 * [in, out]; a conv network's convolutions in TF.js's filter layouts, layerPlan.ts) and b.
 */
function expectedTensors(config: ModelConfig): Array<{ name: string; shape: number[] }> {
  const p = networkPlan(config);
  const layer = (name: string, s: LayerSpec) => [
    { name: `${name}.W`, shape: weightShape(s) },
    { name: `${name}.b`, shape: [biasLength(s)] },
  ];
  return [
    ...p.encoder.flatMap((s, k) => layer(`encoder.${k}`, s)),
    ...layer('mu', p.head),
    ...(config.kind === 'vae' ? layer('logvar', p.head) : []),
    ...p.decoder.flatMap((s, k) => layer(`decoder.${k}`, s)),
  ];
}

function flatten(w: NetworkWeights): Float32Array[] {
  const layers = [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder];
  return layers.flatMap((l) => [l.W, l.b]);
}

function toHalf(name: string, src: Float32Array): Uint16Array {
  const out = new Uint16Array(src.length);
  for (let j = 0; j < src.length; j++) {
    if (Math.abs(src[j]) > FLOAT16_MAX) throw new CheckpointError(`${name} has a value beyond float16 range; save as float32`);
    out[j] = toFloat16Bits(src[j]);
  }
  return out;
}

export function serializeCheckpoint(c: Checkpoint, opts: { float16?: boolean } = {}): ArrayBuffer {
  if (!sameConfig(c.config, c.weights.config)) throw new CheckpointError('the weights do not match the config');
  const dtype = opts.float16 ? 'float16' : 'float32';
  const arrays = flatten(c.weights);
  const expected = expectedTensors(c.config).map((t) => ({ ...t, dtype }) as const);
  const stored = dtype === 'float16' ? arrays.map((a, i) => toHalf(expected[i]?.name ?? `tensor ${i}`, a)) : arrays;
  const { weights: _weights, ...meta } = c;
  return writeContainer(KIND, { ...meta, format: KIND.format, version: KIND.version }, expected, stored);
}

/** The checkpoint's own header fields, after the container has checked format, version and table. */
function checkHeader(raw: Record<string, unknown>): Header {
  const h = raw as Partial<Header>;
  if (typeof h.dataset !== 'string') throw new CheckpointError('the header names no dataset');
  for (const k of ['seed', 'step', 'epoch'] as const) {
    if (typeof h[k] !== 'number' || !Number.isFinite(h[k])) throw new CheckpointError(`the header has no valid ${k}`);
  }
  for (const k of ['step', 'epoch'] as const) {
    if (!Number.isSafeInteger(h[k]) || (h[k] as number) < 0) throw new CheckpointError(`${k} must be a non-negative integer, got ${h[k]}`);
  }
  if (typeof h.createdAt !== 'string') throw new CheckpointError('the header has no createdAt');
  if (!h.config || typeof h.config !== 'object') throw new CheckpointError('the header has no model config');
  // Absent: an MLP (checkpoints from before the conv network). One this version does not know is refused by name.
  const arch: unknown = h.config.arch;
  if (arch !== undefined && !(PARAMS.arch.options as readonly unknown[]).includes(arch)) {
    throw new CheckpointError(
      `the model's architecture ${JSON.stringify(arch)} is unknown to this version (it knows ${PARAMS.arch.options.join(' and ')}); nothing was loaded`,
    );
  }
  const configProblems = validateModelConfig(h.config);
  if (configProblems.length > 0) throw new CheckpointError(`invalid model config: ${configProblems.join('; ')}`);
  if (!h.hyper || typeof h.hyper !== 'object') throw new CheckpointError('the header has no hyperparameters');
  const hyperProblems = validateHyper(h.hyper);
  if (hyperProblems.length > 0) throw new CheckpointError(`invalid hyperparameters: ${hyperProblems.join('; ')}`);
  h.hyper = withHyperDefaults(h.hyper);
  return h as Header;
}

/** Reads and fully validates a checkpoint; throws CheckpointError saying what is wrong. */
export function parseCheckpoint(buf: ArrayBuffer, maxBytes = DEFAULT_MAX_CHECKPOINT_BYTES): Checkpoint {
  const container = readContainer(KIND, buf, maxBytes);
  const header = checkHeader(container.header);
  const expected = expectedTensors(header.config).map((t) => ({ ...t, dtype: WEIGHT_DTYPES }));
  const arrays = readTensors(KIND, container, expected) as Float32Array[];

  let next = 0;
  const take = (s: LayerSpec) => layerFromArrays(s, arrays[next++], arrays[next++]);
  const config = header.config;
  const plan = networkPlan(config);
  const weights: NetworkWeights = {
    config,
    encoder: plan.encoder.map(take),
    mu: take(plan.head) as DenseWeights,
    logvar: config.kind === 'vae' ? (take(plan.head) as DenseWeights) : null,
    decoder: plan.decoder.map(take),
  };
  const { tensors: _tensors, ...meta } = header;
  return { ...meta, weights };
}
