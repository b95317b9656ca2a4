// What the loss chart knows about setting changes: vertical markers where a live setting
// changed (β, σ_x, likelihood, trick, learning rate, L, batch) or the weights were reset, and
// the likelihood regimes that say which Gaussian constant each step's numbers contain. Pure:
// the chart feeds it the client's state and history, and tests feed it plain values.
import type { Hyper, Likelihood } from '../model/types';

export type EventKind = 'beta' | 'sigmaX' | 'likelihood' | 'reparam' | 'learningRate' | 'samples' | 'batchSize' | 'reset';

export interface ChartEvent {
  kind: EventKind;
  /** The last step trained with the old setting: the marker sits just after it. */
  step: number;
  /** The new value (reset: true). */
  value: number | string | boolean;
}

/** From the step after `after` on, the recon figures contain this likelihood's constant. */
export interface Regime {
  after: number;
  likelihood: Likelihood;
  sigmaX: number;
}

/**
 * A likelihood change made while training ran: the chunk then in flight finished with the old
 * setting, so the true boundary lies somewhere in (step, the step two updates later]. It is
 * settled from the data once those updates arrived (settleBoundary).
 */
export interface Pending {
  /** Index into `events` and `regimes` of the change. */
  event: number;
  regime: number;
  /** Distinct history ends seen since the change. */
  updates: number;
}

export interface EventTrack {
  hyper: Hyper;
  events: ChartEvent[];
  regimes: Regime[];
  pending: Pending[];
}

/** Updates after a change made while running before its boundary is read from the data. */
export const SETTLE_UPDATES = 2;

export function newTrack(hyper: Hyper): EventTrack {
  return { hyper, events: [], regimes: [{ after: -Infinity, likelihood: hyper.likelihood, sigmaX: hyper.sigmaX }], pending: [] };
}

/** New weights (Reset): one marker at step 0, the settings from then on. */
export function resetTrack(hyper: Hyper): EventTrack {
  return { ...newTrack(hyper), events: [{ kind: 'reset', step: 0, value: true }] };
}

const LIVE: ReadonlyArray<Exclude<EventKind, 'reset'>> = ['likelihood', 'sigmaX', 'beta', 'reparam', 'learningRate', 'samples', 'batchSize'];

/** The live settings that differ; σ_x only where it matters (the Gaussian likelihood). */
export function settingChanges(prev: Hyper, next: Hyper): Array<{ kind: Exclude<EventKind, 'reset'>; value: number | string | boolean }> {
  const out: Array<{ kind: Exclude<EventKind, 'reset'>; value: number | string | boolean }> = [];
  for (const kind of LIVE) {
    if (prev[kind] === next[kind]) continue;
    if (kind === 'sigmaX' && next.likelihood !== 'gaussian') continue;
    out.push({ kind, value: next[kind] });
  }
  return out;
}

/**
 * The track after the settings became `next` at `step` (the history's last step). `running`:
 * whether a chunk may be in flight, so a likelihood boundary has to be settled from the data.
 */
export function recordChanges(track: EventTrack, next: Hyper, step: number, running: boolean): EventTrack {
  const changes = settingChanges(track.hyper, next);
  if (changes.length === 0) return track.hyper === next ? track : { ...track, hyper: next };
  const events = [...track.events, ...changes.map((c) => ({ ...c, step }))];
  const regimes = [...track.regimes];
  const pending = [...track.pending];
  const last = regimes[regimes.length - 1];
  if (last.likelihood !== next.likelihood || (next.likelihood === 'gaussian' && last.sigmaX !== next.sigmaX)) {
    regimes.push({ after: step, likelihood: next.likelihood, sigmaX: next.sigmaX });
    if (running) {
      const event = events.findIndex((e, i) => i >= track.events.length && (e.kind === 'likelihood' || e.kind === 'sigmaX'));
      pending.push({ event, regime: regimes.length - 1, updates: 0 });
    }
  }
  return { hyper: next, events, regimes, pending };
}

/**
 * Index i maximising |values[i] − values[i−1]| among steps in (from, to]: where a likelihood
 * change shows in the raw recon (its constant and error scale jump by far more than the noise).
 * Returns the step before that jump, or `from` when the window holds no pair.
 */
export function jumpStep(steps: ArrayLike<number>, values: ArrayLike<number>, from: number, to: number): number {
  let best = -1;
  let bestJump = -1;
  for (let i = 1; i < steps.length; i++) {
    if (steps[i - 1] < from || steps[i - 1] >= to) continue;
    const jump = Math.abs(values[i] - values[i - 1]);
    if (Number.isFinite(jump) && jump > bestJump) (bestJump = jump), (best = i);
  }
  return best > 0 ? steps[best - 1] : from;
}

/**
 * Counts history updates for pending boundaries; once SETTLE_UPDATES arrived, moves the
 * marker and the regime to where the recon series actually jumps.
 */
export function settleBoundary(track: EventTrack, steps: ArrayLike<number>, recon: ArrayLike<number>, lastSeen: number, last: number): EventTrack {
  if (track.pending.length === 0 || last <= lastSeen) return track;
  const events = [...track.events];
  const regimes = [...track.regimes];
  const pending: Pending[] = [];
  for (const p of track.pending) {
    const updates = p.updates + 1;
    if (updates < SETTLE_UPDATES) {
      pending.push({ ...p, updates });
      continue;
    }
    const from = regimes[p.regime].after;
    const at = jumpStep(steps, recon, from, last);
    regimes[p.regime] = { ...regimes[p.regime], after: at };
    if (p.event >= 0) events[p.event] = { ...events[p.event], step: at };
  }
  return { ...track, events, regimes, pending };
}

/** The regime that produced `step`'s numbers. */
export function regimeAt(regimes: readonly Regime[], step: number): Regime {
  let r = regimes[0];
  for (const g of regimes) if (step > g.after) r = g;
  return r;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** (D/2)·log(2πσ²): what the Gaussian −log p(x|z) adds to the squared error term (math.md); 0 for Bernoulli. */
export function likelihoodConstant(r: Pick<Regime, 'likelihood' | 'sigmaX'>, pixels: number): number {
  return r.likelihood === 'gaussian' ? (pixels / 2) * (LOG_2PI + 2 * Math.log(r.sigmaX)) : 0;
}

/** Whether any step of the track was trained with the Gaussian likelihood (the constant is non-zero). */
export function hasGaussian(track: EventTrack): boolean {
  return track.regimes.some((r) => r.likelihood === 'gaussian');
}

/** What a history's steps looked like at the last look, to tell appends from a replacement. */
export interface HistoryMark {
  ref: readonly number[];
  first: number;
  last: number;
  length: number;
}

export function markOf(steps: readonly number[]): HistoryMark {
  return { ref: steps, first: steps.length ? steps[0] : NaN, last: steps.length ? steps[steps.length - 1] : NaN, length: steps.length };
}

/**
 * 'reset' when the history was emptied, 'load' when another history replaced it (a checkpoint,
 * a pretrained model), null when it only grew, rewound or was thinned (the store thins past
 * 20,000 points into a new array that keeps the first and last steps).
 */
export function historyChange(prev: HistoryMark, steps: readonly number[]): 'reset' | 'load' | null {
  if (steps === prev.ref) return steps.length === 0 && prev.length > 0 ? 'reset' : null;
  if (steps.length === 0) return prev.length > 0 ? 'reset' : null;
  const thinned = prev.length > 10_000 && steps[0] === prev.first && steps[steps.length - 1] >= prev.last;
  return thinned ? null : 'load';
}
