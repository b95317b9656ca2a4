// KL per latent dimension: which dimensions carry information about the images and which have
// collapsed to the prior (≈ 0 nats). The per-image KL of math.md, ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1),
// split into its terms j and averaged over the images; the terms sum to the reported `kl`.

/**
 * Mean KL(q(z_j|x) ‖ N(0, 1)) in nats for each dimension j over n images. `mu` and `logvar` are
 * n rows of latentDim (row-major, a [n, latentDim] tensor's dataSync), logvar as the encoder
 * gives it (already clamped to [LOGVAR_MIN, LOGVAR_MAX] by network.ts and mlp.ts).
 */
export function klPerDim(mu: ArrayLike<number>, logvar: ArrayLike<number>, latentDim: number): Float64Array {
  if (!Number.isInteger(latentDim) || latentDim < 1) throw new RangeError(`klPerDim: latentDim must be a positive integer, got ${latentDim}`);
  if (mu.length !== logvar.length) throw new RangeError(`klPerDim: ${mu.length} means but ${logvar.length} log-variances`);
  if (mu.length % latentDim !== 0) throw new RangeError(`klPerDim: ${mu.length} values are not rows of ${latentDim}`);
  const n = mu.length / latentDim;
  const out = new Float64Array(latentDim);
  if (n === 0) return out.fill(NaN);
  for (let i = 0; i < mu.length; i++) {
    const m = mu[i];
    const lv = logvar[i];
    out[i % latentDim] += m * m + Math.exp(lv) - lv - 1;
  }
  for (let j = 0; j < latentDim; j++) out[j] *= 0.5 / n;
  return out;
}
