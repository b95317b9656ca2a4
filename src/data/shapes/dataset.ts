// The Shapes dataset as the trainer takes it: a fixed, seeded evaluation set of 10,000 images
// with their factors, and a training source that draws each batch when asked.
//
// Why the training images are drawn per batch and never stored: the whole grid is 737,280
// images, 755 MB as bytes (3 GB as the float32 a backend holds), more than a tab on a 4 GB
// laptop can spare; even a fixed 60,000-image set would keep 61 MB for nothing, since drawing a
// batch of 128 takes about 4 ms in Node (the 10,000-image evaluation set about 0.35 s), a small
// part of a training step. The training set is therefore a list of grid indices (4 bytes an
// image), visited in BatchSampler's order each epoch like MNIST's rows.
//
// Train and evaluation images never overlap: one seeded permutation of the grid gives the
// evaluation set its first 10,000 images and the training set the next `trainCount`.

import { shuffledIndices } from '../random';
import type { DataSplit } from '../types';
import { toFloat32 } from '../toFloat32';
import { FACTOR_NAMES, factorsOfIndex, GRID_SIZE, SHAPE_NAMES, type FactorName } from './factors';
import { PIXELS, renderInto, SIDE } from './render';

export const SHAPES_DATASET = 'shapes' as const;
export const SHAPES_TITLE = 'Shapes';
/** The labels (the shape factor), so the map can colour by class. */
export const SHAPES_CLASSES: readonly string[] = SHAPE_NAMES;
export const EVAL_SIZE = 10_000;
/**
 * The dataset's own seed, fixed as MNIST's files are: runs with different training seeds then
 * train and score on the same images, so their MIGs differ only by what the runs learned.
 */
export const SHAPES_DATA_SEED = 1;
/** One epoch as long as MNIST's, so epochs, their metrics and images per second compare. */
export const DEFAULT_TRAIN_SIZE = 60_000;
export const MAX_TRAIN_SIZE = GRID_SIZE - EVAL_SIZE;

/** A DataSplit of Shapes images (assignable to DataSplit once DatasetName lists 'shapes'). */
export type ShapesSplit = Omit<DataSplit, 'dataset'> & { dataset: typeof SHAPES_DATASET };

export interface ShapesEvalSet {
  /** 'test' split: pixels as bytes (count × 1,024), labels = the shape index. */
  split: ShapesSplit;
  /** Each factor's index for every image, in FACTOR_NAMES order (MIG's v_k). */
  factors: Record<FactorName, Uint8Array>;
  /** Where each image sits in the grid (factorsOfIndex gives its factors back). */
  gridIndex: Int32Array;
}

export type GenerateProgress = (done: number, total: number) => void;

/** The grid indices of the evaluation set and of the training set, for `seed`. */
export function shapesOrder(seed: number, trainCount = DEFAULT_TRAIN_SIZE): { evalIndex: Int32Array; trainIndex: Int32Array } {
  if (!Number.isInteger(trainCount) || trainCount < 1 || trainCount > MAX_TRAIN_SIZE) {
    throw new RangeError(`Shapes: the training set must hold 1…${MAX_TRAIN_SIZE} images, got ${trainCount}`);
  }
  const order = shuffledIndices(GRID_SIZE, seed);
  return { evalIndex: order.slice(0, EVAL_SIZE), trainIndex: order.slice(EVAL_SIZE, EVAL_SIZE + trainCount) };
}

/** Draws the images at these grid indices as bytes, reporting progress every `every` images. */
function drawImages(gridIndex: Int32Array, onProgress?: GenerateProgress, every = 500): Uint8Array {
  const pixels = new Uint8Array(gridIndex.length * PIXELS);
  for (let i = 0; i < gridIndex.length; i++) {
    renderInto(factorsOfIndex(gridIndex[i]), pixels, i * PIXELS);
    if (onProgress && ((i + 1) % every === 0 || i + 1 === gridIndex.length)) onProgress(i + 1, gridIndex.length);
  }
  return pixels;
}

/** The evaluation set for `seed`: 10,000 images with their factors (≈ 10 MB). */
export function makeEvalSet(seed: number, onProgress?: GenerateProgress): ShapesEvalSet {
  const gridIndex = shapesOrder(seed, 1).evalIndex;
  const factors = Object.fromEntries(FACTOR_NAMES.map((n) => [n, new Uint8Array(EVAL_SIZE)])) as Record<FactorName, Uint8Array>;
  for (let i = 0; i < EVAL_SIZE; i++) {
    const f = factorsOfIndex(gridIndex[i]);
    for (const n of FACTOR_NAMES) factors[n][i] = f[n];
  }
  const pixels = drawImages(gridIndex, onProgress);
  const split: ShapesSplit = {
    dataset: SHAPES_DATASET,
    split: 'test',
    count: EVAL_SIZE,
    height: SIDE,
    width: SIDE,
    pixels,
    labels: factors.shape.slice(),
  };
  return { split, factors, gridIndex };
}

export interface ShapesTrainSource {
  count: number;
  /** Grid index of each training image. */
  gridIndex: Int32Array;
  /** The images at these rows (0 … count − 1) as floats in [0, 1], rows × 1,024, drawn now. */
  batch(rows: ArrayLike<number>): Float32Array;
}

/** `trainCount` training images for `seed`, disjoint from makeEvalSet(seed)'s, drawn per batch. */
export function makeTrainSource(seed: number, trainCount = DEFAULT_TRAIN_SIZE): ShapesTrainSource {
  const gridIndex = shapesOrder(seed, trainCount).trainIndex;
  return {
    count: trainCount,
    gridIndex,
    batch(rows) {
      const picked = new Int32Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (!Number.isInteger(row) || row < 0 || row >= trainCount) throw new RangeError(`Shapes: row ${row} is outside 0…${trainCount - 1}`);
        picked[r] = gridIndex[row];
      }
      return toFloat32(drawImages(picked), null, PIXELS);
    },
  };
}
