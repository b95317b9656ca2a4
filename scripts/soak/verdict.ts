// The soak's judgement over its per-minute samples: does anything grow beyond noise, does
// anything slow down? Pure, so it is tested on made-up series. The first samples are warm-up
// (shader compiles, the first test pass, heaps settling) and are left out; the rest is split
// into an early and a late third, compared with a tolerance per kind. Memory compares each
// third's floor (its minimum): buffers not yet collected only ever add to a sample, while a leak
// raises every sample. Speed compares medians.

import { median, round } from '../bench/stats';

export interface SoakSample {
  minute: number;
  /** Seconds since Train was pressed. */
  elapsedS: number;
  step: number;
  /** tf.memory().numTensors in the training worker: the most seen during the minute. */
  numTensors: number | null;
  /** tf.memory().numBytes in the training worker: the most seen during the minute. */
  numBytes: number | null;
  /** JS heap after a forced GC, bytes. */
  heapMainBytes: number | null;
  heapTrainerBytes: number | null;
  heapInferenceBytes: number | null;
  /** ArrayBuffers outside the training worker's JS heap (the WASM memory among them), bytes. */
  trainerBackingBytes: number | null;
  /** Steps × batch ÷ wall time over the minute, images/s. */
  imagesPerSec: number | null;
  /** The worker's own rate inside chunks, median over the minute, images/s. */
  chunkImagesPerSec: number | null;
  fps: number | null;
  longTasks: number;
  loadAverage1m: number;
}

export interface SeriesCheck {
  early: number | null;
  late: number | null;
  /** late − early, in the series' unit. */
  change: number | null;
  changePct: number | null;
  flagged: boolean;
}

export interface SoakVerdict {
  ok: boolean;
  warmupSamples: number;
  judgedSamples: number;
  numTensors: SeriesCheck;
  numBytes: SeriesCheck;
  heapMain: SeriesCheck;
  heapTrainer: SeriesCheck;
  heapInference: SeriesCheck;
  trainerBacking: SeriesCheck;
  imagesPerSec: SeriesCheck;
  fps: SeriesCheck;
  /** The machine's 1-minute load average: speed is judged only while it stays about the same. */
  load: SeriesCheck;
  /** One line per flagged check, in words. */
  problems: string[];
  /** What could not be judged, and why. */
  notes: string[];
}

/** How much a series may move before it counts: growth for memory, a drop for speed. */
interface Tolerance {
  direction: 'growth' | 'drop';
  absolute: number;
  relative: number;
}

const TOLERANCE = {
  // Exact counts: the test set and the weights are the only long-lived tensors.
  numTensors: { direction: 'growth', absolute: 2, relative: 0 },
  numBytes: { direction: 'growth', absolute: 1 << 20, relative: 0.01 },
  // Forced-GC heaps move by a few hundred kB; the loss history grows by design (capped at 20,000 points).
  heap: { direction: 'growth', absolute: 2 << 20, relative: 0.1 },
  // Shared machines: another process can take a core for a minute.
  imagesPerSec: { direction: 'drop', absolute: 0, relative: 0.15 },
  fps: { direction: 'drop', absolute: 5, relative: 0 },
  // A load that rose by more than this explains a slowdown by itself.
  load: { direction: 'growth', absolute: 0.5, relative: 0.25 },
} as const satisfies Record<string, Tolerance>;

/** Samples left out as warm-up: 1 of up to 7, then 2. */
export function warmupCount(n: number): number {
  return n <= 2 ? 0 : n <= 7 ? 1 : 2;
}

export function checkSeries(values: ReadonlyArray<number | null>, t: Tolerance): SeriesCheck {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length < 2) return { early: null, late: null, change: null, changePct: null, flagged: false };
  const third = Math.max(1, Math.ceil(xs.length / 3));
  const stat = (part: number[]) => (t.direction === 'growth' ? Math.min(...part) : (median(part) as number));
  const early = stat(xs.slice(0, third));
  const late = stat(xs.slice(-third));
  const change = late - early;
  const allowed = t.absolute + t.relative * Math.abs(early);
  const flagged = t.direction === 'growth' ? change > allowed : -change > allowed;
  return { early: round(early, 1), late: round(late, 1), change: round(change, 1), changePct: early !== 0 ? round((100 * change) / early, 1) : null, flagged };
}

const MB = (b: number | null) => (b === null ? '?' : `${(b / 2 ** 20).toFixed(1)} MB`);

export function soakVerdict(samples: readonly SoakSample[]): SoakVerdict {
  const warm = warmupCount(samples.length);
  const s = samples.slice(warm);
  const pick = (f: (x: SoakSample) => number | null) => s.map(f);
  const v: Omit<SoakVerdict, 'ok' | 'problems' | 'notes'> = {
    warmupSamples: warm,
    judgedSamples: s.length,
    numTensors: checkSeries(pick((x) => x.numTensors), TOLERANCE.numTensors),
    numBytes: checkSeries(pick((x) => x.numBytes), TOLERANCE.numBytes),
    heapMain: checkSeries(pick((x) => x.heapMainBytes), TOLERANCE.heap),
    heapTrainer: checkSeries(pick((x) => x.heapTrainerBytes), TOLERANCE.heap),
    heapInference: checkSeries(pick((x) => x.heapInferenceBytes), TOLERANCE.heap),
    trainerBacking: checkSeries(pick((x) => x.trainerBackingBytes), TOLERANCE.heap),
    imagesPerSec: checkSeries(pick((x) => x.imagesPerSec), TOLERANCE.imagesPerSec),
    fps: checkSeries(pick((x) => x.fps), TOLERANCE.fps),
    load: checkSeries(pick((x) => x.loadAverage1m), TOLERANCE.load),
  };
  const problems: string[] = [];
  const notes: string[] = [];
  const grew = (name: string, c: SeriesCheck, fmt: (x: number | null) => string) => {
    if (c.flagged) problems.push(`${name} grew from ${fmt(c.early)} to ${fmt(c.late)}`);
  };
  grew('tf.memory().numTensors', v.numTensors, String);
  grew('tf.memory().numBytes', v.numBytes, MB);
  grew('main-thread JS heap', v.heapMain, MB);
  grew('training-worker JS heap', v.heapTrainer, MB);
  grew('inference-worker JS heap', v.heapInference, MB);
  grew('training-worker memory outside the JS heap (WASM)', v.trainerBacking, MB);
  const slower: string[] = [];
  if (v.imagesPerSec.flagged) slower.push(`training slowed from ${v.imagesPerSec.early} to ${v.imagesPerSec.late} images/s`);
  if (v.fps.flagged) slower.push(`the page slowed from ${v.fps.early} to ${v.fps.late} fps`);
  // Other processes took the cores: the slowdown is theirs as much as ours, so it is not judged.
  if (v.load.flagged) notes.push(...slower.map((t) => `${t}, but the machine's load rose from ${v.load.early} to ${v.load.late}: not judged`));
  else problems.push(...slower);
  if (s.length < 2) problems.push(`too few samples to judge (${s.length} after ${warm} of warm-up)`);
  return { ok: problems.length === 0, problems, notes, ...v };
}
