// Checks a model config and hyperparameters against the ranges of the one parameter schema
// (params.ts), for the network, the checkpoint reader and the CLI, reporting problems in words.

import type { DatasetName } from '../data/types';
import { INPUT_DIM, INPUT_DIMS, INPUT_SIDES, inputDimOf, inValidRange, PARAMS, validRangeText } from './params';
import { archOf, DEFAULT_HYPER, type Hyper, type ModelConfig, type NetworkWeights } from './types';

export { INPUT_DIM, inputDimOf };
/** "784 (28×28 images) or 1024 (32×32 images)": the input sizes a model may have, for messages. */
const INPUT_DIMS_TEXT = [...INPUT_SIDES].map(([dim, side]) => `${dim} (${side}×${side} images)`).join(' or ');
const LATENT_RANGE = PARAMS.latentDim.valid;
const HIDDEN_LAYERS_RANGE = PARAMS.hidden.layers;
const HIDDEN_SIZE_RANGE = PARAMS.hidden.size;
const SAMPLES_RANGE = PARAMS.samples.valid;
const BATCH_RANGE = PARAMS.batchSize.valid;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Says so where a conv config carries hidden sizes other than the default: they apply to the MLP only and are ignored. */
export const HIDDEN_MLP_ONLY = 'hidden sizes apply to the MLP only; the conv network has fixed layers and ignores them';

/** Human-readable problems with a model config; empty when it is valid. A conv config's hidden sizes are not checked (ignored). */
export function validateModelConfig(c: ModelConfig): string[] {
  const problems: string[] = [];
  if (c.arch !== undefined && !(PARAMS.arch.options as readonly string[]).includes(c.arch)) {
    problems.push(`unknown architecture ${JSON.stringify(c.arch)}: this version knows ${PARAMS.arch.options.map((o) => `"${o}"`).join(' and ')}`);
  }
  if (!(PARAMS.kind.options as readonly string[]).includes(c.kind)) problems.push(`model kind must be "vae" or "ae", got ${JSON.stringify(c.kind)}`);
  if (!INPUT_SIDES.has(c.inputDim)) problems.push(`inputDim must be ${INPUT_DIMS_TEXT}, got ${c.inputDim}`);
  if (!isInt(c.latentDim) || c.latentDim < LATENT_RANGE.min || c.latentDim > LATENT_RANGE.max) {
    problems.push(`latentDim must be an integer ${LATENT_RANGE.min}–${LATENT_RANGE.max}, got ${c.latentDim}`);
  }
  if (archOf(c) === 'conv') return problems;
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

/**
 * Why a model of this input size cannot run on this dataset's images (a Shapes checkpoint
 * offered MNIST, say), or null when it can. Only datasets this version knows are checked.
 */
export function datasetInputProblem(dataset: string, inputDim: number): string | null {
  if (!Object.hasOwn(INPUT_DIMS, dataset)) return null;
  const want = inputDimOf(dataset as DatasetName);
  if (inputDim === want) return null;
  const side = INPUT_SIDES.get(want);
  return `the model takes ${inputDim} inputs but ${dataset} images are ${side}×${side} = ${want} pixels`;
}

/** A stored session's hyperparameters with the fields it predates set to today's defaults. */
export function withHyperDefaults(h: Hyper): Hyper {
  return h.warmStart === undefined ? { ...h, warmStart: DEFAULT_HYPER.warmStart } : h;
}

/** Human-readable problems with hyperparameters; empty when they are valid. */
export function validateHyper(h: Hyper): string[] {
  const problems: string[] = [];
  const lr = PARAMS.learningRate;
  if (!isFiniteNumber(h.learningRate) || h.learningRate <= lr.valid.min || h.learningRate > lr.valid.max) {
    problems.push(`learning rate must be in ${validRangeText(lr)}, got ${h.learningRate}`);
  }
  const beta = PARAMS.beta.valid;
  if (!isFiniteNumber(h.beta) || h.beta < beta.min || h.beta > beta.max) problems.push(`β must be in ${validRangeText(PARAMS.beta)}, got ${h.beta}`);
  if (!(PARAMS.likelihood.options as readonly string[]).includes(h.likelihood)) {
    problems.push(`likelihood must be ${PARAMS.likelihood.options.map((o) => `"${o}"`).join(' or ')}, got ${JSON.stringify(h.likelihood)}`);
  }
  const sigma = PARAMS.sigmaX.valid;
  if (!isFiniteNumber(h.sigmaX) || h.sigmaX < sigma.min || h.sigmaX > sigma.max) problems.push(`σ_x must be in ${validRangeText(PARAMS.sigmaX)}, got ${h.sigmaX}`);
  if (!isInt(h.samples) || h.samples < SAMPLES_RANGE.min || h.samples > SAMPLES_RANGE.max) {
    problems.push(`samples L must be an integer ${SAMPLES_RANGE.min}–${SAMPLES_RANGE.max}, got ${h.samples}`);
  }
  if (typeof h.reparam !== 'boolean') problems.push(`reparam must be true or false`);
  if (h.warmStart !== undefined && typeof h.warmStart !== 'boolean') problems.push(`warmStart must be true or false`);
  if (h.objective !== undefined && !(PARAMS.objective.options as readonly string[]).includes(h.objective)) {
    problems.push(`objective must be ${PARAMS.objective.options.map((o) => `"${o}"`).join(' or ')}, got ${JSON.stringify(h.objective)}`);
  }
  for (const [key, name] of [['gamma', 'γ'], ['cMax', 'C_max'], ['rampSteps', 'the capacity ramp']] as const) {
    const v = h[key];
    if (v !== undefined && !inValidRange(PARAMS[key], v)) {
      problems.push(`${name} must be ${PARAMS[key].integer ? 'an integer ' : ''}in ${validRangeText(PARAMS[key])}, got ${v}`);
    }
  }
  if (!isInt(h.batchSize) || h.batchSize < BATCH_RANGE.min || h.batchSize > BATCH_RANGE.max) {
    problems.push(`batch size must be an integer ${BATCH_RANGE.min}–${BATCH_RANGE.max}, got ${h.batchSize}`);
  }
  return problems;
}

/** Same weight shapes: same architecture, kind and sizes (a conv network's hidden sizes are ignored). */
export function sameConfig(a: ModelConfig, b: ModelConfig): boolean {
  const arch = archOf(a);
  if (arch !== archOf(b)) return false;
  if (arch === 'conv') return a.kind === b.kind && a.inputDim === b.inputDim && a.latentDim === b.latentDim;
  return (
    a.kind === b.kind &&
    a.inputDim === b.inputDim &&
    a.latentDim === b.latentDim &&
    a.hidden.length === b.hidden.length &&
    a.hidden.every((h, i) => h === b.hidden[i])
  );
}

/**
 * The checks every network's setWeights starts with, whatever its layers: the weights' config is
 * the network's, and they hold as many encoder and decoder layers. Throws; changes nothing.
 */
export function checkWeightsFrame(w: NetworkWeights, cfg: ModelConfig, encoderLayers: number, decoderLayers: number): void {
  if (!sameConfig(w.config, cfg)) {
    throw new Error(`weights: config ${JSON.stringify(w.config)} does not match the network ${JSON.stringify(cfg)}`);
  }
  if (w.encoder.length !== encoderLayers || w.decoder.length !== decoderLayers) {
    throw new Error(`weights: expected ${encoderLayers} encoder and ${decoderLayers} decoder layers`);
  }
}

/** Layer shapes [inDim, outDim] of an MLP config, in NetworkWeights order (layerPlan.ts has both architectures). */
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
