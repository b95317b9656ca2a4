// The first-visit speed probe: a few training steps of the default model on each backend that
// can run here, so 'auto' picks the fastest by measurement rather than by rule. The page keeps
// the result (per browser) and shows its figures in the backend menu.

import * as tf from '@tensorflow/tfjs-core';
import { createNetwork, DEFAULT_HYPER, DEFAULT_MODEL, Trainer } from '../model';
import { probeThreads, type ThreadsSet } from './backendThreads';
import type { BackendName, BackendProbe, BackendSpeed } from '../shared/protocol';

/** Timed steps after the first, at most… */
const TIMED_STEPS = 6;
/** …or until this much time has gone, ms. */
const TIMED_BUDGET_MS = 1_200;
/** A first step slower than this is the measurement: no backend that slow wins. */
const FIRST_STEP_CAP_MS = 6_000;

/** Called before each candidate is measured: its name, how many are done, how many in all (and WASM's thread count on trial). */
export type ProbeProgress = (backend: BackendName, done: number, total: number, threads?: number) => void;

/** Makes `backend` the active one, kernels and all; a reason when it cannot be. */
export type Activate = (backend: BackendName) => Promise<string | undefined>;

/** WASM's thread counts to try (backendThreads.ts) and how to change the count. */
export interface ThreadOptions {
  candidates: readonly number[];
  set(threads: number): Promise<ThreadsSet>;
}

/** Trains the default 2-D VAE on a random batch for a few steps on the active backend. */
export function timeSteps(backend: BackendName): BackendSpeed {
  const hyper = { ...DEFAULT_HYPER, warmStart: false };
  const net = createNetwork(DEFAULT_MODEL, 1);
  const trainer = new Trainer(net, hyper, 1);
  const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([hyper.batchSize, DEFAULT_MODEL.inputDim], 0, 1, 'float32', 7), 0.8), 'float32')) as tf.Tensor2D;
  try {
    let t0 = performance.now();
    trainer.step(x);
    const firstStepMs = performance.now() - t0;
    if (firstStepMs > FIRST_STEP_CAP_MS) {
      return { backend, imagesPerSec: (hyper.batchSize * 1000) / firstStepMs, firstStepMs: Math.round(firstStepMs) };
    }
    // One more untimed step: some backends compile the rest of their programs on the second.
    trainer.step(x);
    let steps = 0;
    t0 = performance.now();
    while (steps < TIMED_STEPS && performance.now() - t0 < TIMED_BUDGET_MS) {
      trainer.step(x);
      steps++;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { backend, imagesPerSec: Math.round((steps * hyper.batchSize) / seconds), firstStepMs: Math.round(firstStepMs) };
  } finally {
    x.dispose();
    trainer.dispose();
    net.dispose();
  }
}

/**
 * WASM at each thread count (fewest first); its figure is the kept count's. A count that fails
 * is recorded and the last that worked is kept.
 */
async function timeThreads(threads: ThreadOptions, onProgress: ProbeProgress | undefined, done: number, total: number): Promise<BackendSpeed> {
  let firstStepMs: number | undefined;
  const r = await probeThreads(
    threads.candidates,
    (n) => threads.set(n),
    () => {
      const speed = timeSteps('wasm');
      firstStepMs ??= speed.firstStepMs;
      if (speed.imagesPerSec === null) throw new Error(speed.reason ?? 'no figure');
      return speed.imagesPerSec;
    },
    (n) => onProgress?.('wasm', done, total, n),
  );
  const failed = r.trials.find((t) => t.imagesPerSec === null);
  return {
    backend: 'wasm',
    imagesPerSec: r.imagesPerSec,
    ...(firstStepMs === undefined ? {} : { firstStepMs }),
    ...(r.imagesPerSec === null && failed?.reason ? { reason: failed.reason } : {}),
    threads: r.threads,
    threadTrials: r.trials,
  };
}

/**
 * The probe one candidate at a time, so a first visit can train on a provisional backend while
 * it runs (between chunks). A failing candidate is recorded with its reason, never thrown.
 */
export class ProbeRun {
  private readonly results: BackendSpeed[] = [];
  private next = 0;

  constructor(
    private readonly candidates: readonly BackendName[],
    private readonly activate: Activate,
    private readonly agent: string,
    private readonly onProgress?: ProbeProgress,
    private readonly threads?: ThreadOptions,
  ) {}

  get done(): boolean {
    return this.next >= this.candidates.length;
  }

  /** Measures the next candidate; leaves it the active backend. */
  async measureNext(): Promise<void> {
    const backend = this.candidates[this.next++];
    if (backend === undefined) return;
    const total = this.candidates.length;
    this.onProgress?.(backend, this.results.length, total);
    const failure = await this.activate(backend);
    if (failure !== undefined) {
      this.results.push({ backend, imagesPerSec: null, reason: failure });
      return;
    }
    try {
      const t = this.threads;
      this.results.push(backend === 'wasm' && t && t.candidates.length > 1 ? await timeThreads(t, this.onProgress, this.results.length, total) : timeSteps(backend));
    } catch (err) {
      this.results.push({ backend, imagesPerSec: null, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  /** The probe so far, fastest first. */
  result(): BackendProbe {
    const results = [...this.results].sort((a, b) => (b.imagesPerSec ?? -1) - (a.imagesPerSec ?? -1));
    return {
      version: 1,
      measuredAt: new Date().toISOString(),
      agent: this.agent,
      batch: DEFAULT_HYPER.batchSize,
      hidden: [...DEFAULT_MODEL.hidden],
      results,
    };
  }
}

/** Measures each candidate in turn; a failing one is recorded with its reason, never thrown. */
export async function runProbe(
  candidates: readonly BackendName[],
  activate: Activate,
  agent: string,
  onProgress?: ProbeProgress,
  threads?: ThreadOptions,
): Promise<BackendProbe> {
  const run = new ProbeRun(candidates, activate, agent, onProgress, threads);
  while (!run.done) await run.measureNext();
  return run.result();
}
