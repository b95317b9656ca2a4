// Shared, framework-free types of the model layer. math.md is the source of every definition.

import { INPUT_DIM, PARAMS, type Arch, type Likelihood, type ModelKind, type Objective } from './params';

export type { Arch, Likelihood, ModelKind, Objective };

/** What fixes the shape of the weights: changing any of it needs new weights. */
export interface ModelConfig {
  /**
   * The network (params.ts). Absent: 'mlp', so a config or checkpoint from before the conv
   * network existed reads as it did (archOf).
   */
  arch?: Arch;
  kind: ModelKind;
  /** Pixels per image (784 for 28×28). */
  inputDim: number;
  /** 1–64. */
  latentDim: number;
  /** Encoder hidden sizes, input side first (default [512, 256]); the decoder mirrors them. MLP only: a conv network ignores them. */
  hidden: number[];
}

/** Hyperparameters that apply live, without new weights. */
export interface Hyper {
  learningRate: number;
  beta: number;
  likelihood: Likelihood;
  /** Decoder σ_x, used by the Gaussian likelihood only. */
  sigmaX: number;
  /** L, Monte Carlo samples of ε per image. */
  samples: number;
  /** false: z is sampled with its gradient stopped (the teaching demo). */
  reparam: boolean;
  batchSize: number;
  /**
   * "Fast start": the learning rate is 4× the set rate for the first 300 steps and eases back
   * to it by step 1,000 (lrSchedule.ts). Absent: off; a stored session from before it existed
   * gets the default when read (withHyperDefaults).
   */
  warmStart?: boolean;
  /**
   * Absent or 'beta': minimise recon + β·KL. 'capacity' (Burgess et al. 2018, capacity.ts):
   * recon + γ·|KL − C| with C rising from 0 to cMax over rampSteps optimizer steps. The three
   * settings are absent unless the capacity objective is chosen (defaults: params.ts), so a
   * β-VAE's checkpoint is the same bytes as before they existed.
   */
  objective?: Objective;
  gamma?: number;
  cMax?: number;
  rampSteps?: number;
}

/** Per-image means in nats, exactly math.md's table. */
export interface Metrics {
  /** Mean ELBO (negative). */
  elbo: number;
  /** Mean −log p(x|z). */
  recon: number;
  /** Mean KL(q‖N(0,I)); 0 for the AE. */
  kl: number;
  /** Mean recon + β·kl: what the optimizer minimizes. */
  objective: number;
}

/** One dense layer, y = x·W + b, W row-major [inDim × outDim] (TF.js matMul layout). */
export interface DenseWeights {
  inDim: number;
  outDim: number;
  W: Float32Array;
  b: Float32Array;
}

/**
 * One convolution layer, 3×3 'same' padding, square images. 'conv' is Conv2D with W in TF.js's
 * conv2d layout [k, k, inChannels, outChannels]; 'convT' is Conv2DTranspose with W in TF.js's
 * conv2dTranspose layout [k, k, outChannels, inChannels]. Both row-major, b per output channel.
 * Activations are NHWC (channels last): a flat image of side s and c channels is s·s·c values.
 */
export interface ConvWeights {
  op: 'conv' | 'convT';
  kernel: number;
  stride: number;
  inChannels: number;
  outChannels: number;
  /** Side of the input and output feature maps. */
  inSide: number;
  outSide: number;
  W: Float32Array;
  b: Float32Array;
}

/** A layer of an encoder or decoder: dense (MLP, and the conv network's dense layers) or convolution. */
export type LayerWeights = DenseWeights | ConvWeights;

export function isConvLayer(l: LayerWeights): l is ConvWeights {
  return 'op' in l;
}

/** The layers, all dense (an MLP's); throws, naming `what` needs them, where one is a convolution. */
export function denseOnly(layers: readonly LayerWeights[], what: string): DenseWeights[] {
  return layers.map((l) => {
    if (isConvLayer(l)) throw new Error(`${what} supports the MLP only, not the conv network`);
    return l;
  });
}

/** The architecture a config names (absent: the MLP it was before conv existed). */
export function archOf(c: Pick<ModelConfig, 'arch'>): Arch {
  return c.arch ?? 'mlp';
}

/**
 * Plain weights of a whole network, for snapshots, checkpoints and the TF.js-free
 * inference path. Hidden layers use ReLU.
 * encoder: hidden layers (784→h1→h2…); mu/logvar: heads from the last hidden layer to latentDim
 * (logvar is null for the AE); decoder: latentDim→…→784, the last layer outputs logits.
 * A conv network (config.arch 'conv') has encoder [conv, conv, dense] and decoder
 * [dense, convT, convT, convT] (convNetwork.ts); an MLP's layers are all dense.
 */
export interface NetworkWeights {
  config: ModelConfig;
  encoder: LayerWeights[];
  mu: DenseWeights;
  logvar: DenseWeights | null;
  decoder: LayerWeights[];
}

/** log σ² is clamped to this range (math.md) so exp() cannot overflow. */
export const LOGVAR_MIN = -10;
export const LOGVAR_MAX = 10;

// The defaults, from the one parameter schema.
export const DEFAULT_MODEL: ModelConfig = {
  kind: PARAMS.kind.default,
  inputDim: INPUT_DIM,
  latentDim: PARAMS.latentDim.default,
  hidden: [...PARAMS.hidden.default],
};

export const DEFAULT_HYPER: Hyper = {
  learningRate: PARAMS.learningRate.default,
  beta: PARAMS.beta.default,
  likelihood: PARAMS.likelihood.default,
  sigmaX: PARAMS.sigmaX.default,
  samples: PARAMS.samples.default,
  reparam: PARAMS.reparam.default,
  batchSize: PARAMS.batchSize.default,
  warmStart: PARAMS.warmStart.default,
};
