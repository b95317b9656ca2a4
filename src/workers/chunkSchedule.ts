// How many steps go in a chunk, how many images in a slice of extra work (test pass, latent
// codes), and when extra work may run. Pure, so the loop's pacing is testable without a browser.

export interface SizeBand {
  targetMs: number;
  minMs: number;
  maxMs: number;
  maxSize: number;
}

/** A chunk should take about 200 ms: short enough that pause feels instant, long enough to amortize a post. */
export const CHUNK_BAND: SizeBand = { targetMs: 200, minMs: 150, maxMs: 250, maxSize: 500 };
/** A slice of extra work is shorter: messages are handled between slices too. */
export const SLICE_BAND: SizeBand = { targetMs: 100, minMs: 50, maxMs: 200, maxSize: 2000 };

/**
 * The next size from the last one and how long it took. Inside the band it stays; outside it
 * aims at the target, at most halving or doubling per round so one slow outlier (a GC pause,
 * a shader compile) cannot swing it wildly.
 */
export function adaptSize(size: number, elapsedMs: number, band: SizeBand): number {
  const current = Math.max(1, Math.round(size));
  if (!(elapsedMs > 0)) return Math.min(band.maxSize, current * 2);
  if (elapsedMs >= band.minMs && elapsedMs <= band.maxMs) return Math.min(band.maxSize, current);
  const ideal = (current * band.targetMs) / elapsedMs;
  const bounded = Math.min(current * 2, Math.max(current / 2, ideal));
  return Math.max(1, Math.min(band.maxSize, Math.round(bounded)));
}

export function nextChunkSize(steps: number, elapsedMs: number): number {
  return adaptSize(steps, elapsedMs, CHUNK_BAND);
}

/**
 * Slice sizes come from a short ladder, not any number: WebGL compiles a shader program per
 * tensor shape (seconds each with a software renderer), so a size that wandered freely would
 * recompile every slice. Each step divides 10,000 (the test sets) and those up to 1,000 divide
 * the 1,000-image subset, so remainders add no new shapes either.
 */
export const SLICE_LADDER: readonly number[] = [50, 100, 250, 500, 1000, 2000];

export function nextSliceSize(rows: number, elapsedMs: number): number {
  const ideal = adaptSize(rows, elapsedMs, SLICE_BAND);
  return SLICE_LADDER.reduce((best, size) => (size <= ideal ? size : best), SLICE_LADDER[0] as number);
}

/** Time spent training and on extras, over a sliding window. */
export interface Ledger {
  trainMs: number;
  extraMs: number;
}

/** Extras may take at most this share of the time, so a big test set cannot starve training. */
export const EXTRA_MAX_SHARE = 0.25;
/** And they wait at least this many chunks between runs of the same kind. */
export const EXTRA_EVERY_CHUNKS = 5;
const LEDGER_WINDOW_MS = 60_000;

export const EMPTY_LEDGER: Ledger = { trainMs: 0, extraMs: 0 };

export function charge(ledger: Ledger, kind: 'train' | 'extra', ms: number): Ledger {
  const next = kind === 'train' ? { ...ledger, trainMs: ledger.trainMs + ms } : { ...ledger, extraMs: ledger.extraMs + ms };
  const total = next.trainMs + next.extraMs;
  if (total <= LEDGER_WINDOW_MS) return next;
  // Forget the distant past proportionally: the ratio, which is what matters, is kept.
  const k = LEDGER_WINDOW_MS / total;
  return { trainMs: next.trainMs * k, extraMs: next.extraMs * k };
}

export function extrasAffordable(ledger: Ledger): boolean {
  return ledger.extraMs <= (ledger.trainMs * EXTRA_MAX_SHARE) / (1 - EXTRA_MAX_SHARE);
}

/** A periodic extra is due after enough chunks, if the budget allows. */
export function extraDue(chunksSince: number, ledger: Ledger): boolean {
  return chunksSince >= EXTRA_EVERY_CHUNKS && extrasAffordable(ledger);
}
