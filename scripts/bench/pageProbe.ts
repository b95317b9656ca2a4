// What the benchmark installs in the page before the app starts: a copy of every message the
// training worker posts (time-stamped on the page clock), every animation frame, every long
// task and every button click. The app is not changed: the Worker constructor is wrapped.
//
// The probe is plain JavaScript in a string, not a function: tsx compiles functions with
// esbuild's keepNames, whose `__name` helper does not exist in the page.

/** One message of the training worker, reduced to what the benchmark reads. */
export interface ProbeMessage {
  /** performance.now() on the page when the message arrived, ms since navigation. */
  t: number;
  type: string;
  step?: number;
  epoch?: number;
  imagesPerSec?: number;
  numTensors?: number;
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

export interface ProbeClick {
  t: number;
  label: string;
}

export interface ProbeState {
  msgs: ProbeMessage[];
  frames: number[];
  longTasks: LongTask[];
  clicks: ProbeClick[];
}

declare global {
  interface Window {
    __bench?: ProbeState;
  }
}

export const PROBE_SOURCE = String.raw`(() => {
  if (window.__bench) return;
  const bench = { msgs: [], frames: [], longTasks: [], clicks: [] };
  window.__bench = bench;

  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes('training')) return;
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d !== 'object') return;
        // Download progress comes in hundreds of tiny messages and tells the benchmark nothing.
        if (d.type === 'progress' && d.stage === 'download') return;
        const m = { t: performance.now(), type: d.type };
        for (const k of ['step', 'epoch', 'imagesPerSec', 'numTensors', 'count', 'backend', 'threads', 'tried', 'stage', 'loaded', 'total', 'code', 'message', 'recoverable']) {
          if (d[k] !== undefined) m[k] = d[k];
        }
        if (d.train) m.trainSteps = d.train.elbo.length;
        if (d.test) {
          m.testElbo = d.test.elbo;
          m.testFull = d.test.full;
          m.testCount = d.test.count;
        }
        bench.msgs.push(m);
      });
    }
  };

  const tick = (t) => {
    bench.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the count stays empty and the report says 0 of an unobserved kind.
  }

  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (b) bench.clicks.push({ t: performance.now(), label: (b.textContent || '').trim() });
  }, true);
})();`;
