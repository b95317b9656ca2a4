// The Monte Carlo estimate of E_q[log p(x|z)] made visible: draw R repeats of L codes
// z = μ + σ·ε for one image, score each decoding, and summarise how the L-sample means
// spread. The drawing is seeded so tests (and a "draw again" button) are reproducible.

import { seededUniform, type Uniform } from '../latentShared/priorSampling';

export type Rng = Uniform;

/** A small, fast, seedable uniform generator on [0, 1): the one the prior samples use. */
export const mulberry32: (seed: number) => Rng = seededUniform;

/** One standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function drawEpsilon(n: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = normal(rng);
  return out;
}

/** z = μ + σ ⊙ ε for `count` fresh ε (count × d, row-major); σ = exp(½ log σ²). */
export function sampleCodes(mu: ArrayLike<number>, logvar: ArrayLike<number>, count: number, rng: Rng): { eps: Float32Array; z: Float32Array } {
  const d = mu.length;
  const eps = drawEpsilon(count * d, rng);
  const z = new Float32Array(count * d);
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < d; j++) z[s * d + j] = mu[j] + Math.exp(0.5 * logvar[j]) * eps[s * d + j];
  }
  return { eps, z };
}

export function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length > 0 ? s / a.length : NaN;
}

/** Sample standard deviation (n − 1); NaN below two values. */
export function std(a: ArrayLike<number>): number {
  if (a.length < 2) return NaN;
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - m) ** 2;
  return Math.sqrt(s / (a.length - 1));
}

export interface McSummary {
  L: number;
  R: number;
  /** log p(x|z) of every sample, repeat by repeat (R × L). */
  perSample: Float64Array;
  /** The R L-sample estimates (means of each repeat's L values). */
  estimates: Float64Array;
  /** Mean over all R·L samples: the best estimate at hand. */
  mean: number;
  /** Standard deviation of the R estimates: how much one L-sample estimate wobbles. */
  spread: number;
  /** Standard deviation of single samples; spread ≈ sampleStd/√L. */
  sampleStd: number;
}

export function summarizeMc(values: ArrayLike<number>, L: number, R: number): McSummary {
  if (values.length !== L * R) throw new Error(`expected ${L * R} values (L=${L}, R=${R}), got ${values.length}`);
  const perSample = Float64Array.from(values);
  const estimates = new Float64Array(R);
  for (let r = 0; r < R; r++) estimates[r] = mean(perSample.subarray(r * L, (r + 1) * L));
  return { L, R, perSample, estimates, mean: mean(perSample), spread: std(estimates), sampleStd: std(perSample) };
}
