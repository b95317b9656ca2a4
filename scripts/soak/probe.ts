// What the soak installs in the page before the app starts: the training worker's metrics
// (step, rates, tf.memory()), its errors, and animation-frame times. Drained once a minute, so
// the probe's own arrays do not grow and show up as a leak in the page's heap.
//
// Plain JavaScript in a string, not a function: tsx's keepNames helper does not exist in the page.

import type { Page } from '@playwright/test';

export interface SoakMetrics {
  t: number;
  step: number;
  trainSteps: number;
  imagesPerSec: number;
  numTensors: number | null;
  numBytes: number | null;
}

export interface SoakDrain {
  now: number;
  metrics: SoakMetrics[];
  errors: string[];
  frames: number[];
  longTasks: number;
}

declare global {
  interface Window {
    __soak?: { metrics: SoakMetrics[]; errors: string[]; frames: number[]; longTasks: number };
  }
}

export const SOAK_PROBE_SOURCE = String.raw`(() => {
  if (window.__soak) return;
  const soak = { metrics: [], errors: [], frames: [], longTasks: 0 };
  window.__soak = soak;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes('training')) return;
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d !== 'object') return;
        if (d.type === 'metrics' && d.train) {
          soak.metrics.push({ t: performance.now(), step: d.step, trainSteps: d.train.elbo.length, imagesPerSec: d.imagesPerSec,
            numTensors: d.numTensors ?? null, numBytes: d.numBytes ?? null });
        } else if (d.type === 'error') {
          soak.errors.push(d.code + ': ' + d.message);
        }
      });
    }
  };
  const tick = (t) => {
    soak.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => { soak.longTasks += list.getEntries().length; }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export async function installSoakProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: SOAK_PROBE_SOURCE });
}

/** Everything recorded since the last drain, removed from the page. */
export function drain(page: Page): Promise<SoakDrain> {
  return page.evaluate(() => {
    const s = window.__soak;
    const out = { now: performance.now(), metrics: s?.metrics.splice(0) ?? [], errors: s?.errors.splice(0) ?? [], frames: s?.frames.splice(0) ?? [], longTasks: s?.longTasks ?? 0 };
    if (s) s.longTasks = 0;
    return out;
  });
}
