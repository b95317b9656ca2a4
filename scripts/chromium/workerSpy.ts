// What the bench and the soak install in the page before the app starts: a copy of every message
// the training worker posts (time-stamped on the page clock), every animation frame, every long
// task and every button click. The app is not changed: the Worker constructor is wrapped.
// The bench reads the record as it grows (`readSpy`); the soak empties it once a minute
// (`drainSpy`), so the spy's own arrays do not grow and show up as a leak in the page's heap.
//
// The page side is plain JavaScript in a string, not a function: tsx compiles functions with
// esbuild's keepNames, whose `__name` helper does not exist in the page.

import type { Page } from '@playwright/test';

/** One message of the training worker, reduced to what the bench and the soak read. */
export interface SpiedMessage {
  /** performance.now() on the page when the message arrived, ms since navigation. */
  t: number;
  type: string;
  step?: number;
  epoch?: number;
  imagesPerSec?: number;
  numTensors?: number;
  numBytes?: number;
  /** Training steps the metrics message reports (0 for a test point between chunks). */
  trainSteps?: number;
  /** The test ELBO as the worker sends it: negative, nats per image (−ELBO is its negation). */
  testElbo?: number;
  testFull?: boolean;
  testCount?: number;
  /** Points in a latent snapshot. */
  count?: number;
  backend?: string;
  /** 'ready': threads sharing WASM's matrix products. */
  threads?: number;
  tried?: Array<{ backend: string; ok: boolean; reason?: string }>;
  stage?: string;
  loaded?: number;
  total?: number;
  code?: string;
  message?: string;
  recoverable?: boolean;
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface SpiedClick {
  t: number;
  label: string;
}

export interface SpyRecord {
  msgs: SpiedMessage[];
  frames: number[];
  longTasks: LongTask[];
  clicks: SpiedClick[];
}

declare global {
  interface Window {
    __workerSpy?: SpyRecord;
  }
}

/** The worker message fields copied as they are. */
export const COPIED_FIELDS = ['step', 'epoch', 'imagesPerSec', 'numTensors', 'numBytes', 'count', 'backend', 'threads', 'tried', 'stage', 'loaded', 'total', 'code', 'message', 'recoverable'] as const;

export const WORKER_SPY_SOURCE = String.raw`(() => {
  if (window.__workerSpy) return;
  const spy = { msgs: [], frames: [], longTasks: [], clicks: [] };
  window.__workerSpy = spy;

  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes('training')) return;
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d !== 'object') return;
        // Download progress comes in hundreds of tiny messages and tells the reader nothing.
        if (d.type === 'progress' && d.stage === 'download') return;
        const m = { t: performance.now(), type: d.type };
        for (const k of ${JSON.stringify(COPIED_FIELDS)}) {
          if (d[k] !== undefined) m[k] = d[k];
        }
        if (d.train) m.trainSteps = d.train.elbo.length;
        if (d.test) {
          m.testElbo = d.test.elbo;
          m.testFull = d.test.full;
          m.testCount = d.test.count;
        }
        spy.msgs.push(m);
      });
    }
  };

  const tick = (t) => {
    spy.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) spy.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the list stays empty and the report says 0 of an unobserved kind.
  }

  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (b) spy.clicks.push({ t: performance.now(), label: (b.textContent || '').trim() });
  }, true);
})();`;

/** Must run before the first navigation. */
export async function installWorkerSpy(page: Page): Promise<void> {
  await page.addInitScript({ content: WORKER_SPY_SOURCE });
}

/** The messages recorded from index `from` on; the record stays in the page. */
export function readSpiedMessages(page: Page, from: number): Promise<SpiedMessage[]> {
  return page.evaluate((i) => window.__workerSpy?.msgs.slice(i) ?? [], from);
}

/** Frames and long tasks recorded so far (frames only inside [t0, t1]); the record stays. */
export function readSpiedTimes(page: Page, t0: number, t1: number): Promise<{ frames: number[]; longTasks: LongTask[] }> {
  return page.evaluate(
    ([a, b]) => ({
      frames: (window.__workerSpy?.frames ?? []).filter((t) => t >= a && t <= b),
      longTasks: window.__workerSpy?.longTasks ?? [],
    }),
    [t0, t1] as const,
  );
}

export function readSpiedClicks(page: Page): Promise<SpiedClick[]> {
  return page.evaluate(() => window.__workerSpy?.clicks ?? []);
}

/** Everything recorded since the last drain, removed from the page, with the page clock. */
export function drainSpy(page: Page): Promise<SpyRecord & { now: number }> {
  return page.evaluate(() => {
    const s = window.__workerSpy;
    return {
      now: performance.now(),
      msgs: s?.msgs.splice(0) ?? [],
      frames: s?.frames.splice(0) ?? [],
      longTasks: s?.longTasks.splice(0) ?? [],
      clicks: s?.clicks.splice(0) ?? [],
    };
  });
}
