// Training speed on Shapes beside MNIST (issue 15): the same 512-256 MLP with a 2-D latent,
// batch 128, trained by the Node CLI on each dataset back to back in the same run, at the same
// fixed thread count. Shapes' first and last layers are wider (1,024 pixels against 784), and its
// training batches are drawn on demand from sampled factor tuples rather than read from memory;
// the layer-cost ratio says how much of the gap the wider layers alone explain. The runs
// alternate (MNIST, Shapes, MNIST, Shapes, …) and each dataset's best rate counts: on a shared,
// busy machine one run can lose half its speed to other work (measured here at load 8–10:
// Shapes/MNIST 0.52× in one pair, 0.99× in the next), and the best of a few is the least disturbed.

import { loadavg } from 'node:os';
import { runNodeCli, type NodeCliDataset, type NodeCliResult } from './nodeCli';
import { round, ratio } from './stats';

/** Input pixels of each dataset (28 × 28 and Shapes' 32 × 32). */
export const INPUT_PIXELS: Record<NodeCliDataset, number> = { mnist: 784, shapes: 1024 };
const HIDDEN = [512, 256] as const;
const LATENT = 2;
/**
 * One thread for both runs: the figures compare datasets, not thread counts, and 'auto' would
 * probe each run afresh and could pick differently on a busy machine.
 */
export const DATASET_THREADS = 1;

/** Multiply-adds per image of one forward pass of the MLP VAE (encoder to μ and log σ², decoder back). */
export function mlpMultiplyAdds(inputs: number, hidden: readonly number[] = HIDDEN, latent = LATENT): number {
  const enc = [inputs, ...hidden];
  let n = 0;
  for (let i = 0; i + 1 < enc.length; i++) n += enc[i]! * enc[i + 1]!;
  n += enc[enc.length - 1]! * 2 * latent;
  const dec = [latent, ...[...hidden].reverse(), inputs];
  for (let i = 0; i + 1 < dec.length; i++) n += dec[i]! * dec[i + 1]!;
  return n;
}

export interface DatasetRun {
  /** The CLI's result, or why it did not run. */
  result: NodeCliResult | { unavailable: string };
  /** 1-minute load average before and after the run. */
  loadAverage1m: [number, number];
}

export interface DatasetComparison {
  layers: Record<NodeCliDataset, string>;
  threads: number;
  trainSize: number;
  /** Each run of the dataset, in the order run. */
  mnist: DatasetRun[];
  shapes: DatasetRun[];
  /** The highest images/s among each dataset's runs. */
  best: Record<NodeCliDataset, number | null>;
  /** The highest images per CPU second (the process's, all threads) among each dataset's runs. */
  bestPerCpuSec: Record<NodeCliDataset, number | null>;
  /** Shapes' best images/s ÷ MNIST's (< 1: Shapes trains more slowly). */
  shapesVsMnist: number | null;
  /** The same per CPU second: less moved by other processes on the cores than the wall-clock rate. */
  shapesVsMnistCpu: number | null;
  /** MNIST's multiply-adds per image ÷ Shapes': the ratio the wider layers alone would give. */
  layerCostRatio: number;
}

const layersOf = (d: NodeCliDataset) => [INPUT_PIXELS[d], ...HIDDEN, LATENT].join('-');
const load = () => round(loadavg()[0] ?? 0, 2) ?? 0;

/** The comparison's figures from two runs (kept apart from the running, so it can be tested). */
export function datasetComparison(trainSize: number, mnist: DatasetRun[], shapes: DatasetRun[]): DatasetComparison {
  const bestOf = (runs: DatasetRun[], key: 'imagesPerSec' | 'imagesPerCpuSec') => {
    const rates = runs.flatMap((r) => ('imagesPerSec' in r.result && r.result[key] !== null ? [r.result[key]!] : []));
    return rates.length ? Math.max(...rates) : null;
  };
  const best = { mnist: bestOf(mnist, 'imagesPerSec'), shapes: bestOf(shapes, 'imagesPerSec') };
  const bestPerCpuSec = { mnist: bestOf(mnist, 'imagesPerCpuSec'), shapes: bestOf(shapes, 'imagesPerCpuSec') };
  return {
    layers: { mnist: layersOf('mnist'), shapes: layersOf('shapes') },
    threads: DATASET_THREADS,
    trainSize,
    mnist,
    shapes,
    best,
    bestPerCpuSec,
    shapesVsMnist: ratio(best.shapes, best.mnist),
    shapesVsMnistCpu: ratio(bestPerCpuSec.shapes, bestPerCpuSec.mnist),
    layerCostRatio: round(mlpMultiplyAdds(INPUT_PIXELS.mnist) / mlpMultiplyAdds(INPUT_PIXELS.shapes), 3) ?? 0,
  };
}

async function runOne(root: string, dataset: NodeCliDataset, trainSize: number): Promise<DatasetRun> {
  const before = load();
  let result: DatasetRun['result'];
  try {
    result = await runNodeCli(root, trainSize, { dataset, threads: DATASET_THREADS, stockKernels: false });
  } catch (e) {
    result = { unavailable: e instanceof Error ? e.message : String(e) };
  }
  return { result, loadAverage1m: [before, load()] };
}

/** `pairs` times MNIST then Shapes, one epoch over `trainSize` images each run. */
export async function runDatasetComparison(root: string, trainSize: number, pairs: number): Promise<DatasetComparison> {
  const mnist: DatasetRun[] = [];
  const shapes: DatasetRun[] = [];
  for (let i = 0; i < pairs; i++) {
    mnist.push(await runOne(root, 'mnist', trainSize));
    shapes.push(await runOne(root, 'shapes', trainSize));
  }
  return datasetComparison(trainSize, mnist, shapes);
}
