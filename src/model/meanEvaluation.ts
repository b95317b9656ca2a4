// Deterministic evaluation with z = μ(x): the same numbers any framework gets from the same
// weights (no ε to draw), so a model exported to PyTorch, or imported from it, can be checked
// to a few hundredths of a nat. TF.js-free (mlp.ts's forward pass); definitions from math.md:
// recon = −log p(x|z) summed over pixels, KL = ½ Σ (μ² + σ² − log σ² − 1), −ELBO = recon + KL,
// all in nats per image. The AE has no KL.

import { decodeLogits, encodeMlp } from './mlp';
import type { Hyper, NetworkWeights } from './types';

export interface MeanEvaluation {
  /** Mean −ELBO with z = μ, nats per image. */
  nelbo: number;
  recon: number;
  kl: number;
  count: number;
}

/**
 * Means over the first `count` images of `pixels` (uint8, count × inputDim, x = value / 255),
 * in chunks of `batch` images; sums are kept in double precision.
 */
export function evaluateAtMean(
  w: NetworkWeights,
  pixels: Uint8Array,
  count: number,
  h: Pick<Hyper, 'likelihood' | 'sigmaX'>,
  batch = 250,
): MeanEvaluation {
  const D = w.config.inputDim;
  const dim = w.config.latentDim;
  if (!Number.isInteger(count) || count < 1 || pixels.length < count * D) throw new Error(`evaluateAtMean: need ${count} images of ${D} pixels`);
  const gaussConst = 0.5 * D * Math.log(2 * Math.PI * h.sigmaX * h.sigmaX);
  const inv2s2 = 1 / (2 * h.sigmaX * h.sigmaX);
  let recon = 0;
  let kl = 0;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const x = new Float32Array(n * D);
    for (let i = 0; i < n * D; i++) x[i] = pixels[start * D + i] / 255;
    const { mu, logvar } = encodeMlp(w, x, n);
    const logits = decodeLogits(w, mu, n);
    for (let i = 0; i < n * D; i++) {
      const l = logits[i];
      const xi = x[i];
      if (h.likelihood === 'bernoulli') recon += Math.max(l, 0) - l * xi + Math.log1p(Math.exp(-Math.abs(l)));
      else recon += (xi - 1 / (1 + Math.exp(-l))) ** 2 * inv2s2;
    }
    if (h.likelihood === 'gaussian') recon += n * gaussConst;
    if (logvar) {
      for (let j = 0; j < n * dim; j++) kl += 0.5 * (mu[j] * mu[j] + Math.exp(logvar[j]) - logvar[j] - 1);
    }
  }
  return { nelbo: (recon + kl) / count, recon: recon / count, kl: kl / count, count };
}
