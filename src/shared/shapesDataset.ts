// Shapes as a dataset like the built-in ones for everything keyed on the manifest (dataset menu,
// legend, checkpoints): its entry is made here, not read from datasets/manifest.json, since its
// images are drawn by src/data/shapes rather than downloaded. The page adds the entry to the
// manifest it shows, the worker to the one it checks checkpoints against.

import { DEFAULT_TRAIN_SIZE, EVAL_SIZE, PIXELS, SHAPES_CLASSES, SHAPES_DATA_SEED, SHAPES_DATASET, SHAPES_TITLE, SIDE } from '../data/shapes';
import type { DatasetInfo, Manifest, SplitInfo } from '../data/types';

function splitInfo(count: number): SplitInfo {
  // Drawn in memory: there are no files, so no names and no compressed sizes.
  return { count, images: '', labels: '', imagesBytes: count * PIXELS, labelsBytes: count, imagesGzBytes: 0, labelsGzBytes: 0 };
}

export const SHAPES_INFO: DatasetInfo = {
  name: SHAPES_DATASET,
  title: SHAPES_TITLE,
  classes: [...SHAPES_CLASSES],
  shape: [SIDE, SIDE],
  splits: { train: splitInfo(DEFAULT_TRAIN_SIZE), test: splitInfo(EVAL_SIZE) },
  source: 'Drawn by this app (src/data/shapes): dSprites’ factors (Higgins et al. 2017) at 32 × 32; dSprites itself is 64 × 64.',
  licence: 'Part of this app (MIT)',
  splitNote: `One seeded permutation (data seed ${SHAPES_DATA_SEED}) of the factor grid: the first ${EVAL_SIZE} images are the evaluation set, the next ${DEFAULT_TRAIN_SIZE} the training set, drawn per batch.`,
};

/** The manifest with Shapes' entry (once; an entry of the same name from a file is replaced). */
export function withShapesInfo(manifest: Manifest): Manifest {
  const others = manifest.datasets.filter((d) => d.name !== SHAPES_DATASET);
  return { ...manifest, datasets: [...others, SHAPES_INFO] };
}
