// Shapes in the training worker, as the CLI has it (scripts/cliData.ts): the seeded 10,000-image
// evaluation set with its factors, drawn once (a fraction of a second; with the progress bar), and
// the 60,000 training images drawn per batch from their factor tuples (src/data/shapes/dataset.ts
// says why none are stored).

import { DEFAULT_TRAIN_SIZE, FACTOR_NAMES, FACTOR_SIZES, makeEvalSet, makeTrainSource, SHAPES_DATA_SEED } from '../data/shapes';
import type { DataSplit } from '../data/types';
import type { FactorTable, TrainRows } from './trainingData';

export interface ShapesHeld {
  train: TrainRows;
  test: DataSplit;
  factors: FactorTable;
}

export type DrawProgress = (loaded: number, total: number) => void;

export function drawShapes(onProgress: DrawProgress): ShapesHeld {
  const evalSet = makeEvalSet(SHAPES_DATA_SEED, onProgress);
  const source = makeTrainSource(SHAPES_DATA_SEED, DEFAULT_TRAIN_SIZE);
  return {
    train: { count: source.count, rows: (indices) => source.batch(indices) },
    test: evalSet.split,
    factors: {
      names: FACTOR_NAMES,
      sizes: FACTOR_NAMES.map((n) => FACTOR_SIZES[n]),
      columns: FACTOR_NAMES.map((n) => evalSet.factors[n]),
    },
  };
}
