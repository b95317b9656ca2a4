// The numbers the loss chart draws, before any pixel: its series and their values (−ELBO
// positive, Model B's from its own history), with or without the Gaussian
// constant, smoothing that never reaches across sparse history or a likelihood change, which
// test points get a ring, and where event labels go. Pure, tested in Node.
import type { MetricsHistory } from '../client/clientTypes';
import { likelihoodConstant, regimeAt, type Regime } from './chartEvents';
import { ema } from './lossChartScales';

/** aeRecon, aeKl: in Compare, Model B's reconstruction (and KL, when B is a VAE) beside A's series (DrawOptions.ae). */
export type SeriesKey = 'elbo' | 'recon' | 'kl' | 'objective' | 'aeRecon' | 'aeKl';
/** The series drawn from Model B's history. */
export const ofB = (key: SeriesKey) => key === 'aeRecon' || key === 'aeKl';

export const SERIES: ReadonlyArray<{ key: SeriesKey; label: string }> = [
  { key: 'elbo', label: '−ELBO' },
  { key: 'recon', label: 'Reconstruction' },
  { key: 'kl', label: 'KL' },
  { key: 'objective', label: 'Objective' },
  { key: 'aeRecon', label: 'AE reconstruction' },
  { key: 'aeKl', label: 'Model B KL' },
];

/** Train values as charted: −ELBO is positive, the others are as stored (aeRecon is its history's recon). */
export function trainValues(h: MetricsHistory, key: SeriesKey): number[] {
  if (key === 'aeRecon') return h.recon;
  if (key === 'aeKl') return h.kl;
  return key === 'elbo' ? h.elbo.map((v) => -v) : h[key];
}
export function rawTestValue(t: MetricsHistory['test'][number], key: SeriesKey): number {
  if (key === 'aeRecon') return t.recon;
  if (key === 'aeKl') return t.kl;
  return key === 'elbo' ? -t.elbo : t[key];
}
/** Every series but KL contains the likelihood's constant once. */
export const carriesConstant = (key: SeriesKey) => key !== 'kl' && key !== 'aeKl';
export const EMPTY_HISTORY: MetricsHistory = { version: 0, steps: [], elbo: [], recon: [], kl: [], objective: [], test: [] };

/**
 * Steps further apart than this are sparse history (a pretrained model's per-epoch points, or
 * the oldest part of a very long run after repeated thinning): drawn as they are, never smoothed.
 */
export const SPARSE_GAP = 16;

/**
 * The series as shown: with `drop`, each step's Gaussian constant (D/2)·log(2πσ²) of the regime
 * that produced it is subtracted (recon, −ELBO and objective all contain it once).
 */
export function withoutConstant(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  regimes: readonly Regime[],
  pixels: number,
): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] - likelihoodConstant(regimeAt(regimes, steps[i]), pixels);
  return out;
}

/**
 * Indices where smoothing starts afresh: the first point, every point more than `maxGap` steps
 * after the one before, and the first point after each cut (a step after which the numbers
 * mean something else, e.g. a new σ_x).
 */
export function segmentStarts(steps: ArrayLike<number>, cuts: readonly number[], maxGap = SPARSE_GAP): number[] {
  const starts: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    if (i === 0) {
      starts.push(0);
      continue;
    }
    const a = steps[i - 1];
    const b = steps[i];
    if (b - a > maxGap || cuts.some((c) => a <= c && c < b)) starts.push(i);
  }
  return starts;
}

/**
 * The EMA of each segment on its own, and points in sparse stretches left as they are: a
 * smoothed line that passes through sparse values instead of running above or below them.
 */
export function smoothSegments(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  smoothing: number,
  cuts: readonly number[] = [],
  maxGap = SPARSE_GAP,
): Float64Array {
  const out = new Float64Array(values.length);
  const starts = segmentStarts(steps, cuts, maxGap);
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s];
    const to = s + 1 < starts.length ? starts[s + 1] : values.length;
    // A lone point is itself (the EMA's debiasing would only add rounding).
    if (to - from === 1) out[from] = Number.isFinite(values[from]) ? values[from] : from > 0 ? out[from - 1] : NaN;
    else out.set(ema(Array.prototype.slice.call(values, from, to) as number[], smoothing), from);
  }
  return out;
}

/**
 * Which test points get a ring: full-test-set points always, the subset's only when at least
 * `minGapPx` from the last ring kept, walking back from the newest (the one people read).
 */
export function thinTestMarks(px: readonly number[], full: readonly boolean[], minGapPx: number): boolean[] {
  const keep = px.map((_, i) => full[i] === true);
  let lastKept = Infinity;
  for (let i = px.length - 1; i >= 0; i--) {
    if (!Number.isFinite(px[i])) {
      keep[i] = false;
      continue;
    }
    if (keep[i] || i === px.length - 1 || Math.abs(lastKept - px[i]) >= minGapPx) {
      keep[i] = true;
      lastKept = px[i];
    }
  }
  return keep;
}

/**
 * A row for each label so no two in a row overlap. Labels are [start, end] pixel spans (a label
 * near the right edge may run left of its line), taken in order of start; each goes to the
 * first row whose last label ends `gap` px before it starts; past `rows` rows, the last row.
 */
export function labelRows(spans: ReadonlyArray<readonly [number, number]>, rows: number, gap = 4): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a][0] - spans[b][0]);
  const ends: number[] = [];
  const out = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const [start, end] = spans[i];
    let r = ends.findIndex((e) => e + gap <= start);
    if (r < 0) r = ends.length < rows ? ends.length : rows - 1;
    ends[r] = Math.max(end, ends[r] ?? -Infinity);
    out[i] = r;
  }
  return out;
}
