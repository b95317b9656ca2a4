// Valid ranges of the model config and hyperparameters: one place, used by the network, the
// checkpoint reader and the CLI, each reporting the problems in words.

import { DEFAULT_HYPER, type Hyper, type ModelConfig } from './types';

export const INPUT_DIM = 784;
export const LATENT_RANGE = { min: 1, max: 64 } as const;
export const HIDDEN_LAYERS_RANGE = { min: 1, max: 4 } as const;
export const HIDDEN_SIZE_RANGE = { min: 8, max: 2048 } as const;
export const SAMPLES_RANGE = { min: 1, max: 64 } as const;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Human-readable problems with a model config; empty when it is valid. */
export function validateModelConfig(c: ModelConfig): string[] {
  const problems: string[] = [];
  if (c.kind !== 'vae' && c.kind !== 'ae') problems.push(`model kind must be "vae" or "ae", got ${JSON.stringify(c.kind)}`);
  if (c.inputDim !== INPUT_DIM) problems.push(`inputDim must be ${INPUT_DIM} (28×28 images), got ${c.inputDim}`);
  if (!isInt(c.latentDim) || c.latentDim < LATENT_RANGE.min || c.latentDim > LATENT_RANGE.max) {
    problems.push(`latentDim must be an integer ${LATENT_RANGE.min}–${LATENT_RANGE.max}, got ${c.latentDim}`);
  }
  if (!Array.isArray(c.hidden) || c.hidden.length < HIDDEN_LAYERS_RANGE.min || c.hidden.length > HIDDEN_LAYERS_RANGE.max) {
    problems.push(`hidden must list ${HIDDEN_LAYERS_RANGE.min}–${HIDDEN_LAYERS_RANGE.max} layer sizes`);
  } else {
    c.hidden.forEach((h, i) => {
      if (!isInt(h) || h < HIDDEN_SIZE_RANGE.min || h > HIDDEN_SIZE_RANGE.max) {
        problems.push(`hidden layer ${i + 1} must be an integer ${HIDDEN_SIZE_RANGE.min}–${HIDDEN_SIZE_RANGE.max}, got ${h}`);
      }
    });
  }
  return problems;
}

/** A stored session's hyperparameters with the fields it predates set to today's defaults. */
export function withHyperDefaults(h: Hyper): Hyper {
  return h.warmStart === undefined ? { ...h, warmStart: DEFAULT_HYPER.warmStart } : h;
}

/** Human-readable problems with hyperparameters; empty when they are valid. */
export function validateHyper(h: Hyper): string[] {
  const problems: string[] = [];
  if (!isFiniteNumber(h.learningRate) || h.learningRate <= 0 || h.learningRate > 1) {
    problems.push(`learning rate must be in (0, 1], got ${h.learningRate}`);
  }
  if (!isFiniteNumber(h.beta) || h.beta < 0 || h.beta > 100) problems.push(`β must be in [0, 100], got ${h.beta}`);
  if (h.likelihood !== 'bernoulli' && h.likelihood !== 'gaussian') {
    problems.push(`likelihood must be "bernoulli" or "gaussian", got ${JSON.stringify(h.likelihood)}`);
  }
  if (!isFiniteNumber(h.sigmaX) || h.sigmaX < 0.01 || h.sigmaX > 10) problems.push(`σ_x must be in [0.01, 10], got ${h.sigmaX}`);
  if (!isInt(h.samples) || h.samples < SAMPLES_RANGE.min || h.samples > SAMPLES_RANGE.max) {
    problems.push(`samples L must be an integer ${SAMPLES_RANGE.min}–${SAMPLES_RANGE.max}, got ${h.samples}`);
  }
  if (typeof h.reparam !== 'boolean') problems.push(`reparam must be true or false`);
  if (h.warmStart !== undefined && typeof h.warmStart !== 'boolean') problems.push(`warmStart must be true or false`);
  if (!isInt(h.batchSize) || h.batchSize < 1 || h.batchSize > 4096) problems.push(`batch size must be an integer 1–4096, got ${h.batchSize}`);
  return problems;
}

export function sameConfig(a: ModelConfig, b: ModelConfig): boolean {
  return (
    a.kind === b.kind &&
    a.inputDim === b.inputDim &&
    a.latentDim === b.latentDim &&
    a.hidden.length === b.hidden.length &&
    a.hidden.every((h, i) => h === b.hidden[i])
  );
}

/** Layer shapes [inDim, outDim] of a config, in NetworkWeights order. */
export function layerShapes(c: ModelConfig): {
  encoder: Array<[number, number]>;
  head: [number, number];
  decoder: Array<[number, number]>;
} {
  const enc = [c.inputDim, ...c.hidden];
  const dec = [c.latentDim, ...[...c.hidden].reverse(), c.inputDim];
  const pairs = (dims: number[]) => dims.slice(1).map((d, i): [number, number] => [dims[i], d]);
  return { encoder: pairs(enc), head: [enc[enc.length - 1], c.latentDim], decoder: pairs(dec) };
}
