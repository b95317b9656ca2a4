import { describe, expect, it } from 'vitest';
import { BARE_LOOP_REFERENCE_IMAGES_PER_SEC, bestBackend, computeRatios, threadFigures, type ScalingPoint } from './report';
import type { SessionResult } from './session';
import type { DragResult } from './dragLatency';

function session(backend: string, chunk: number | null, wall: number | null = null): SessionResult {
  return {
    url: '', requestedBackend: 'auto', backend, tried: [], crossOriginIsolated: false, threads: backend === 'wasm' ? 2 : 1, hardwareConcurrency: 2,
    navToReadyMs: 1000, navToTrainEnabledMs: 1100, trainToFirstStepMs: 500, trainToFirstLatentMs: null, shaderWarmupMs: null,
    training: chunk === null ? null : {
      throughput: { chunkImagesPerSec: chunk, wallImagesPerSec: wall, chunks: 10, steps: 20, windowS: 5 },
      frames: { fps: 60, maxFrameGapMs: 17, frames: 300 },
      longTasks: { count: 0, totalMs: 0, longestMs: 0 },
    },
    dragWhileTraining: null, endurance: null, memory: null, dragIdle: null, pointsRedraw: null, pageErrors: [], errors: [],
  };
}

const drag = (p95: number): DragResult => ({
  moves: 10,
  latencyMs: { n: 10, p50: p95 / 2, p95, min: 1, max: p95 },
  frames: { fps: 60, maxFrameGapMs: 17, frames: 60 },
  longTasks: { count: 0, totalMs: 0, longestMs: 0 },
});

const point = (batch: number, hidden: string, chunk: number | null): ScalingPoint => ({
  backend: 'wasm', batch, hidden, chunkImagesPerSec: chunk, wallImagesPerSec: null, steps: 0, errors: [],
});

describe('bestBackend', () => {
  it('picks the highest chunk rate and skips sessions that did not train', () => {
    const sessions = [session('webgl', 700), session('wasm', 1300), session('cpu', null)];
    expect(bestBackend(sessions)).toEqual({ backend: 'wasm', chunkImagesPerSec: 1300 });
    expect(bestBackend([session('cpu', null)])).toBeNull();
  });
});

describe('threadFigures', () => {
  it("reports the page's thread count from the best backend's session and the CLI's from its epoch line", () => {
    const backends = [session('webgl', 650), session('wasm', 1300)];
    const nodeCli = { command: '', dataset: 'mnist' as const, trainSize: 6400, imagesPerSec: 520, imagesPerCpuSec: null, msPerStep: 246, backend: 'wasm', threads: 3, hardwareConcurrency: 4, testNegElbo: 200, wallSeconds: 20, exitedByItself: true };
    expect(threadFigures({ backends, best: bestBackend(backends), longRun: null, nodeCli }, 4)).toEqual({
      threads: { page: 2, nodeCli: 3 },
      hardwareConcurrency: { page: 2, node: 4 },
    });
    expect(threadFigures({ backends: [], best: null, longRun: null, nodeCli: null }, 4)).toEqual({
      threads: { page: null, nodeCli: null },
      hardwareConcurrency: { page: null, node: 4 },
    });
  });
});

describe('computeRatios', () => {
  it('compares the best backend with the reference, the CLI and the others', () => {
    const backends = [session('webgl', 650), session('wasm', 1300, 650), session('cpu', 260)];
    backends[1]!.dragWhileTraining = drag(12);
    const longRun = session('wasm', null);
    longRun.dragIdle = drag(4);
    const r = computeRatios({
      backends,
      best: bestBackend(backends),
      longRun,
      scaling: [point(32, '512-256', 650), point(128, '512-256', 1300), point(128, '256', 2600)],
      nodeCli: { command: '', dataset: 'mnist', trainSize: 6400, imagesPerSec: 520, imagesPerCpuSec: null, msPerStep: 246, backend: 'wasm', threads: 2, hardwareConcurrency: 2, testNegElbo: 200, wallSeconds: 20, exitedByItself: true },
      nodeCliStockKernels: { command: '', dataset: 'mnist', trainSize: 1280, imagesPerSec: 130, imagesPerCpuSec: null, msPerStep: 985, backend: 'wasm', threads: 1, hardwareConcurrency: 2, testNegElbo: 300, wallSeconds: 20, exitedByItself: true },
      bareLoop: { what: 'plain ops', steps: 30, msPerStep: 985, imagesPerSec: 130 },
      native: {
        framework: 'PyTorch', python: 'python3', blas: 'OpenBLAS 0.3.21 (openmp)', blasLibraries: [], torchBlasInfo: 'generic', steps: 300, imagesPerSec: 2600, msPerStep: 49,
        epoch: { steps: 468, images: 59904, seconds: 15, imagesPerSec: 3900, testNegElbo: 164 },
      },
    });
    expect(r.bestVsBareLoop).toBe(10);
    expect(r.nodeCliVsStockKernels).toBe(4);
    expect(r.nativeVsBest).toBe(2);
    expect(r.nativeEpochVsBest).toBe(3);
    expect(r.bestVsBareLoopReference).toBe(Number((1300 / BARE_LOOP_REFERENCE_IMAGES_PER_SEC).toFixed(3)));
    expect(r.bestVsNodeCli).toBe(2.5);
    expect(r.bestWallVsNodeCli).toBe(1.25);
    expect(r.bestWallVsChunk).toBe(0.5);
    expect(r.backendVsBest).toEqual({ webgl: 0.5, wasm: 1, cpu: 0.2 });
    expect(r.dragP95TrainingVsIdle).toBe(3);
    expect(r.scalingVsDefault).toEqual({ 'batch32-hidden512-256': 0.5, 'batch128-hidden512-256': 1, 'batch128-hidden256': 2 });
  });

  it('has nulls where nothing was measured', () => {
    const r = computeRatios({ backends: [], best: null, longRun: null, scaling: [], nodeCli: null });
    expect(r.bestVsBareLoopReference).toBeNull();
    expect(r.bestVsNodeCli).toBeNull();
    expect(r.bestVsBareLoop).toBeNull();
    expect(computeRatios({ backends: [], best: null, longRun: null, scaling: [], nodeCli: null, native: { unavailable: 'no torch' } }).nativeVsBest).toBeNull();
    expect(r.dragP95TrainingVsIdle).toBeNull();
    expect(r.backendVsBest).toEqual({});
  });
});
