// How many threads share WASM's matrix products: measured, not assumed. The speed probe (browser
// worker) and the CLI's `--threads auto` (Node) both try a few counts up to the machine's core
// count and keep the fastest. Pure apart from the two callbacks, so both runtimes share it.

import type { ThreadTrial } from '../shared/protocol';

/** What changing the thread count gave (registerFastMatMul's setFastMatMulThreads). */
export interface ThreadsSet {
  threads: number;
  reason?: string;
}

/**
 * Within this share of the fastest, fewer threads win: the core left over keeps the page (its
 * drawing, the decoder under the dragged point) responsive, and the figures are noisy anyway.
 */
export const FEWER_THREADS_WITHIN = 0.03;
/** A count this much slower than the best so far ends the climb: past the knee more threads only cost. */
const STOP_BELOW = 0.9;

/**
 * The counts to try on a machine with `cores` cores (navigator.hardwareConcurrency,
 * os.availableParallelism()): 1, then doubling, then every core but one (the page keeps one) and
 * every core; at most `max`. E.g. 2 → 1, 2; 4 → 1, 2, 3, 4; 8 → 1, 2, 4, 7, 8; 16 → 1, 2, 4, 8, 15, 16.
 */
export function threadCandidates(cores: number, max: number): number[] {
  const top = Math.max(1, Math.min(Math.floor(Number.isFinite(cores) ? cores : 1), Math.floor(max)));
  const counts = new Set<number>();
  for (let n = 1; n < top; n *= 2) counts.add(n);
  if (top > 2) counts.add(top - 1);
  counts.add(top);
  return [...counts].sort((a, b) => a - b);
}

/**
 * The thread count to start with before anything is measured: every core but one on a machine
 * with more than two (the page keeps one), both on a two-core one (measured: the page keeps 60 fps
 * while the worker trains on both, README), 1 where threads cannot run.
 */
export function provisionalThreads(cores: number, threadsPossible: boolean, max: number): number {
  if (!threadsPossible) return 1;
  const c = Math.max(1, Math.min(Math.floor(Number.isFinite(cores) ? cores : 1), Math.floor(max)));
  return c > 2 ? c - 1 : c;
}

/** The fewest threads within FEWER_THREADS_WITHIN of the fastest trial; null when none ran. */
export function bestThreads(trials: readonly ThreadTrial[]): ThreadTrial | null {
  const ran = trials.filter((t): t is ThreadTrial & { imagesPerSec: number } => t.imagesPerSec !== null && t.imagesPerSec > 0);
  if (ran.length === 0) return null;
  const fastest = Math.max(...ran.map((t) => t.imagesPerSec));
  return ran.filter((t) => t.imagesPerSec >= fastest * (1 - FEWER_THREADS_WITHIN)).sort((a, b) => a.threads - b.threads)[0] ?? null;
}

export interface ThreadProbe {
  /** The count kept: the best trial's, or the last that worked when later ones failed. */
  threads: number;
  /** Images/s at that count; null when no count could be measured. */
  imagesPerSec: number | null;
  trials: ThreadTrial[];
}

/**
 * Tries each count in `candidates` (ascending): sets it, measures, records. A count whose helpers
 * do not start, or whose measurement throws, is recorded with its reason and the climb stops
 * there (more threads will not start either). Leaves the kept count set.
 */
export async function probeThreads(
  candidates: readonly number[],
  setThreads: (threads: number) => Promise<ThreadsSet>,
  measure: () => number,
  onTrial?: (threads: number, done: number, total: number) => void,
): Promise<ThreadProbe> {
  const trials: ThreadTrial[] = [];
  let best: ThreadTrial | null = null;
  for (const [i, threads] of candidates.entries()) {
    onTrial?.(threads, i, candidates.length);
    let trial: ThreadTrial;
    try {
      const set = await setThreads(threads);
      if (set.threads !== threads) {
        trial = { threads, imagesPerSec: null, reason: set.reason ?? `only ${set.threads} thread(s) started` };
      } else {
        trial = { threads, imagesPerSec: Math.round(measure()) };
      }
    } catch (err) {
      trial = { threads, imagesPerSec: null, reason: err instanceof Error ? err.message : String(err) };
    }
    trials.push(trial);
    if (trial.imagesPerSec === null) break;
    best = bestThreads(trials);
    if (best !== null && trial.imagesPerSec < best.imagesPerSec! * STOP_BELOW) break;
  }
  const kept = best ?? { threads: 1, imagesPerSec: null };
  // Leave the kept count in place (a failed trial may have left fewer running).
  try {
    await setThreads(kept.threads);
  } catch {
    // The caller's next use finds one thread; the trials say why.
  }
  return { threads: kept.threads, imagesPerSec: kept.imagesPerSec, trials };
}
