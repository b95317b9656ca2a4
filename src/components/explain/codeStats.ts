// Whole-snapshot numbers the explanations watch: how far the codes sit from the prior (they
// drift to μ = 0, σ = 1 when the encoder learns from KL alone) and which code is nearest a z.

export interface Drift {
  /** Mean |μ_j| over images and dimensions. */
  meanAbsMu: number;
  /** Mean σ_j = exp(½ log σ²_j) over images and dimensions. */
  meanSigma: number;
}

export function codeDrift(mu: ArrayLike<number>, logvar: ArrayLike<number>, n: number, dim: number): Drift {
  const count = n * dim;
  let absMu = 0;
  let sigma = 0;
  for (let i = 0; i < count; i++) {
    absMu += Math.abs(mu[i]);
    sigma += Math.exp(0.5 * logvar[i]);
  }
  return { meanAbsMu: count ? absMu / count : NaN, meanSigma: count ? sigma / count : NaN };
}

/** The test code nearest z in all dimensions (Euclidean), or index −1 when there are none. */
export function nearestCode(mu: ArrayLike<number>, n: number, dim: number, z: ArrayLike<number>): { index: number; distance: number } {
  let best = -1;
  let bestD2 = Infinity;
  for (let i = 0; i < n; i++) {
    let d2 = 0;
    for (let j = 0; j < dim && d2 < bestD2; j++) {
      const e = mu[i * dim + j] - z[j];
      d2 += e * e;
    }
    if (d2 < bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return { index: best, distance: best < 0 ? NaN : Math.sqrt(bestD2) };
}
