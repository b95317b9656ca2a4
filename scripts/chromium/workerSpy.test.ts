import { describe, expect, it } from 'vitest';
import { soakErrors, soakMetrics } from '../soak/probe';
import { WORKER_SPY_SOURCE, type SpyRecord } from './workerSpy';

/** A page's globals, enough for the spy: a Worker that can be told to post, a clock, frames. */
function fakePage() {
  class FakeWorker extends EventTarget {
    constructor(readonly url: string) {
      super();
    }
    post(data: unknown): void {
      this.dispatchEvent(Object.assign(new Event('message'), { data }));
    }
  }
  let now = 0;
  const frameCallbacks: Array<(t: number) => void> = [];
  const window: { Worker: typeof FakeWorker; __workerSpy?: SpyRecord } = { Worker: FakeWorker };
  const globals = {
    window,
    performance: { now: () => now },
    requestAnimationFrame: (cb: (t: number) => void) => void frameCallbacks.push(cb),
    document: { addEventListener: () => {} },
    PerformanceObserver: undefined,
    Element: class {},
  };
  const install = () => new Function(...Object.keys(globals), WORKER_SPY_SOURCE)(...Object.values(globals));
  const frame = (t: number) => frameCallbacks.splice(0).forEach((cb) => cb(t));
  return { window, install, frame, setNow: (t: number) => void (now = t), Worker: () => window.Worker };
}

describe('the worker spy (page side)', () => {
  it('records the training worker’s messages, reduced, on the page clock; not other workers’', () => {
    const page = fakePage();
    page.install();
    const training = new (page.Worker())('/assets/training.worker-abc.js');
    const inference = new (page.Worker())('/assets/inference.worker-abc.js');
    page.setNow(120);
    training.post({ type: 'ready', backend: 'wasm', threads: 2, tried: [{ backend: 'webgl', ok: false, reason: 'no GL' }], extra: 'not copied' });
    training.post({ type: 'progress', stage: 'download', loaded: 5, total: 10 });
    inference.post({ type: 'decoded', id: 1 });
    page.setNow(250.5);
    training.post({ type: 'metrics', step: 40, epoch: 0, imagesPerSec: 900, numTensors: 47, numBytes: 2048, train: { elbo: [1, 2, 3] }, test: { elbo: -180, full: false, count: 500 } });
    training.post('not an object');
    expect(page.window.__workerSpy?.msgs).toEqual([
      { t: 120, type: 'ready', backend: 'wasm', threads: 2, tried: [{ backend: 'webgl', ok: false, reason: 'no GL' }] },
      { t: 250.5, type: 'metrics', step: 40, epoch: 0, imagesPerSec: 900, numTensors: 47, numBytes: 2048, trainSteps: 3, testElbo: -180, testFull: false, testCount: 500 },
    ]);
  });

  it('records every animation frame and installs itself once', () => {
    const page = fakePage();
    page.install();
    page.install();
    page.frame(16);
    page.frame(33);
    expect(page.window.__workerSpy?.frames).toEqual([16, 33]);
  });

  it('gives the soak its chunk metrics and the worker’s errors', () => {
    const page = fakePage();
    page.install();
    const training = new (page.Worker())('training.worker.js');
    page.setNow(10);
    training.post({ type: 'metrics', step: 5, imagesPerSec: 700, numTensors: 40, train: { elbo: [1, 2] } });
    training.post({ type: 'metrics', step: 5, test: { elbo: -200, full: true, count: 10000 } });
    training.post({ type: 'error', code: 'oom', message: 'out of memory', recoverable: true });
    const msgs = page.window.__workerSpy?.msgs ?? [];
    expect(soakMetrics(msgs)).toEqual([{ t: 10, step: 5, trainSteps: 2, imagesPerSec: 700, numTensors: 40, numBytes: null }]);
    expect(soakErrors(msgs)).toEqual(['oom: out of memory']);
  });
});
