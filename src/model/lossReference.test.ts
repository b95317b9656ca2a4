// The loss terms against an independent float64 reference: the forward pass, the likelihoods,
// the KL and the L-sample average written out here with plain loops (math.md), two-sided.
// A mis-scaled term (a sum instead of a mean over L, a doubled KL) fails these.
import '@tensorflow/tfjs-backend-cpu';
import './registerGradientsNode';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossTerms, sampleLatent } from './losses';
import { createNetwork } from './network';
import { DEFAULT_HYPER, LOGVAR_MAX, LOGVAR_MIN, type DenseWeights, type Hyper, type ModelConfig, type NetworkWeights } from './types';

const N = 6;
const D = 784;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function dense(x: Float64Array, w: DenseWeights, relu: boolean): Float64Array {
  const y = new Float64Array(w.outDim);
  for (let o = 0; o < w.outDim; o++) {
    let s = w.b[o];
    for (let i = 0; i < w.inDim; i++) s += x[i] * w.W[i * w.outDim + o];
    y[o] = relu ? Math.max(0, s) : s;
  }
  return y;
}

const mlp = (x: Float64Array, layers: DenseWeights[], reluLast: boolean) =>
  layers.reduce((a, l, k) => dense(a, l, reluLast || k < layers.length - 1), x);

/** −log p(x|z) for one image, from logits, float64, the naive formulas of math.md. */
function negLogLik(x: Float64Array, logits: Float64Array, h: Hyper): number {
  let s = 0;
  for (let i = 0; i < D; i++) {
    const p = 1 / (1 + Math.exp(-logits[i]));
    if (h.likelihood === 'bernoulli') s -= x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p);
    else s += (x[i] - p) ** 2 / (2 * h.sigmaX ** 2) + 0.5 * Math.log(2 * Math.PI * h.sigmaX ** 2);
  }
  return s;
}

/** Batch means of recon (averaged over the L draws of each image) and KL, with the given ε. */
function reference(w: NetworkWeights, xs: Float64Array[], eps: Float32Array, h: Hyper) {
  const d = w.config.latentDim;
  let recon = 0;
  let kl = 0;
  xs.forEach((x, n) => {
    const hidden = mlp(x, w.encoder as DenseWeights[], true);
    const mu = dense(hidden, w.mu, false);
    if (!w.logvar) {
      recon += negLogLik(x, mlp(mu, w.decoder as DenseWeights[], false), h);
      return;
    }
    const logvar = dense(hidden, w.logvar, false).map((v) => Math.min(LOGVAR_MAX, Math.max(LOGVAR_MIN, v)));
    for (let j = 0; j < d; j++) kl += 0.5 * (mu[j] ** 2 + Math.exp(logvar[j]) - logvar[j] - 1);
    let perImage = 0;
    for (let l = 0; l < h.samples; l++) {
      const z = mu.map((m, j) => m + Math.exp(logvar[j] / 2) * eps[(l * xs.length + n) * d + j]);
      perImage += negLogLik(x, mlp(z, w.decoder as DenseWeights[], false), h);
    }
    recon += perImage / h.samples;
  });
  return { recon: recon / xs.length, kl: kl / xs.length };
}

function check(config: ModelConfig, hyper: Partial<Hyper>) {
  const h: Hyper = { ...DEFAULT_HYPER, ...hyper };
  const net = createNetwork(config, 3);
  const pixels = tf.randomUniform([N, D], 0, 1, 'float32', 21);
  const data = pixels.dataSync();
  const xs = Array.from({ length: N }, (_, n) => Float64Array.from(data.subarray(n * D, (n + 1) * D)));
  const seed = 77;
  // sampleLatent draws ε as randomNormal([L, n, d], seed): the same draw, read independently.
  const epsTensor = tf.randomNormal([h.samples, N, config.latentDim], 0, 1, 'float32', seed);
  const eps = epsTensor.dataSync() as Float32Array;
  const ref = reference(net.getWeights(), xs, eps, h);
  const got = tf.tidy(() => {
    const t = lossTerms(net, pixels as tf.Tensor2D, h, seed);
    return { recon: t.recon.dataSync()[0], kl: t.kl.dataSync()[0], elbo: t.elbo.dataSync()[0], objective: t.objective.dataSync()[0] };
  });
  tf.dispose([pixels, epsTensor]);
  net.dispose();
  return { got, ref, h };
}

// float32 sums over 784 pixels against float64: relative differences of ~1e-7 here.
const TOLERANCE = 1e-5;
const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(want)));

describe('lossTerms against a float64 reference', () => {
  const vae: ModelConfig = { kind: 'vae', inputDim: D, latentDim: 3, hidden: [24, 12] };

  it('gives the absolute ELBO, recon and KL of a fixed batch (Bernoulli, L = 1)', () => {
    const { got, ref } = check(vae, { samples: 1 });
    expect(ref.recon).toBeGreaterThan(400); // an untrained decoder: ≈ 784·log 2 per image
    close(got.recon, ref.recon);
    close(got.kl, ref.kl);
    close(got.elbo, -(ref.recon + ref.kl));
  });

  it('averages the reconstruction over L = 8 samples (not sums)', () => {
    const { got, ref } = check(vae, { samples: 8 });
    close(got.recon, ref.recon);
    close(got.elbo, -(ref.recon + ref.kl));
  });

  it('weights KL by β in the objective only, and keeps the true ELBO', () => {
    const { got, ref } = check(vae, { samples: 2, beta: 4 });
    close(got.objective, ref.recon + 4 * ref.kl);
    close(got.elbo, -(ref.recon + ref.kl));
  });

  it('includes the Gaussian constant D/2·log 2πσ² per image', () => {
    const { got, ref } = check(vae, { likelihood: 'gaussian', sigmaX: 0.5 });
    close(got.recon, ref.recon);
  });

  it('decodes μ with no KL for the AE', () => {
    const { got, ref } = check({ ...vae, kind: 'ae' }, {});
    close(got.recon, ref.recon);
    expect(got.kl).toBe(0);
    close(got.elbo, -ref.recon);
  });
});

describe('sampleLatent', () => {
  it('passes the gradient to μ and log σ² by default (the reparameterization trick on)', () => {
    const mu = tf.tensor2d([[0.3, -0.2]]);
    const logvar = tf.tensor2d([[-1, 0.5]]);
    const grads = tf.grads((m: tf.Tensor, v: tf.Tensor) => tf.sum(sampleLatent(m as tf.Tensor2D, v as tf.Tensor2D, 3, 9)))([mu, logvar]);
    // dz/dμ = 1 for each of the 3 draws.
    expect(Array.from(grads[0].dataSync())).toEqual([3, 3]);
    expect(Array.from(grads[1].dataSync()).every((g) => g !== 0)).toBe(true);
    tf.dispose([mu, logvar, ...grads]);
  });
});
