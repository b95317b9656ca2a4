// The streaming metrics history: appended per chunk, mutated in place, `version` bumped on
// every change so charts redraw only when something new arrived.

import type { MetricsHistory } from './clientTypes';
import type { ChunkSeries, HistoryRecord, TestMetrics } from '../shared/protocol';
import { isHistoryRecord } from '../shared/historyRecord';

export { isHistoryRecord };

/** Train points kept: beyond this the oldest half is thinned to every second point. */
export const MAX_TRAIN_POINTS = 20_000;
export const MAX_TEST_POINTS = 2_000;

export function emptyHistory(): MetricsHistory {
  return { version: 0, steps: [], elbo: [], recon: [], kl: [], objective: [], test: [] };
}

/**
 * Indices to keep when thinning n points: every second point of the oldest half, all of the
 * newest half. The first and last points always stay, and order is kept.
 */
export function thinIndices(n: number): number[] {
  const half = Math.floor(n / 2);
  const keep: number[] = [];
  for (let i = 0; i < half; i += 2) keep.push(i);
  for (let i = half; i < n; i++) keep.push(i);
  return keep;
}

function pick<T>(values: T[], keep: number[]): T[] {
  return keep.map((i) => values[i] as T);
}

export class MetricsStore {
  readonly history: MetricsHistory = emptyHistory();

  /** Appends one chunk's per-step train values (and a test point, if the chunk had one). */
  appendChunk(train: ChunkSeries, test?: TestMetrics, testStep?: number): void {
    const h = this.history;
    const n = train.elbo.length;
    // Steps that go back (training resumed from an earlier snapshot) replace what came after.
    if (n > 0 && h.steps.length > 0 && train.firstStep <= (h.steps[h.steps.length - 1] as number)) this.rewind(train.firstStep);
    for (let i = 0; i < n; i++) {
      h.steps.push(train.firstStep + i);
      h.elbo.push(train.elbo[i] as number);
      h.recon.push(train.recon[i] as number);
      h.kl.push(train.kl[i] as number);
      h.objective.push(train.objective[i] as number);
    }
    if (h.steps.length > MAX_TRAIN_POINTS) this.thinTrain();
    if (test) this.pushTest(test, testStep ?? train.firstStep + n - 1);
    h.version++;
  }

  appendTest(test: TestMetrics, step: number): void {
    this.pushTest(test, step);
    this.history.version++;
  }

  /**
   * MIG measured at `step` (Shapes, after an epoch's full test pass): kept on that step's test
   * point, the full one if there is one, so the CSV and a checkpoint carry it. False when no test
   * point has that step (a snapshot's MIG between test passes: only the latest is shown).
   */
  noteMig(step: number, mig: number): boolean {
    const points = this.history.test;
    let at = -1;
    for (let i = points.length - 1; i >= 0; i--) {
      if (points[i].step !== step) continue;
      if (at < 0 || (points[i].full && !points[at].full)) at = i;
    }
    if (at < 0) return false;
    points[at] = { ...points[at], mig };
    this.history.version++;
    return true;
  }

  /** Empties the history (new weights), or replaces it with a saved one; the version keeps counting. */
  clear(saved?: HistoryRecord): void {
    const h = this.history;
    h.steps = saved ? [...saved.steps] : [];
    h.elbo = saved ? [...saved.elbo] : [];
    h.recon = saved ? [...saved.recon] : [];
    h.kl = saved ? [...saved.kl] : [];
    h.objective = saved ? [...saved.objective] : [];
    h.test = saved ? saved.test.map((t) => ({ ...t })) : [];
    h.version++;
  }

  /** A plain copy for a checkpoint. */
  record(): HistoryRecord {
    const { version: _version, ...rest } = this.history;
    return { ...rest, test: rest.test.map((t) => ({ ...t })) };
  }

  private rewind(step: number): void {
    const h = this.history;
    const keep = h.steps.findIndex((s) => s >= step);
    if (keep >= 0) {
      for (const series of [h.steps, h.elbo, h.recon, h.kl, h.objective]) series.length = keep;
    }
    h.test = h.test.filter((t) => t.step <= step);
  }

  private pushTest(test: TestMetrics, step: number): void {
    const h = this.history;
    h.test.push({ ...test, step });
    if (h.test.length > MAX_TEST_POINTS) h.test = pick(h.test, thinIndices(h.test.length));
  }

  private thinTrain(): void {
    const h = this.history;
    const keep = thinIndices(h.steps.length);
    h.steps = pick(h.steps, keep);
    h.elbo = pick(h.elbo, keep);
    h.recon = pick(h.recon, keep);
    h.kl = pick(h.kl, keep);
    h.objective = pick(h.objective, keep);
  }
}
