// The encoder and decoder: dense layers held as tf.Variables, ReLU between them.
// Encoder 784→h1→…→hk, then two heads μ and log σ² (the AE has μ only);
// decoder latent→hk→…→h1→784 logits (it mirrors the encoder).

import * as tf from '@tensorflow/tfjs-core';
import { accelerators } from './accelerators';
import { layerShapes, sameConfig, validateModelConfig } from './config';
import { deriveSeed, mulberry32 } from './prng';
import { LOGVAR_MAX, LOGVAR_MIN, type DenseWeights, type ModelConfig, type NetworkWeights } from './types';

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

interface Dense {
  W: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

/** Glorot (Xavier) uniform weights from a seeded stream, zero biases. */
function createDense(inDim: number, outDim: number, seed: number): Dense {
  const rand = mulberry32(seed);
  const limit = Math.sqrt(6 / (inDim + outDim));
  const w = new Float32Array(inDim * outDim);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rand() - 1) * limit;
  return { W: toVariable(tf.tensor2d(w, [inDim, outDim])), b: toVariable(tf.zeros([outDim])) };
}

/** tf.variable shares the data of its initial value; dispose that handle so no tensor leaks. */
function toVariable<R extends tf.Rank>(t: tf.Tensor<R>): tf.Variable<R> {
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

/**
 * y = x·W + b with its gradient written out. TF.js's WASM backend runs a matMul with a
 * transposed operand (what autodiff asks for: dy·Wᵀ, xᵀ·dy) in a naive loop; transposing
 * explicitly keeps every product on its XNNPACK path: a training step ran 4.5× faster. Kernels
 * that read transposed operands at full speed skip that copy (accelerators.ts).
 * `inputGrad` false (the layer that reads the data) skips dL/dx, which nothing uses.
 */
function affineOp(inputGrad: boolean): (x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D {
  const op = tf.customGrad((...args) => {
    const [x, W, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x, W]);
    return {
      value: tf.add(tf.matMul(x, W), b),
      gradFunc: (dy: tf.Tensor, [xs, Ws]: tf.Tensor[]) => {
        const dy2 = dy as tf.Tensor2D;
        const [x2, W2] = [xs as tf.Tensor2D, Ws as tf.Tensor2D];
        if (accelerators().transposedProducts) {
          const dx = inputGrad ? tf.matMul(dy2, W2, false, true) : tf.zerosLike(x2);
          return [dx, tf.matMul(x2, dy2, true, false), tf.sum(dy2, 0)];
        }
        const dx = inputGrad ? tf.matMul(dy2, tf.transpose(W2)) : tf.zerosLike(x2);
        return [dx, tf.matMul(tf.transpose(x2), dy2), tf.sum(dy2, 0)];
      },
    };
  });
  return (x, W, b) => op(x, W, b) as tf.Tensor2D;
}
const affine = affineOp(true);
const inputAffine = affineOp(false);

function apply(x: tf.Tensor2D, layer: Dense, relu: boolean, isInput = false): tf.Tensor2D {
  const y = (isInput ? inputAffine : affine)(x, layer.W, layer.b);
  return relu ? tf.relu(y) : y;
}

function toWeights(layer: Dense): DenseWeights {
  const [inDim, outDim] = layer.W.shape;
  return { inDim, outDim, W: new Float32Array(layer.W.dataSync()), b: new Float32Array(layer.b.dataSync()) };
}

function checkShape(name: string, got: DenseWeights | null | undefined, [inDim, outDim]: [number, number]): void {
  if (!got) throw new Error(`weights: layer ${name} is missing`);
  if (got.inDim !== inDim || got.outDim !== outDim || got.W.length !== inDim * outDim || got.b.length !== outDim) {
    throw new Error(
      `weights: layer ${name} is ${got.inDim}×${got.outDim} (W ${got.W.length}, b ${got.b.length} values), expected ${inDim}×${outDim}`,
    );
  }
}

function assign(layer: Dense, w: DenseWeights): void {
  tf.tidy(() => {
    layer.W.assign(tf.tensor2d(w.W, [w.inDim, w.outDim]));
    layer.b.assign(tf.tensor1d(w.b));
  });
}

const vars = (layers: Dense[]): tf.Variable[] => layers.flatMap((l) => [l.W, l.b]);

/** Builds a network; the same seed gives the same initial weights on every backend. */
export function createNetwork(config: ModelConfig, seed: number): Network {
  const problems = validateModelConfig(config);
  if (problems.length > 0) throw new Error(`Invalid model config: ${problems.join('; ')}`);
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
      if (!sameConfig(w.config, cfg)) {
        throw new Error(`weights: config ${JSON.stringify(w.config)} does not match the network ${JSON.stringify(cfg)}`);
      }
      if (w.encoder.length !== encoder.length || w.decoder.length !== decoder.length) {
        throw new Error(`weights: expected ${encoder.length} encoder and ${decoder.length} decoder layers`);
      }
      shapes.encoder.forEach((s, k) => checkShape(`encoder.${k}`, w.encoder[k], s));
      checkShape('mu', w.mu, shapes.head);
      if (logvarHead) checkShape('logvar', w.logvar, shapes.head);
      else if (w.logvar) throw new Error('weights: an AE has no logvar head');
      shapes.decoder.forEach((s, k) => checkShape(`decoder.${k}`, w.decoder[k], s));

      encoder.forEach((l, k) => assign(l, w.encoder[k]));
      assign(muHead, w.mu);
      if (logvarHead && w.logvar) assign(logvarHead, w.logvar);
      decoder.forEach((l, k) => assign(l, w.decoder[k]));
    },

    dispose() {
      for (const v of [...encoderVariables, ...decoderVariables]) v.dispose();
    },
  };
}
