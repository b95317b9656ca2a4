// The one parameter schema: every setting of a training run, once. Each entry carries its
// default, the range the model accepts (what a checkpoint or the CLI may hold), the range the
// controls offer, its name in a link and on the command line, whether changing it needs new
// weights and whether it means anything for the AE. The defaults (DEFAULT_MODEL/DEFAULT_HYPER, types.ts),
// the model's validation (config.ts), the controls and the link (components/hyperSchema.ts)
// and the CLI (scripts/cliArgs.ts) all read it; params.test.ts holds the four views together.
// TF.js-free: the page imports it too.

import type { DatasetName } from '../data/types';

/** Pixels per image of the 28×28 datasets (MNIST, Fashion-MNIST, the user's own images): the default model's input. */
export const INPUT_DIM = 784;
/**
 * Pixels per image of each dataset, the one place that says it: 28×28 grey images, except
 * Shapes at 32×32 (src/data/shapes). A model's inputDim must be one of these (config.ts).
 */
export const INPUT_DIMS = { mnist: INPUT_DIM, fashion: INPUT_DIM, custom: INPUT_DIM, shapes: 32 * 32 } as const satisfies Record<DatasetName, number>;
/** The input sizes a model may have, each with the image side it stands for. */
export const INPUT_SIDES: ReadonlyMap<number, number> = new Map([[INPUT_DIM, 28], [INPUT_DIMS.shapes, 32]]);

/** The model input size for a dataset's images. */
export function inputDimOf(dataset: DatasetName): number {
  return INPUT_DIMS[dataset];
}

/** Where a setting lives in a run's config. */
export type ParamKey =
  | 'dataset' | 'arch' | 'kind' | 'latentDim' | 'hidden' | 'learningRate' | 'beta' | 'likelihood'
  | 'sigmaX' | 'samples' | 'reparam' | 'batchSize' | 'warmStart' | 'seed'
  | 'objective' | 'gamma' | 'cMax' | 'rampSteps';

interface ParamBase {
  /** Query-string name in a shared link. */
  url: string;
  /**
   * Command-line flag of `npm run train` (without the dashes). A switch flips the default:
   * `--no-reparam` sets reparam false, `--fast-start` sets warmStart true.
   */
  cli: string;
  /** Changing it needs new weights (the app asks before it resets a trained model). */
  newWeights: boolean;
  /** Means something for the plain autoencoder (it samples nothing and has no KL). */
  ae: boolean;
  /** Only used by this likelihood. */
  likelihood?: Likelihood;
  /** Only used by this objective. */
  objective?: Objective;
}

/** A number: valid = what the model accepts, ui = what the controls offer (inside valid). */
export interface NumberParam extends ParamBase {
  type: 'number';
  default: number;
  integer: boolean;
  valid: { min: number; max: number; minExclusive?: boolean };
  /** A slider's range and step, or the values a menu offers. */
  ui: { min: number; max: number; step: number } | { options: readonly number[] };
}
export interface ChoiceParam<T extends string = string> extends ParamBase {
  type: 'choice';
  default: T;
  options: readonly T[];
  /** What the controls offer, where it is fewer than the model and the CLI accept. */
  ui?: { options: readonly T[] };
}
export interface SwitchParam extends ParamBase {
  type: 'switch';
  default: boolean;
  /** The CLI's default, where it differs from the app's (with the reason beside it). */
  cliDefault?: boolean;
}
/** Encoder hidden sizes, input side first; the decoder mirrors them. */
export interface LayersParam extends ParamBase {
  type: 'layers';
  default: readonly number[];
  layers: { min: number; max: number };
  size: { min: number; max: number };
  /** The presets the menu offers. */
  options: readonly (readonly number[])[];
}
export type Param = NumberParam | ChoiceParam | SwitchParam | LayersParam;

export const DATASETS = ['mnist', 'fashion', 'shapes'] as const;
export const MODEL_KINDS = ['vae', 'ae'] as const;
/**
 * The network: dense layers (hidden sizes set by `hidden`), or the Keras example's
 * convolutional encoder and decoder (fixed layers, convNetwork.ts; `hidden` does not apply).
 */
export const ARCHS = ['mlp', 'conv'] as const;
export const LIKELIHOODS = ['bernoulli', 'gaussian'] as const;
/** What the optimizer minimises: recon + β·KL, or Burgess et al.'s recon + γ·|KL − C| (capacity.ts). */
export const OBJECTIVES = ['beta', 'capacity'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export type Arch = (typeof ARCHS)[number];
export type Likelihood = (typeof LIKELIHOODS)[number];
export type Objective = (typeof OBJECTIVES)[number];

export const PARAMS = {
  // Shapes is drawn by the worker (src/workers/shapesData.ts), as by the CLI.
  dataset: {
    type: 'choice', default: 'mnist', options: DATASETS, ui: { options: ['mnist', 'fashion', 'shapes'] },
    url: 'data', cli: 'dataset', newWeights: true, ae: true,
  },
  arch: { type: 'choice', default: 'mlp', options: ARCHS, url: 'arch', cli: 'arch', newWeights: true, ae: true },
  kind: { type: 'choice', default: 'vae', options: MODEL_KINDS, url: 'model', cli: 'model', newWeights: false, ae: true },
  latentDim: {
    type: 'number', default: 2, integer: true, valid: { min: 1, max: 64 }, ui: { min: 1, max: 64, step: 1 },
    url: 'z', cli: 'latent', newWeights: true, ae: true,
  },
  // MLP only: a conv network's layers are fixed (arch).
  hidden: {
    type: 'layers', default: [512, 256], layers: { min: 1, max: 4 }, size: { min: 8, max: 2048 },
    options: [[256], [512], [256, 128], [512, 256], [1024, 512]],
    url: 'hidden', cli: 'hidden', newWeights: true, ae: true,
  },
  learningRate: {
    type: 'number', default: 1e-3, integer: false, valid: { min: 0, max: 1, minExclusive: true },
    ui: { options: [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1] },
    url: 'lr', cli: 'lr', newWeights: false, ae: true,
  },
  // The controls stop at 10 (past it the KL term swamps everything at playground scale); a
  // checkpoint or the CLI may hold up to 100, for β sweeps.
  beta: {
    type: 'number', default: 1, integer: false, valid: { min: 0, max: 100 }, ui: { min: 0, max: 10, step: 0.1 },
    url: 'beta', cli: 'beta', newWeights: false, ae: false,
  },
  likelihood: { type: 'choice', default: 'bernoulli', options: LIKELIHOODS, url: 'lik', cli: 'likelihood', newWeights: false, ae: true },
  sigmaX: {
    type: 'number', default: 1, integer: false, valid: { min: 0.01, max: 10 }, ui: { min: 0.05, max: 2, step: 0.05 },
    url: 'sigma', cli: 'sigma', newWeights: false, ae: false, likelihood: 'gaussian',
  },
  // The slider stops at 16 (enough to see the Monte Carlo estimate settle); the CLI goes to 64.
  samples: {
    type: 'number', default: 1, integer: true, valid: { min: 1, max: 64 }, ui: { min: 1, max: 16, step: 1 },
    url: 'L', cli: 'samples', newWeights: false, ae: false,
  },
  reparam: { type: 'switch', default: true, url: 'reparam', cli: 'no-reparam', newWeights: false, ae: false },
  batchSize: {
    type: 'number', default: 128, integer: true, valid: { min: 1, max: 4096 }, ui: { options: [32, 64, 128, 256, 512] },
    url: 'batch', cli: 'batch', newWeights: false, ae: true,
  },
  // Off on the command line, so CLI runs compare with Adam at a constant rate as math.md's do.
  warmStart: { type: 'switch', default: true, cliDefault: false, url: 'fast', cli: 'fast-start', newWeights: false, ae: true },
  seed: {
    type: 'number', default: 1, integer: true, valid: { min: 0, max: 2_147_483_647 }, ui: { min: 0, max: 2_147_483_647, step: 1 },
    url: 'seed', cli: 'seed', newWeights: true, ae: true,
  },
  // Capacity annealing (capacity.ts says why these defaults at playground scale).
  objective: { type: 'choice', default: 'beta', options: OBJECTIVES, url: 'objective', cli: 'objective', newWeights: false, ae: false },
  gamma: {
    type: 'number', default: 100, integer: false, valid: { min: 1, max: 10_000 }, ui: { options: [10, 30, 100, 300, 1000, 3000] },
    url: 'gamma', cli: 'gamma', newWeights: false, ae: false, objective: 'capacity',
  },
  cMax: {
    type: 'number', default: 15, integer: false, valid: { min: 0, max: 200 }, ui: { min: 0, max: 50, step: 0.5 },
    url: 'cmax', cli: 'c-max', newWeights: false, ae: false, objective: 'capacity',
  },
  rampSteps: {
    type: 'number', default: 5000, integer: true, valid: { min: 0, max: 10_000_000 }, ui: { options: [0, 1000, 2000, 5000, 10_000, 20_000, 50_000] },
    url: 'ramp', cli: 'c-ramp', newWeights: false, ae: false, objective: 'capacity',
  },
} as const satisfies Record<ParamKey, Param>;

/** Whether n lies in the range the model accepts for this number. */
export function inValidRange(p: NumberParam, n: number): boolean {
  const { min, max, minExclusive } = p.valid;
  return Number.isFinite(n) && (minExclusive ? n > min : n >= min) && n <= max && (!p.integer || Number.isInteger(n));
}

/** "[0, 100]", "(0, 1]": the valid range as the messages and the CLI's help write it. */
export function validRangeText(p: NumberParam): string {
  return `${p.valid.minExclusive ? '(' : '['}${p.valid.min}, ${p.valid.max}]`;
}
