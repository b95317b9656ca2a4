// Importance-weighted estimate of log p(x) (Burda et al.), K samples per image:
// log p(x) ≈ log (1/K) Σ_k p(x|z_k)·p(z_k)/q(z_k|x), z_k ~ q(z|x). It is ≥ the ELBO and tightens as K grows.

import * as tf from '@tensorflow/tfjs-core';
import { reconLogLik, type LikelihoodHyper } from './losses';
import type { Network } from './network';
import { deriveSeed } from './prng';

const LOG_2PI = Math.log(2 * Math.PI);
/** Decoded rows per tensor op: bounds memory whatever K is. */
const DEFAULT_MAX_ROWS = 4096;

/** log w = log p(x|z) + log p(z) − log q(z|x) for K draws, shape [K, n]. */
function logWeights(
  net: Network, x: tf.Tensor2D, mu: tf.Tensor2D, logvar: tf.Tensor2D, K: number, seed: number, h: LikelihoodHyper,
): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, d] = mu.shape;
    const eps = tf.randomNormal([K, n, d], 0, 1, 'float32', seed);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps));
    const logPz = tf.mul(-0.5, tf.sum(tf.add(tf.square(z), LOG_2PI), 2));
    // (z − μ)/σ is ε itself.
    const logQz = tf.mul(-0.5, tf.sum(tf.add(tf.add(tf.square(eps), logvar), LOG_2PI), 2));
    const logits = net.decode(tf.reshape(z, [K * n, d]) as tf.Tensor2D);
    const logPxz = tf.reshape(reconLogLik(tf.tile(x, [K, 1]), logits, h), [K, n]);
    return tf.sub(tf.add(logPxz, logPz), logQz) as tf.Tensor2D;
  });
}

/** Mean over images of the K-sample log p(x) estimate and of the K-sample ELBO (mean of log w). */
export async function importanceWeightedLogpx(
  net: Network, x: tf.Tensor2D, K: number, h: LikelihoodHyper, seed: number,
  onProgress?: (done: number, total: number) => void, maxRows = DEFAULT_MAX_ROWS,
): Promise<{ logpx: number; elbo: number }> {
  if (net.config.kind !== 'vae') throw new Error('log p(x) needs a VAE: the AE defines no density');
  if (!Number.isInteger(K) || K < 1) throw new Error(`K must be a positive integer, got ${K}`);
  const n = x.shape[0];
  if (n === 0) throw new Error('log p(x) needs at least one image');
  const imagesPerBatch = Math.max(1, Math.floor(maxRows / K));
  let logpxSum = 0;
  let elboSum = 0;
  for (let start = 0, b = 0; start < n; start += imagesPerBatch, b++) {
    const nb = Math.min(imagesPerBatch, n - start);
    const samplesPerChunk = Math.max(1, Math.floor(maxRows / nb));
    const sums = tf.tidy(() => {
      const xb = tf.slice(x, [start, 0], [nb, -1]);
      const { mu, logvar } = net.encode(xb);
      if (!logvar) throw new Error('log p(x) needs a log σ² head');
      const chunks: tf.Tensor2D[] = [];
      for (let k = 0, c = 0; k < K; k += samplesPerChunk, c++) {
        chunks.push(logWeights(net, xb, mu, logvar, Math.min(samplesPerChunk, K - k), deriveSeed(seed, b, c), h));
      }
      const logW = chunks.length === 1 ? chunks[0] : tf.concat(chunks, 0);
      const perImageLogpx = tf.sub(tf.logSumExp(logW, 0), Math.log(K));
      return tf.stack([tf.sum(perImageLogpx), tf.div(tf.sum(logW), K)]);
    });
    const [lp, el] = await sums.data();
    sums.dispose();
    logpxSum += lp;
    elboSum += el;
    onProgress?.(start + nb, n);
  }
  return { logpx: logpxSum / n, elbo: elboSum / n };
}
