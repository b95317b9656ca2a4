// vae.json: the small manifest beside model.safetensors that says what the weights are, so a
// script (scripts/python/load_vae.py) can rebuild the model and this app can open one trained
// elsewhere. Written by exportForTorch (and by save_for_playground in Python), read strictly.
//
// {
//   "format": "vae-playground-model", "version": 1,
//   "playgroundVersion": "0.1.0",            package.json version of the app that wrote it (Python: its own)
//   "producer": "vae-playground" | "pytorch", who trained the weights last
//   "model": { "kind": "vae" | "ae", "architecture": "mlp" | "conv", "inputShape": [1, 28, 28], "inputDim": 784,
//              (Shapes: [1, 32, 32] and 1024; the shape must agree with inputDim, and a known
//              dataset with both: a 784-input model named "shapes" is refused)
//              "latentDim": 2, "hidden": [512, 256], "layers": [TorchLayer…] }   (torchLayout.ts; conv:
//              torchLayoutConv.ts, whose fixed layers ignore "hidden", which may be absent)
//   "likelihood": { "type": "bernoulli" | "gaussian", "sigmaX": 1 },
//   "data": { "dataset": "mnist" | "fashion" | "shapes", "pixelRange": [0, 1], "pixelScaling": "x = intensity / 255", … },
//   "training": { "optimizer": "adam", "learningRate", "beta", "samples", "reparam", "batchSize",
//                 "warmStart", "seed", "step", "epoch" },
//   "weights": { "file": "model.safetensors", "layout": "pytorch", "dtype": "F32" },
//   "notes": [ …sentences… ], "createdAt": ISO 8601
// }

import { datasetInputProblem, validateHyper, validateModelConfig } from './config';
import { INPUT_SIDES } from './params';
import { parseBoundedJson } from './safetensors';
import { torchLayers, type TorchLayer } from './torchLayout';
import { archOf, DEFAULT_MODEL, DEFAULT_HYPER, type Arch, type Hyper, type ModelConfig } from './types';

export const MANIFEST_FORMAT = 'vae-playground-model';
export const MANIFEST_FILE = 'vae.json';
export const WEIGHTS_FILE = 'model.safetensors';
const MAX_MANIFEST_BYTES = 256 * 1024;
const MAX_DEPTH = 8;

export class ManifestError extends Error {
  constructor(message: string) {
    super(`vae.json: ${message}`);
    this.name = 'ManifestError';
  }
}
function fail(message: string): never {
  throw new ManifestError(message);
}

export type Producer = 'vae-playground' | 'pytorch';

/** What the manifest says, checked. */
export interface ModelManifest {
  producer: Producer;
  playgroundVersion: string;
  config: ModelConfig;
  hyper: Hyper;
  dataset: string;
  seed: number;
  step: number;
  epoch: number;
  createdAt: string;
}

/** The notes of a model of this input size (its image side in the input line) and architecture. */
export function manifestNotes(inputDim: number, arch: Arch = 'mlp'): string[] {
  const side = INPUT_SIDES.get(inputDim) ?? Math.sqrt(inputDim);
  const notes = arch === 'conv' ? [...CONV_NOTES, ...MANIFEST_NOTES.slice(2)] : MANIFEST_NOTES;
  return notes.map((n) => n.replace('28×28', `${side}×${side}`).replace(' 784 ', ` ${inputDim} `));
}

/** A conv model's first notes (its layers; the input and loss notes are the MLP's). */
export const CONV_NOTES = [
  'Weights in PyTorch layouts: Conv2d [out, in, k, k], ConvTranspose2d [in, out, k, k], Linear [out, in]; feature maps are NCHW, so the Linear after the encoder\'s flatten reads (channel, row, column). Keras/TF.js kernels are [k, k, in, out] and [k, k, out, in] with NHWC maps.',
  'TF "same" padding at stride 2 is uneven: each stride-2 Conv2d has a ZeroPad2d((0, 1, 0, 1)) ahead of it (pad), and each stride-2 ConvTranspose2d keeps the first 2·in outputs of its 2·in + 1 (crop). The heads fc_mu and fc_logvar (VAE only; log σ² is clamped to [−10, 10]) read the 16-unit Dense layer; the decoder\'s last layer outputs logits: the mean image is sigmoid(logits).',
];

/** The notes as a 28×28 model's manifest carries them. */
export const MANIFEST_NOTES = [
  'Weights are PyTorch nn.Linear tensors: weight [out, in], bias [out]; y = x·weightᵀ + bias. Keras Dense kernels are [in, out] (the transpose) with the same bias.',
  'The encoder is encoder.0, encoder.2, … (ReLU after each), then the heads fc_mu and fc_logvar (VAE only; log σ² is clamped to [−10, 10]). The decoder mirrors the encoder, ReLU between layers, and its last layer outputs logits: the mean image is sigmoid(logits).',
  'Input: the 28×28 image flattened row-major to 784 values x = intensity / 255 in [0, 1], not binarized.',
  'Losses in nats per image, summed over pixels and latent dimensions: Bernoulli −log p(x|z) from logits, or Gaussian with fixed σ_x; KL(q(z|x) ‖ N(0, I)) analytic. −ELBO = recon + KL.',
];

export function buildManifest(m: ModelManifest): Record<string, unknown> {
  const { config, hyper } = m;
  const side = INPUT_SIDES.get(config.inputDim);
  if (side === undefined) throw new ManifestError(validateModelConfig(config).join('; ') || `inputDim ${config.inputDim} has no image side`);
  return {
    format: MANIFEST_FORMAT,
    version: 1,
    playgroundVersion: m.playgroundVersion,
    producer: m.producer,
    model: {
      kind: config.kind,
      architecture: archOf(config),
      inputShape: [1, side, side],
      inputDim: config.inputDim,
      latentDim: config.latentDim,
      hidden: config.hidden,
      layers: torchLayers(config),
    },
    likelihood: { type: hyper.likelihood, sigmaX: hyper.sigmaX },
    data: { dataset: m.dataset, pixelRange: [0, 1], pixelScaling: 'x = intensity / 255', flatten: `row-major ${side}×${side} → ${config.inputDim}` },
    training: {
      optimizer: 'adam',
      learningRate: hyper.learningRate,
      beta: hyper.beta,
      samples: hyper.samples,
      reparam: hyper.reparam,
      batchSize: hyper.batchSize,
      warmStart: hyper.warmStart ?? false,
      seed: m.seed,
      step: m.step,
      epoch: m.epoch,
    },
    weights: { file: WEIGHTS_FILE, layout: 'pytorch', dtype: 'F32' },
    notes: manifestNotes(config.inputDim, archOf(config)),
    createdAt: m.createdAt,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A step or epoch count: a non-negative integer, or the file is refused. */
export function checkCount(name: string, v: unknown, onError: (message: string) => never): number {
  if (!isCount(v)) onError(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return v as number;
}

function sameLayer(a: TorchLayer, b: unknown): boolean {
  if (!isObject(b)) return false;
  const conv = a.type === undefined || (a.type === b.type && a.kernel === b.kernel && a.stride === b.stride);
  return conv && a.name === b.name && a.in === b.in && a.out === b.out && a.activation === b.activation;
}

export function parseManifest(bytes: Uint8Array): ModelManifest {
  if (bytes.length > MAX_MANIFEST_BYTES) fail(`${bytes.length} bytes is far more than a manifest needs (limit ${MAX_MANIFEST_BYTES})`);
  const raw = parseBoundedJson(bytes, 'manifest', MAX_DEPTH, fail);
  if (!isObject(raw)) fail('not a JSON object');
  if (raw.format !== MANIFEST_FORMAT) fail(`format is ${JSON.stringify(raw.format)}, expected "${MANIFEST_FORMAT}"`);
  if (raw.version !== 1) fail(`version ${JSON.stringify(raw.version)}; this app reads version 1`);
  const model = raw.model;
  if (!isObject(model)) fail('no "model" section');
  if (model.architecture !== 'mlp' && model.architecture !== 'conv') {
    fail(`architecture ${JSON.stringify(model.architecture)} is not one this app runs (it runs "mlp" and "conv")`);
  }
  const conv = model.architecture === 'conv';
  // A conv network's layers are fixed: its hidden sizes, if any, are kept as written (checkpoints carry them) and not used.
  const hidden = conv && model.hidden === undefined ? [...DEFAULT_MODEL.hidden] : model.hidden;
  const config = { ...(conv ? { arch: 'conv' } : {}), kind: model.kind, inputDim: model.inputDim, latentDim: model.latentDim, hidden } as ModelConfig;
  if (conv && !(Array.isArray(hidden) && hidden.every((h) => Number.isSafeInteger(h)))) fail(`model.hidden must be a list of integers (a conv network ignores it), got ${JSON.stringify(hidden)}`);
  const configProblems = validateModelConfig(config);
  if (configProblems.length > 0) fail(configProblems.join('; '));
  const side = INPUT_SIDES.get(config.inputDim) as number;
  const shape = model.inputShape;
  if (!Array.isArray(shape) || shape.join('×') !== `1×${side}×${side}`) {
    fail(`inputShape must be [1, ${side}, ${side}] (${side}×${side} grayscale, inputDim ${config.inputDim}), got ${JSON.stringify(shape)}`);
  }
  config.hidden = [...config.hidden];
  if (model.layers !== undefined) {
    const listed: unknown = model.layers;
    if (!Array.isArray(listed)) fail('model.layers must be a list');
    const implied = torchLayers(config);
    if (listed.length !== implied.length) fail(`model.layers lists ${listed.length} layers; ${conv ? 'the conv network with this latentDim implies' : 'kind, hidden and latentDim imply'} ${implied.length}`);
    implied.forEach((l, i) => {
      if (!sameLayer(l, listed[i])) {
        const what = l.type ? ` ${l.type} ${l.kernel}×${l.kernel} stride ${l.stride}` : '';
        fail(`model.layers[${i}] is ${JSON.stringify(listed[i]).slice(0, 120)}; ${conv ? 'the conv network with this latentDim implies' : 'kind, hidden and latentDim imply'} ${l.name}${what} ${l.in}→${l.out} ${l.activation}`);
      }
    });
  }
  const lik = raw.likelihood;
  if (!isObject(lik)) fail('no "likelihood" section');
  const data = raw.data;
  if (!isObject(data) || typeof data.dataset !== 'string') fail('no "data.dataset"');
  const mismatch = datasetInputProblem(data.dataset, config.inputDim);
  if (mismatch) fail(`data.dataset ${JSON.stringify(data.dataset)}: ${mismatch}`);
  if (data.pixelRange !== undefined && (!Array.isArray(data.pixelRange) || data.pixelRange.join(',') !== '0,1')) {
    fail(`data.pixelRange is ${JSON.stringify(data.pixelRange)}; this app feeds pixels as intensity / 255 in [0, 1]`);
  }
  const training = isObject(raw.training) ? raw.training : fail('no "training" section');
  const step = checkCount('training.step', training.step, fail);
  const epoch = checkCount('training.epoch', training.epoch ?? 0, fail);
  const seed = training.seed ?? 1;
  if (!isCount(seed) || seed > 2 ** 31 - 1) fail(`training.seed must be an integer 0–2147483647, got ${JSON.stringify(seed)}`);
  const pick = <K extends keyof Hyper>(k: K, v: unknown) => (v === undefined ? DEFAULT_HYPER[k] : v) as Hyper[K];
  const hyper: Hyper = {
    learningRate: pick('learningRate', training.learningRate),
    beta: pick('beta', training.beta),
    likelihood: pick('likelihood', lik.type),
    sigmaX: pick('sigmaX', lik.sigmaX),
    samples: pick('samples', training.samples),
    reparam: pick('reparam', training.reparam),
    batchSize: pick('batchSize', training.batchSize),
    warmStart: training.warmStart === undefined ? false : (training.warmStart as boolean),
  };
  const hyperProblems = validateHyper(hyper);
  if (hyperProblems.length > 0) fail(hyperProblems.join('; '));
  const weights = raw.weights;
  if (weights !== undefined) {
    if (!isObject(weights)) fail('"weights" must be an object');
    if (weights.layout !== undefined && weights.layout !== 'pytorch') fail(`weights.layout ${JSON.stringify(weights.layout)}: this app reads the PyTorch layout ([out, in])`);
  }
  const producer = raw.producer === 'pytorch' ? 'pytorch' : 'vae-playground';
  return {
    producer,
    playgroundVersion: typeof raw.playgroundVersion === 'string' ? raw.playgroundVersion.slice(0, 40) : 'unknown',
    config,
    hyper,
    dataset: data.dataset.slice(0, 40),
    seed,
    step,
    epoch,
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt.slice(0, 40) : new Date(0).toISOString(),
  };
}
