import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';
import { computeRatios, convComparison, threadFigures, UNITS, type BenchResult } from './report';
import type { SessionResult } from './session';
import { summaryText } from './summaryText';

const session: SessionResult = {
  url: '', requestedBackend: 'webgl', backend: 'wasm', tried: [], crossOriginIsolated: false, threads: 2, hardwareConcurrency: 4,
  navToReadyMs: 2100, navToTrainEnabledMs: 2200, trainToFirstStepMs: 900, trainToFirstLatentMs: 600, shaderWarmupMs: null,
  training: {
    throughput: { chunkImagesPerSec: 1300, wallImagesPerSec: 700, chunks: 10, steps: 40, windowS: 12 },
    frames: { fps: 59.9, maxFrameGapMs: 20, frames: 700 },
    longTasks: { count: 2, totalMs: 130, longestMs: 70 },
  },
  dragWhileTraining: null, endurance: null, memory: null, dragIdle: null, pointsRedraw: null, pageErrors: [], errors: [],
};

function result(): BenchResult {
  const plan = parseBenchArgs([]);
  if (plan.kind !== 'run') throw new Error('plan');
  const r: BenchResult = {
    ok: true, mode: 'full', startedAt: '2026-01-01T00:00:00.000Z', durationS: 480, machine: null,
    model: { dataset: 'mnist', kind: 'vae', layers: '784-512-256-2', batch: 128 }, build: { built: true, seconds: 9 },
    backends: [session], best: { backend: 'wasm', chunkImagesPerSec: 1300 }, longRun: null, scaling: [], nodeCli: null,
    threads: { page: null, nodeCli: null }, hardwareConcurrency: { page: null, node: 4 },
    bareLoop: { what: 'plain ops', steps: 10, msPerStep: 985, imagesPerSec: 130 },
    nodeCliStockKernels: null,
    native: { unavailable: 'no Python with torch' },
    conv: null,
    convSession: null,
    datasets: null,
    reference: { bareLoopImagesPerSec: 650, source: 'chromium.md' }, ratios: computeRatios({ backends: [], best: null, longRun: null, scaling: [], nodeCli: null }),
    units: UNITS, notes: ['a note'], errors: ['an error'],
  };
  Object.assign(r, threadFigures(r, 4));
  r.ratios = computeRatios(r);
  return r;
}

describe('summaryText', () => {
  it('labels every figure with its unit and says when a backend fell back', () => {
    const text = summaryText(result());
    expect(text).toContain('webgl → wasm (fell back)');
    expect(text).toMatch(/2,100 ms\s+900 ms\s+1,300 img\/s\s+700 img\/s\s+59\.9 fps\s+2 \/ 130 ms/);
    expect(text).toContain('2.00×');
    expect(text).toContain('Bare TF.js loop (Node: plain ops): 130 img/s');
    expect(text).toContain('best vs bare TF.js loop (this run) 10.00×');
    expect(text).toContain('Native: not run (no Python with torch)');
    expect(text).toContain('note: a note');
    expect(text).toContain("threads for WASM's products: page 2 of 4 cores (navigator.hardwareConcurrency) · Node CLI – of 4");
    expect(text).toContain('error: an error');
  });

  it('names the BLAS beside the native figures and gives the whole-epoch rate', () => {
    const r = result();
    r.native = {
      framework: 'PyTorch 1.13 (CPU, 2 threads)', python: 'python3', blas: 'OpenBLAS 0.3.21 (openmp)', blasLibraries: [], torchBlasInfo: 'generic',
      steps: 300, imagesPerSec: 10830, msPerStep: 11.8, epoch: { steps: 468, images: 59904, seconds: 4.4, imagesPerSec: 13566, testNegElbo: 164.14 },
    };
    r.ratios = computeRatios(r);
    const text = summaryText(r);
    expect(text).toContain('Native: PyTorch 1.13 (CPU, 2 threads) with OpenBLAS 0.3.21 (openmp): 10,830 img/s over 300 steps');
    expect(text).toContain('a whole epoch 13,566 img/s (4.4 s, test −ELBO 164.14 nats)');
    expect(text).toContain('whole epoch 10.44×');
  });

  it('puts the conv VAE on WASM beside PyTorch with both loads, the BLAS and the ratios', () => {
    const r = result();
    r.conv = convComparison(
      {
        what: 'conv', parameters: 134165, steps: 20, batch: 128, threads: 2, msPerStep: 400, cpuMsPerStep: 320, imagesPerSec: 320, imagesPerCpuSec: 400,
        lastLoss: 300, loadAverage1m: [3.5, 4.25],
      },
      {
        framework: 'PyTorch 1.13 (CPU, 2 threads)', arch: 'conv', python: 'python3', blas: 'OpenBLAS 0.3.21 (openmp)', blasLibraries: [], torchBlasInfo: 'generic',
        steps: 20, imagesPerSec: 256, msPerStep: 500, cpuMsPerStep: 160, imagesPerCpuSec: 800, loadAverage1m: 5,
      },
    );
    expect(r.conv.wasmVsNative).toBe(1.25);
    expect(r.conv.wasmVsNativeCpu).toBe(0.5);
    const text = summaryText(r);
    expect(text).toContain('Conv VAE on WASM (Node, our kernels, 2 thread(s)): 320 img/s (400.0 ms/step, CPU 320.0 ms/step) over 20 steps, load 3.50 → 4.25');
    expect(text).toContain('Conv VAE in PyTorch 1.13 (CPU, 2 threads) with OpenBLAS 0.3.21 (openmp): 256 img/s (500.0 ms/step, CPU 160.0 ms/step) over 20 steps, load 5.00');
    expect(text).toContain('Conv ratios: WASM vs PyTorch 1.25× (per CPU second 0.50×)');
    r.convSession = { ...session, url: 'conv', dragWhileTraining: {
      moves: 200, latencyMs: { n: 180, p50: 6.5, p95: 12.25, min: 3, max: 20 }, frames: { fps: 60, maxFrameGapMs: 30, frames: 600 }, longTasks: { count: 0, totalMs: 0, longestMs: 0 },
    } };
    expect(summaryText(r)).toContain('Conv VAE in the page (wasm): chunk rate 1,300 img/s, wall rate 700 img/s; drag while training 6.5 ms p50 / 12.3 ms p95');
    r.conv = convComparison({ unavailable: 'conv-loop.ts failed' }, null);
    expect(summaryText(r)).toContain('Conv VAE on WASM: not run (conv-loop.ts failed)');
    expect(r.conv.wasmVsNative).toBeNull();
  });

  it('marks what was not measured instead of printing zero', () => {
    const r = result();
    r.backends = [{ ...session, training: null }];
    const row = summaryText(r).split('\n').find((l) => l.startsWith('webgl →')) ?? '';
    expect(row).not.toMatch(/\b0 img\/s/);
    expect(row.match(/–/g)?.length).toBeGreaterThanOrEqual(5);
  });
});
