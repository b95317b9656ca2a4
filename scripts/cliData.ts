// The CLI's images: MNIST and Fashion-MNIST from the dataset files in public/datasets, Shapes
// generated here (src/data/shapes) from its fixed data seed. Either way the training loop sees
// the same thing: a count of training rows, a way to get any rows as floats, and a test split
// (for Shapes, the seeded evaluation set with each image's factors, which MIG needs).

import { join } from 'node:path';
import { fixedSubset, loadManifest, loadSplit, toFloat32, type DataSplit } from '../src/data';
import { fsSource } from '../src/data/fsSource';
import { DEFAULT_TRAIN_SIZE, FACTOR_NAMES, makeEvalSet, makeTrainSource, MAX_TRAIN_SIZE, SHAPES_DATA_SEED, type FactorName } from '../src/data/shapes';
import type { DatasetName } from '../src/data/types';
import { inputDimOf } from '../src/model/params';

export interface CliData {
  /** Pixels per image (the model's inputDim). */
  dim: number;
  /** Training rows: 0 … trainCount − 1. */
  trainCount: number;
  /** Those rows' images as floats in [0, 1], rows × dim (Shapes draws them now). */
  trainBatch(rows: ArrayLike<number>): Float32Array;
  test: DataSplit;
  /** Shapes only: each test image's factor indices, in FACTOR_NAMES order (MIG's v_k); null for the other datasets. */
  factors: Uint8Array[] | null;
}

/** A request the data cannot meet (a --train-size past what the dataset has): the CLI's usage error. */
export class CliDataError extends Error {}

export interface CliDataRequest {
  dataset: DatasetName;
  /** null: the whole training split (Shapes: DEFAULT_TRAIN_SIZE generated images). */
  trainSize: number | null;
  /** Picks MNIST's fixed subset when trainSize is given (Shapes' images are fixed by its data seed). */
  seed: number;
}

type Log = (msg: string) => void;

export async function loadCliData(req: CliDataRequest, log: Log, datasetsDir = join(process.cwd(), 'public/datasets')): Promise<CliData> {
  if (req.dataset === 'shapes') return shapesData(req.trainSize, log);
  if (req.dataset === 'custom') throw new CliDataError('the CLI has no "custom" dataset: the user’s own images live in the app only');
  const source = fsSource(datasetsDir);
  const manifest = await loadManifest(source);
  const [train, test] = await Promise.all([loadSplit(source, manifest, req.dataset, 'train'), loadSplit(source, manifest, req.dataset, 'test')]);
  if (req.trainSize !== null && req.trainSize > train.count) {
    throw new CliDataError(`--train-size must be at most ${train.count} for ${req.dataset}, got ${req.trainSize}`);
  }
  const dim = inputDimOf(req.dataset);
  const subset = req.trainSize === null ? null : fixedSubset(train.count, req.trainSize, req.seed);
  return {
    dim,
    trainCount: subset ? subset.length : train.count,
    trainBatch: (rows) => toFloat32(train.pixels, subset ? Array.from(rows, (i) => subset[i]) : rows, dim),
    test,
    factors: null,
  };
}

/**
 * Shapes: the evaluation set (10,000 images, drawn now, about a third of a second) and a
 * training source that draws each batch when asked (dataset.ts says why nothing more is kept).
 */
function shapesData(trainSize: number | null, log: Log): CliData {
  const count = trainSize ?? DEFAULT_TRAIN_SIZE;
  if (count > MAX_TRAIN_SIZE) {
    throw new CliDataError(`--train-size must be at most ${MAX_TRAIN_SIZE} for shapes (the grid less the evaluation set), got ${count}`);
  }
  let lastLog = performance.now();
  const evalSet = makeEvalSet(SHAPES_DATA_SEED, (done, total) => {
    const now = performance.now();
    if (now - lastLog > 1000 || done === total) {
      lastLog = now;
      log(`shapes: drawing the evaluation set, ${done} of ${total}`);
    }
  });
  const train = makeTrainSource(SHAPES_DATA_SEED, count);
  return {
    dim: inputDimOf('shapes'),
    trainCount: train.count,
    trainBatch: (rows) => train.batch(rows),
    test: evalSet.split,
    factors: FACTOR_NAMES.map((n: FactorName) => evalSet.factors[n]),
  };
}
