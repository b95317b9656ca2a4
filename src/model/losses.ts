// The loss, exactly as math.md: nats per image, summed over pixels and latent dimensions.
// Per-image terms return shape [n]; lossTerms averages them over the batch.

import * as tf from '@tensorflow/tfjs-core';
import { accelerators } from './accelerators';
import { capacityObjective, capacitySettings } from './capacity';
import type { Network } from './network';
import type { Hyper } from './types';

/**
 * log p(x|z), Bernoulli, from logits in the stable form −Σ[max(ℓ,0) − ℓx + log(1+e^(−|ℓ|))].
 * On WASM one fused kernel computes it and its gradient, when plugged in (accelerators.ts).
 */
export function bernoulliLogLik(x: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  const fused = accelerators().bernoulliLogLik?.(x, logits);
  if (fused) return fused;
  return tf.tidy(() => {
    const perPixel = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.neg(tf.sum(perPixel, 1)) as tf.Tensor1D;
  });
}

/** log p(x|z), Gaussian with fixed σ_x around x̂ = sigmoid(ℓ): −‖x−x̂‖²/(2σ²) − (D/2)·log(2πσ²). */
export function gaussianLogLik(x: tf.Tensor2D, logits: tf.Tensor2D, sigmaX: number): tf.Tensor1D {
  const D = x.shape[1];
  const variance = sigmaX * sigmaX;
  return tf.tidy(() => {
    const squaredError = tf.sum(tf.squaredDifference(x, tf.sigmoid(logits)), 1);
    return tf.sub(tf.div(squaredError, -2 * variance), (D / 2) * Math.log(2 * Math.PI * variance));
  });
}

/** KL(N(μ, σ²) ‖ N(0, I)) = ½Σ(μ² + σ² − log σ² − 1), analytic. */
export function klDivergence(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(0.5, tf.sum(tf.sub(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), logvar), 1), 1)));
}

export type LikelihoodHyper = Pick<Hyper, 'likelihood' | 'sigmaX'>;

/** log p(x|z) under the likelihood the hyperparameters choose. */
export function reconLogLik(x: tf.Tensor2D, logits: tf.Tensor2D, h: LikelihoodHyper): tf.Tensor1D {
  return h.likelihood === 'gaussian' ? gaussianLogLik(x, logits, h.sigmaX) : bernoulliLogLik(x, logits);
}

/** Identity forward, zero gradient backward (tfjs-core has no stopGradient op). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const f = tf.customGrad((input) => {
    const t = input as T;
    return { value: t.clone(), gradFunc: (dy: T) => tf.zerosLike(dy) };
  });
  return f(x) as T;
}

/**
 * z = μ + σ ⊙ ε with ε ~ N(0, I) from `seed`: L draws per image, sample-major, shape [L·n, d].
 * Without the reparameterization trick the draw carries no gradient back to μ and σ.
 */
export function sampleLatent(mu: tf.Tensor2D, logvar: tf.Tensor2D, L: number, seed: number, reparam = true): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, d] = mu.shape;
    const eps = tf.randomNormal([L, n, d], 0, 1, 'float32', seed);
    const z = tf.reshape(tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)), [L * n, d]) as tf.Tensor2D;
    return reparam ? z : stopGradient(z);
  });
}

// A type alias (not an interface) so it counts as a TensorContainer for tf.tidy and tf.dispose.
export type LossTerms = {
  /** What the optimizer minimizes: recon + β·kl (recon for the AE). */
  objective: tf.Scalar;
  /** True ELBO (β = 1): −recon − kl. */
  elbo: tf.Scalar;
  /** Mean −log p(x|z), averaged over the L samples. */
  recon: tf.Scalar;
  kl: tf.Scalar;
};

export type LossHyper = Pick<Hyper, 'beta' | 'likelihood' | 'sigmaX' | 'samples' | 'reparam' | 'objective' | 'gamma' | 'cMax' | 'rampSteps'>;

/**
 * Batch means of the loss terms; `seed` fixes the ε draws; `step` (the optimizer's) sets the
 * capacity objective's C. The AE decodes z = μ: no sampling, no KL.
 */
export function lossTerms(net: Network, x: tf.Tensor2D, h: LossHyper, seed: number, step = 0): LossTerms {
  return tf.tidy(() => {
    const { mu, logvar } = net.encode(x);
    if (!logvar) {
      const recon = tf.neg(tf.mean(reconLogLik(x, net.decode(mu), h))) as tf.Scalar;
      return { objective: recon, elbo: tf.neg(recon), recon, kl: tf.scalar(0) };
    }
    const z = sampleLatent(mu, logvar, h.samples, seed, h.reparam);
    const xs = h.samples === 1 ? x : tf.tile(x, [h.samples, 1]);
    // A mean over all L·n rows is the mean over images of each image's L-sample average.
    const recon = tf.neg(tf.mean(reconLogLik(xs, net.decode(z), h))) as tf.Scalar;
    const kl = tf.mean(klDivergence(mu, logvar)) as tf.Scalar;
    const objective =
      h.objective === 'capacity' ? capacityObjective(recon, kl, step, capacitySettings(h as Hyper)) : (tf.add(recon, tf.mul(h.beta, kl)) as tf.Scalar);
    return { objective, elbo: tf.neg(tf.add(recon, kl)) as tf.Scalar, recon, kl };
  });
}
