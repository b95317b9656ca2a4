// One visit of the app in a fresh browser context, driven as a user drives it: open the link
// (which fixes dataset, model, batch, hidden layers and backend), wait for Train, press it,
// and measure what the options ask for. A step that fails is noted and the rest still runs.

import type { Browser } from '@playwright/test';
import { dragLatency, type DragResult } from './dragLatency';
import type { FrameStats, LongTaskStats } from './frames';
import { HeapReader, type HeapUsage } from './heap';
import { bestTestNegElbo, firstOf, firstTestBelow, firstTrainChunk, latestStep, throughput, warmupMs, type Throughput } from './messages';
import { pointsRedraw, type RedrawResult } from './pointsRedraw';
import { ProbePage, sleep } from './probePage';
import { round } from './stats';

export type BackendRequest = 'auto' | 'webgl' | 'wasm' | 'cpu';

/** The −ELBO line (nats per image) whose crossing time the long run reports. */
export const NEG_ELBO_LINE = 170;
const READY_TIMEOUT_MS = 120_000;
const FIRST_STEP_TIMEOUT_MS = 120_000;
const SNAPSHOT_TIMEOUT_MS = 60_000;

export interface SessionOptions {
  backend: BackendRequest;
  batch: number;
  hidden: string;
  /** The network (absent: the MLP); a conv link names no hidden sizes (they are MLP-only). */
  arch?: 'mlp' | 'conv';
  /** Training after the first step before the window opens, ms. */
  warmMs: number;
  /** Throughput and smoothness window while training, ms; 0 skips it. */
  windowMs: number;
  /** Pointer moves of the drag during training; 0 skips it. */
  dragMoves: number;
  /** Keep training until this many steps or this much time from pressing Train. */
  endurance: { steps: number; capMs: number } | null;
  /** Pointer moves of the drag after Pause (also measures the points redraw); 0 skips both. */
  idleDragMoves: number;
  heap: boolean;
}

export interface MemorySample {
  step: number;
  numTensors: number | null;
  trainingWorker: HeapUsage | null;
  inferenceWorker: HeapUsage | null;
  mainThread: HeapUsage | null;
}

export interface SessionResult {
  url: string;
  requestedBackend: BackendRequest;
  /** The backend the worker reported running (it may fall back from the one requested). */
  backend: string | null;
  tried: Array<{ backend: string; ok: boolean; reason?: string }>;
  crossOriginIsolated: boolean | null;
  /** Threads sharing WASM's matrix products, as the worker's ready message says (the probe's answer). */
  threads: number | null;
  /** navigator.hardwareConcurrency on the page. */
  hardwareConcurrency: number | null;
  /** Navigation start → the worker's ready message (page clock), ms. */
  navToReadyMs: number | null;
  /** page.goto → the Train button enabled (Node clock), ms. */
  navToTrainEnabledMs: number | null;
  /** Train clicked → first metrics message with training steps, ms (includes the first snapshot and shader compiles). */
  trainToFirstStepMs: number | null;
  /** Train clicked → first latent snapshot (the whole test set encoded before the first step), ms. */
  trainToFirstLatentMs: number | null;
  /** WebGL shader compilation as the worker reports it, ms; null on other backends. */
  shaderWarmupMs: number | null;
  training: { throughput: Throughput; frames: FrameStats; longTasks: LongTaskStats } | null;
  dragWhileTraining: DragResult | null;
  endurance: {
    steps: number;
    seconds: number | null;
    /** Train clicked → first test point with −ELBO below NEG_ELBO_LINE, ms; null if not within the run. */
    trainToNegElboLineMs: number | null;
    testNegElboAtLine: { step: number | null; full: boolean | null; count: number | null } | null;
    /** Lowest test −ELBO seen, nats per image. */
    bestTestNegElbo: number | null;
  } | null;
  memory: { atFirstStep: MemorySample | null; atEnd: MemorySample | null } | null;
  dragIdle: DragResult | null;
  pointsRedraw: RedrawResult | null;
  pageErrors: string[];
  errors: string[];
}

export function sessionUrl(base: string, o: Pick<SessionOptions, 'backend' | 'batch' | 'hidden' | 'arch'>): string {
  const shape: Record<string, string> = o.arch === 'conv' ? { arch: 'conv' } : { hidden: o.hidden };
  const q = new URLSearchParams({ data: 'mnist', model: 'vae', z: '2', ...shape, batch: String(o.batch), seed: '1', backend: o.backend, start: 'fresh' });
  return `${base}?${q}`;
}

export async function runSession(browser: Browser, base: string, o: SessionOptions, log: (s: string) => void): Promise<SessionResult> {
  const url = sessionUrl(base, o);
  const r: SessionResult = {
    url, requestedBackend: o.backend, backend: null, tried: [], crossOriginIsolated: null, threads: null, hardwareConcurrency: null,
    navToReadyMs: null, navToTrainEnabledMs: null, trainToFirstStepMs: null, trainToFirstLatentMs: null,
    shaderWarmupMs: null, training: null, dragWhileTraining: null, endurance: null, memory: null,
    dragIdle: null, pointsRedraw: null, pageErrors: [], errors: [],
  };
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const probe = new ProbePage(await context.newPage());
  const { page } = probe;
  const attempt = async (what: string, work: () => Promise<void>): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (e) {
      r.errors.push(`${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      log(`bench:   ${what} failed: ${r.errors.at(-1)}`);
      return false;
    }
  };

  try {
    await probe.install();
    const heap = o.heap ? await HeapReader.attach(page) : null;
    const sample = async (): Promise<MemorySample> => {
      const msgs = await probe.sync();
      const [trainingWorker, inferenceWorker, mainThread] = await Promise.all([
        heap?.worker('training.worker') ?? null,
        heap?.worker('inference.worker') ?? null,
        heap?.main() ?? null,
      ]);
      const numTensors = msgs.filter((m) => m.numTensors !== undefined).at(-1)?.numTensors ?? null;
      return { step: latestStep(msgs), numTensors, trainingWorker, inferenceWorker, mainThread };
    };

    const loaded = await attempt('load', async () => {
      const t0 = performance.now();
      await page.goto(url);
      const ready = await probe.waitFor('ready', (msgs) => firstOf(msgs, 'ready', 0), READY_TIMEOUT_MS);
      r.navToReadyMs = round(ready.t, 0);
      r.backend = ready.backend ?? null;
      r.tried = ready.tried ?? [];
      r.threads = ready.threads ?? null;
      const train = page.getByRole('button', { name: 'Train' });
      await train.waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
      while (!(await train.isEnabled())) {
        if (performance.now() - t0 > READY_TIMEOUT_MS) throw new Error('Train stayed disabled');
        await sleep(50);
      }
      r.navToTrainEnabledMs = round(performance.now() - t0, 0);
      r.crossOriginIsolated = await page.evaluate(() => crossOriginIsolated);
      r.hardwareConcurrency = await page.evaluate(() => navigator.hardwareConcurrency);
    });
    if (!loaded) return r;
    log(`bench:   ready on ${r.backend} after ${r.navToReadyMs} ms`);

    let trainAt = 0;
    const started = await attempt('first step', async () => {
      await page.getByRole('button', { name: 'Train' }).click();
      trainAt = (await probe.lastClick('Train')) ?? (await probe.now());
      const first = await probe.waitFor('first step', (msgs) => firstTrainChunk(msgs, trainAt), FIRST_STEP_TIMEOUT_MS);
      r.trainToFirstStepMs = round(first.t - trainAt, 0);
      const latent = firstOf(probe.msgs, 'latent', trainAt);
      r.trainToFirstLatentMs = latent && latent.t <= first.t ? round(latent.t - trainAt, 0) : null;
      r.shaderWarmupMs = warmupMs(probe.msgs);
    });
    if (!started) return r;
    const trainNodeAt = performance.now();
    log(`bench:   first step ${r.trainToFirstStepMs} ms after Train`);
    let atFirstStep: MemorySample | null = null;
    if (o.heap) await attempt('memory at first step', async () => void (atFirstStep = await sample()));

    if (o.windowMs > 0) {
      await attempt('throughput', async () => {
        await sleep(o.warmMs);
        const t0 = await probe.now();
        await sleep(o.windowMs);
        const t1 = await probe.now();
        const msgs = await probe.sync();
        r.training = { throughput: throughput(msgs, t0, t1, o.batch), ...(await probe.smoothness(t0, t1)) };
      });
      log(`bench:   ${r.training?.throughput.chunkImagesPerSec ?? '?'} img/s (chunks), ${r.training?.frames.fps ?? '?'} fps`);
    }
    if (o.dragMoves > 0) await attempt('drag while training', async () => void (r.dragWhileTraining = await dragLatency(probe, o.dragMoves)));

    if (o.endurance) {
      const { steps, capMs } = o.endurance;
      await attempt('long run', async () => {
        while (latestStep(await probe.sync()) < steps && performance.now() - trainNodeAt < capMs - 1000) await sleep(1000);
        const msgs = probe.msgs;
        const hit = firstTestBelow(msgs, trainAt, NEG_ELBO_LINE);
        r.endurance = {
          steps: latestStep(msgs),
          seconds: round((performance.now() - trainNodeAt) / 1000, 1),
          trainToNegElboLineMs: hit ? round(hit.t - trainAt, 0) : null,
          testNegElboAtLine: hit ? { step: hit.step ?? null, full: hit.testFull ?? null, count: hit.testCount ?? null } : null,
          bestTestNegElbo: bestTestNegElbo(msgs),
        };
      });
      log(`bench:   long run: ${r.endurance?.steps ?? '?'} steps, −ELBO < ${NEG_ELBO_LINE} after ${r.endurance?.trainToNegElboLineMs ?? 'never'} ms`);
    }
    if (o.heap) {
      let atEnd: MemorySample | null = null;
      await attempt('memory at end', async () => void (atEnd = await sample()));
      r.memory = { atFirstStep, atEnd };
    }

    if (o.idleDragMoves > 0) {
      const paused = await attempt('pause', async () => {
        await page.getByRole('button', { name: 'Pause' }).click();
        const pauseAt = (await probe.lastClick('Pause')) ?? 0;
        // Pausing owes a snapshot of the whole test set: the map then shows every point.
        await probe.waitFor('snapshot after pause', (msgs) => firstOf(msgs, 'latent', pauseAt), SNAPSHOT_TIMEOUT_MS);
        await sleep(500);
      });
      if (paused) {
        await attempt('drag while paused', async () => void (r.dragIdle = await dragLatency(probe, o.idleDragMoves)));
        await attempt('points redraw', async () => void (r.pointsRedraw = await pointsRedraw(probe)));
      }
    }
    await heap?.detach();
    return r;
  } finally {
    r.pageErrors = probe.errors.slice(0, 10);
    await context.close().catch(() => {});
  }
}
