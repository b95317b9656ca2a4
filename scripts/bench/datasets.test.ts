import { describe, expect, it } from 'vitest';
import { datasetComparison, mlpMultiplyAdds, type DatasetRun } from './datasets';
import type { NodeCliResult } from './nodeCli';
import { computeRatios, UNITS } from './report';
import { summaryText } from './summaryText';

function run(dataset: 'mnist' | 'shapes', imagesPerSec: number | null, imagesPerCpuSec: number | null = null): DatasetRun {
  const result: NodeCliResult = {
    command: 'node …', dataset, trainSize: 2560, imagesPerSec, imagesPerCpuSec, msPerStep: imagesPerSec ? (128_000 / imagesPerSec) : null, backend: 'wasm',
    threads: 1, hardwareConcurrency: 2, testNegElbo: 200, wallSeconds: 9, exitedByItself: true,
  };
  return { result, loadAverage1m: [1.5, 1.75] };
}

describe('mlpMultiplyAdds', () => {
  it('counts the encoder to μ and log σ² and the mirrored decoder', () => {
    // 784·512 + 512·256 + 256·4, then 2·256 + 256·512 + 512·784.
    expect(mlpMultiplyAdds(784)).toBe(784 * 512 + 512 * 256 + 256 * 4 + 2 * 256 + 256 * 512 + 512 * 784);
    expect(mlpMultiplyAdds(784)).toBe(1_066_496);
    expect(mlpMultiplyAdds(10, [3], 1)).toBe(10 * 3 + 3 * 2 + 1 * 3 + 3 * 10);
  });
});

describe('datasetComparison', () => {
  it('divides Shapes\' best run by MNIST\'s and names both networks', () => {
    const d = datasetComparison(2560, [run('mnist', 1600, 2100), run('mnist', 2000, 2050)], [run('shapes', 1500, 1400), run('shapes', 900, 1470)]);
    expect(d.best).toEqual({ mnist: 2000, shapes: 1500 });
    expect(d.shapesVsMnist).toBeCloseTo(0.75, 6);
    // Per CPU second each dataset's best run may be another one.
    expect(d.bestPerCpuSec).toEqual({ mnist: 2100, shapes: 1470 });
    expect(d.shapesVsMnistCpu).toBeCloseTo(0.7, 6);
    expect(d.layers).toEqual({ mnist: '784-512-256-2', shapes: '1024-512-256-2' });
    // 1,066,496 ÷ 1,312,256 multiply-adds per image.
    expect(d.layerCostRatio).toBeCloseTo(0.813, 3);
    expect(d.threads).toBe(1);
  });

  it('gives no ratio when one dataset did not run, and says why in the summary', () => {
    const d = datasetComparison(2560, [run('mnist', 2000)], [{ result: { unavailable: 'train CLI exited 1' }, loadAverage1m: [2, 2] }]);
    expect(d.shapesVsMnist).toBeNull();
    expect(d.best.shapes).toBeNull();
    const text = summaryText({
      ok: true, mode: 'quick', startedAt: 't', durationS: 1, machine: null, model: { dataset: 'mnist', kind: 'vae', layers: '', batch: 128 },
      build: { built: false, seconds: null }, backends: [], best: null, longRun: null, scaling: [], nodeCli: null,
      threads: { page: null, nodeCli: null }, hardwareConcurrency: { page: null, node: 2 }, bareLoop: null, nodeCliStockKernels: null,
      native: null, conv: null, convSession: null, datasets: d, reference: { bareLoopImagesPerSec: 650, source: '' },
      ratios: computeRatios({ backends: [], best: null, longRun: null, scaling: [], nodeCli: null }), units: UNITS, notes: [], errors: [],
    });
    expect(text).toContain('Shapes (1024-512-256-2): best – of not run (train CLI exited 1)');
    expect(text).toMatch(/MNIST \(784-512-256-2\): best 2,000 img\/s of 2,000 img\/s \(–, 64(\.0)? ms\/step, load 1\.50 → 1\.75\)/);
    expect(text).toContain('Shapes/MNIST – (best vs best), per CPU second –; the wider layers alone: 0.81×');
    // Only this section ran (--only datasets): no line of other sections' ratios, all "–".
    expect(text).not.toContain('Ratios:');
  });
});
