// The convolutional encoder and decoder (the Keras example's layers, layerPlan.ts), behind the
// same Network interface as the MLP: encode takes and decode returns flat [n, inputDim] images,
// so the losses, the trainer and the metrics do not know which network they drive.
// Feature maps are NHWC (TF.js's layout); the flatten between the convolutions and the dense
// layers reads them in that order.
//
// Initialisation: PyTorch's default (math.md's reference used it), from a seeded stream per layer
// so every backend starts from the same weights: W and b ~ U(−1/√fan_in, 1/√fan_in), which is
// kaiming_uniform(a = √5) for W. fan_in is in for a dense layer, in·k·k for Conv2D and, as
// PyTorch computes it from its ConvTranspose2d weight [in, out, k, k], out·k·k for Conv2DTranspose.

import * as tf from '@tensorflow/tfjs-core';
import { checkWeightsFrame } from './config';
import { apply, assign, toVariable, toWeights, type Dense } from './denseLayer';
import { layerProblem, networkPlan, weightShape, type ConvSpec, type DenseSpec, type LayerSpec } from './layerPlan';
import type { Network } from './network';
import { deriveSeed, mulberry32 } from './prng';
import { LOGVAR_MAX, LOGVAR_MIN, type ConvWeights, type DenseWeights, type LayerWeights, type ModelConfig } from './types';

interface Conv {
  spec: ConvSpec;
  W: tf.Variable<tf.Rank.R4>;
  b: tf.Variable<tf.Rank.R1>;
}
type Layer = { dense: Dense } | { conv: Conv };

/** fan_in as PyTorch's default initialisation computes it (see the header). */
function fanIn(s: LayerSpec): number {
  if (s.op === 'dense') return s.inDim;
  return (s.op === 'conv' ? s.inChannels : s.outChannels) * s.kernel * s.kernel;
}

function uniform(length: number, bound: number, rand: () => number): Float32Array {
  const v = new Float32Array(length);
  for (let i = 0; i < length; i++) v[i] = (2 * rand() - 1) * bound;
  return v;
}

/** W then b from one seeded stream, U(−1/√fan_in, 1/√fan_in). */
function createLayer(s: LayerSpec, seed: number): Layer {
  const rand = mulberry32(seed);
  const bound = 1 / Math.sqrt(fanIn(s));
  const shape = weightShape(s);
  const W = uniform(shape.reduce((a, b) => a * b, 1), bound, rand);
  if (s.op === 'dense') {
    const b = uniform(s.outDim, bound, rand);
    return { dense: { W: toVariable(tf.tensor2d(W, [s.inDim, s.outDim])), b: toVariable(tf.tensor1d(b)) } };
  }
  const b = uniform(s.outChannels, bound, rand);
  return { conv: { spec: s, W: toVariable(tf.tensor4d(W, shape as [number, number, number, number])), b: toVariable(tf.tensor1d(b)) } };
}

function denseOf(l: Layer): Dense {
  if (!('dense' in l)) throw new Error('convNetwork: expected a dense layer');
  return l.dense;
}

/** One layer forward on [n, …] activations (NHWC for the convolutions). */
function forward(h: tf.Tensor, l: Layer, relu: boolean): tf.Tensor {
  let y: tf.Tensor;
  if ('dense' in l) {
    y = apply(h as tf.Tensor2D, l.dense, false);
  } else {
    const { spec, W, b } = l.conv;
    const x = h as tf.Tensor4D;
    const conv =
      spec.op === 'conv'
        ? tf.conv2d(x, W, spec.stride, 'same')
        : tf.conv2dTranspose(x, W, [x.shape[0], spec.outSide, spec.outSide, spec.outChannels], spec.stride, 'same');
    y = tf.add(conv, b);
  }
  return relu ? tf.relu(y) : y;
}

function variablesOf(l: Layer): tf.Variable[] {
  return 'dense' in l ? [l.dense.W, l.dense.b] : [l.conv.W, l.conv.b];
}

function weightsOf(l: Layer): LayerWeights {
  if ('dense' in l) return toWeights(l.dense);
  const { spec, W, b } = l.conv;
  return { ...spec, W: new Float32Array(W.dataSync()), b: new Float32Array(b.dataSync()) } satisfies ConvWeights;
}

function assignLayer(l: Layer, w: LayerWeights): void {
  if ('dense' in l) {
    assign(l.dense, w as DenseWeights);
    return;
  }
  tf.tidy(() => {
    l.conv.W.assign(tf.tensor4d(w.W, l.conv.W.shape));
    l.conv.b.assign(tf.tensor1d(w.b));
  });
}

/** Builds the conv network of a (validated, arch 'conv') config; the same seed gives the same weights on every backend. */
export function createConvNetwork(config: ModelConfig, seed: number): Network {
  const cfg: ModelConfig = { ...config, hidden: [...config.hidden] };
  const plan = networkPlan(cfg);
  const side = Math.sqrt(cfg.inputDim);
  // One seed stream per layer, so the AE and the VAE of one seed start from the same shared layers.
  const encoder = plan.encoder.map((s, k) => createLayer(s, deriveSeed(seed, 5, k)));
  const muHead = denseOf(createLayer(plan.head, deriveSeed(seed, 6, 0)));
  const logvarHead = cfg.kind === 'vae' ? denseOf(createLayer(plan.head, deriveSeed(seed, 6, 1))) : null;
  const decoder = plan.decoder.map((s, k) => createLayer(s, deriveSeed(seed, 7, k)));
  const flatSize = (plan.encoder[plan.encoder.length - 1] as DenseSpec).inDim;
  const firstMap = plan.decoder[1] as ConvSpec;

  const heads = [muHead, ...(logvarHead ? [logvarHead] : [])];
  const encoderVariables = [...encoder.flatMap(variablesOf), ...heads.flatMap((h) => [h.W, h.b])];
  const decoderVariables = decoder.flatMap(variablesOf);

  /** The encoder's last hidden layer (Dense 16, ReLU) of flat images. */
  const hidden = (x: tf.Tensor2D): tf.Tensor2D => {
    let h: tf.Tensor = tf.reshape(x, [x.shape[0], side, side, 1]);
    encoder.forEach((l, k) => {
      if (k === encoder.length - 1) h = tf.reshape(h, [x.shape[0], flatSize]);
      h = forward(h, l, true);
    });
    return h as tf.Tensor2D;
  };

  return {
    config: cfg,
    variables: [...encoderVariables, ...decoderVariables],
    encoderVariables,
    decoderVariables,

    encode(x) {
      if (!logvarHead) return { mu: tf.tidy(() => apply(hidden(x), muHead, false)), logvar: null };
      return tf.tidy(() => {
        const h = hidden(x);
        return { mu: apply(h, muHead, false), logvar: tf.clipByValue(apply(h, logvarHead, false), LOGVAR_MIN, LOGVAR_MAX) };
      });
    },

    decode(z) {
      return tf.tidy(() => {
        const n = z.shape[0];
        let h: tf.Tensor = z;
        decoder.forEach((l, k) => {
          if (k === 1) h = tf.reshape(h, [n, firstMap.inSide, firstMap.inSide, firstMap.inChannels]);
          h = forward(h, l, k < decoder.length - 1);
        });
        return tf.reshape(h, [n, cfg.inputDim]) as tf.Tensor2D;
      });
    },

    getWeights() {
      return {
        config: { ...cfg, hidden: [...cfg.hidden] },
        encoder: encoder.map(weightsOf),
        mu: toWeights(muHead),
        logvar: logvarHead ? toWeights(logvarHead) : null,
        decoder: decoder.map(weightsOf),
      };
    },

    setWeights(w) {
      checkWeightsFrame(w, cfg, encoder.length, decoder.length);
      if (!logvarHead && w.logvar) throw new Error('weights: an AE has no logvar head');
      const problems = [
        ...plan.encoder.map((s, k) => layerProblem(`encoder.${k}`, w.encoder[k], s)),
        layerProblem('mu', w.mu, plan.head),
        logvarHead ? layerProblem('logvar', w.logvar, plan.head) : null,
        ...plan.decoder.map((s, k) => layerProblem(`decoder.${k}`, w.decoder[k], s)),
      ].filter((p): p is string => p !== null);
      if (problems.length > 0) throw new Error(`weights: ${problems[0]}`);

      encoder.forEach((l, k) => assignLayer(l, w.encoder[k]));
      assign(muHead, w.mu);
      if (logvarHead && w.logvar) assign(logvarHead, w.logvar);
      decoder.forEach((l, k) => assignLayer(l, w.decoder[k]));
    },

    dispose() {
      for (const v of [...encoderVariables, ...decoderVariables]) v.dispose();
    },
  };
}
