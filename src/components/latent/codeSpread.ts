// How far the test codes spread, per latent dimension: min, max and standard deviation of μ.
// An AE's codes wander wherever reconstruction takes them; a VAE's stay near the prior's
// scale (sd ≈ 1); with the reparameterization trick off they shrink toward 0. Pure, for Node.

export interface DimSpread {
  min: number;
  max: number;
  /** Population standard deviation over the images (divides by n). */
  sd: number;
}

/** Per dimension of `mu` (count × dim, row-major); NaN fields when there are no codes. */
export function codeSpread(mu: ArrayLike<number>, count: number, dim: number): DimSpread[] {
  const out: DimSpread[] = [];
  for (let j = 0; j < dim; j++) {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const v = mu[i * dim + j];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const mean = sum / count;
    // Two passes: one pass's Σv² − n·mean² loses the digits of a tight cluster far from 0.
    let ss = 0;
    for (let i = 0; i < count; i++) {
      const d = mu[i * dim + j] - mean;
      ss += d * d;
    }
    out.push(count > 0 ? { min, max, sd: Math.sqrt(ss / count) } : { min: NaN, max: NaN, sd: NaN });
  }
  return out;
}

/** The mean of the per-dimension standard deviations: one number for "how spread out". */
export function meanSd(spread: readonly DimSpread[]): number {
  return spread.length ? spread.reduce((s, d) => s + d.sd, 0) / spread.length : NaN;
}
