// The encoder and decoder: dense layers held as tf.Variables, ReLU between them.
// Encoder 784→h1→…→hk, then two heads μ and log σ² (the AE has μ only);
// decoder latent→hk→…→h1→784 logits (it mirrors the encoder). A conv config (arch 'conv')
// builds convNetwork.ts's network instead, behind the same interface.

import * as tf from '@tensorflow/tfjs-core';
import { checkWeightsFrame, layerShapes, validateModelConfig } from './config';
import { createConvNetwork } from './convNetwork';
import { apply, assign, checkShape, createDense, toWeights, type Dense } from './denseLayer';
import { deriveSeed } from './prng';
import { archOf, LOGVAR_MAX, LOGVAR_MIN, type DenseWeights, type ModelConfig, type NetworkWeights } from './types';

export interface Network {
  readonly config: ModelConfig;
  /** Encoder variables, then decoder variables: a fixed order the optimizer relies on. */
  readonly variables: tf.Variable[];
  readonly encoderVariables: tf.Variable[];
  readonly decoderVariables: tf.Variable[];
  /** q(z|x): μ and log σ² clamped to [LOGVAR_MIN, LOGVAR_MAX]; logvar is null for the AE. */
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D | null };
  /** p(x|z): logits ℓ(z); the mean image is sigmoid(ℓ). */
  decode(z: tf.Tensor2D): tf.Tensor2D;
  /** Copies of the weights, safe to transfer to another thread. */
  getWeights(): NetworkWeights;
  /** Throws if the config or any layer shape differs; changes nothing in that case. */
  setWeights(w: NetworkWeights): void;
  dispose(): void;
}

const vars = (layers: Dense[]): tf.Variable[] => layers.flatMap((l) => [l.W, l.b]);

/** Builds a network; the same seed gives the same initial weights on every backend. */
export function createNetwork(config: ModelConfig, seed: number): Network {
  const problems = validateModelConfig(config);
  if (problems.length > 0) throw new Error(`Invalid model config: ${problems.join('; ')}`);
  if (archOf(config) === 'conv') return createConvNetwork(config, seed);
  const cfg: ModelConfig = { ...config, hidden: [...config.hidden] };
  const shapes = layerShapes(cfg);
  // One seed stream per layer, so the AE and the VAE of one seed start from the same shared layers.
  const encoder = shapes.encoder.map(([i, o], k) => createDense(i, o, deriveSeed(seed, 1, k)));
  const muHead = createDense(...shapes.head, deriveSeed(seed, 2));
  const logvarHead = cfg.kind === 'vae' ? createDense(...shapes.head, deriveSeed(seed, 3)) : null;
  const decoder = shapes.decoder.map(([i, o], k) => createDense(i, o, deriveSeed(seed, 4, k)));

  const encoderVariables = vars([...encoder, muHead, ...(logvarHead ? [logvarHead] : [])]);
  const decoderVariables = vars(decoder);

  return {
    config: cfg,
    variables: [...encoderVariables, ...decoderVariables],
    encoderVariables,
    decoderVariables,

    encode(x) {
      const hidden = () => encoder.reduce((a, layer, k) => apply(a, layer, true, k === 0), x);
      if (!logvarHead) return { mu: tf.tidy(() => apply(hidden(), muHead, false)), logvar: null };
      return tf.tidy(() => {
        const h = hidden();
        const logvar = tf.clipByValue(apply(h, logvarHead, false), LOGVAR_MIN, LOGVAR_MAX);
        return { mu: apply(h, muHead, false), logvar };
      });
    },

    decode(z) {
      return tf.tidy(() => decoder.reduce((a, layer, k) => apply(a, layer, k < decoder.length - 1), z));
    },

    getWeights() {
      return {
        config: { ...cfg, hidden: [...cfg.hidden] },
        encoder: encoder.map(toWeights),
        mu: toWeights(muHead),
        logvar: logvarHead ? toWeights(logvarHead) : null,
        decoder: decoder.map(toWeights),
      };
    },

    setWeights(w) {
      checkWeightsFrame(w, cfg, encoder.length, decoder.length);
      shapes.encoder.forEach((s, k) => checkShape(`encoder.${k}`, w.encoder[k], s));
      checkShape('mu', w.mu, shapes.head);
      if (logvarHead) checkShape('logvar', w.logvar, shapes.head);
      else if (w.logvar) throw new Error('weights: an AE has no logvar head');
      shapes.decoder.forEach((s, k) => checkShape(`decoder.${k}`, w.decoder[k], s));

      encoder.forEach((l, k) => assign(l, w.encoder[k] as DenseWeights));
      assign(muHead, w.mu);
      if (logvarHead && w.logvar) assign(logvarHead, w.logvar);
      decoder.forEach((l, k) => assign(l, w.decoder[k] as DenseWeights));
    },

    dispose() {
      for (const v of [...encoderVariables, ...decoderVariables]) v.dispose();
    },
  };
}
