// One dataset ready for training: the test split on the backend (for evaluation and latent
// codes), the fixed 1,000-image test subset, the reconstruction strip's 8 images, and train
// batches built from the uint8 train split as they are needed.
//
// The train split stays in JS as uint8 (47 MB for MNIST) and each batch is converted and
// uploaded when drawn (128 x 784 floats, well under a millisecond). Keeping it on the backend
// as one float32 tensor to gather from (188 MB) was measured in the worker in Chromium: no
// faster on WASM (153-173 against 195-217 images/s under the same load), and on WebGL it made
// the start 2-3 s slower (uploading a 188 MB texture) for no gain per step.

import * as tf from '@tensorflow/tfjs-core';
import { readsAsync } from '../model/readback';
import { fixedSubset, loadSplit, toFloat32 } from '../data';
import type { DataSource } from '../data';
import type { DataSplit, DatasetName, DatasetSplits, LoadProgress, Manifest, SplitName } from '../data/types';

export const TEST_SUBSET_SIZE = 1000;
const TEST_SUBSET_SEED = 7;
export const RECON_COUNT = 8;

/** The true factors of the test images (Shapes): one column of factor indices per factor. */
export interface FactorTable {
  names: readonly string[];
  sizes: readonly number[];
  /** columns[k][i]: image i's index of factor k. */
  columns: Uint8Array[];
}

/** The first `count` images' factors as the latent snapshot carries them: count × K, row-major. */
export function factorRows(table: FactorTable, count: number): Uint8Array {
  const k = table.columns.length;
  const out = new Uint8Array(count * k);
  table.columns.forEach((col, j) => {
    for (let i = 0; i < count; i++) out[i * k + j] = col[i] as number;
  });
  return out;
}

export interface TrainingData {
  dataset: DatasetName;
  trainCount: number;
  /** The batch of train images at these indices, as a new tensor the caller disposes. */
  batch(indices: Int32Array): tf.Tensor2D;
  test: DataSplit;
  /** Shapes: each test image's factors (MIG, the map's colours); null for the other datasets. */
  factors: FactorTable | null;
  testX: tf.Tensor2D;
  subsetX: tf.Tensor2D;
  /** The recon strip: the first test image of each of the first 8 classes met, in [0,1]. */
  reconInputs: Float32Array;
  reconX: tf.Tensor2D;
  dispose(): void;
}

export type DataProgress = (stage: 'download' | 'upload', loaded: number, total: number, label: string) => void;

/** Indices of the first image of each distinct class, in order of appearance, up to `count`. */
export function firstOfEachClass(labels: Uint8Array, count: number): number[] {
  const seen = new Set<number>();
  const picked: number[] = [];
  for (let i = 0; i < labels.length && picked.length < count; i++) {
    const label = labels[i] as number;
    if (!seen.has(label)) {
      seen.add(label);
      picked.push(i);
    }
  }
  return picked;
}

/**
 * The recon strip's images: one of each class first, then (a dataset of the user's own with
 * fewer classes than the strip) the next images in order, so the strip is full when it can be.
 */
export function reconIndices(labels: Uint8Array, count: number): number[] {
  const picked = firstOfEachClass(labels, count);
  const taken = new Set(picked);
  for (let i = 0; i < labels.length && picked.length < count; i++) if (!taken.has(i)) picked.push(i);
  return picked;
}

export type { DatasetSplits };

/** Downloads both splits, reporting compressed bytes over all four files as one bar. */
export async function downloadDataset(
  source: DataSource,
  manifest: Manifest,
  dataset: DatasetName,
  onProgress: DataProgress,
): Promise<DatasetSplits> {
  const info = manifest.datasets.find((d) => d.name === dataset);
  if (!info) throw new Error(`The dataset "${dataset}" is not in the manifest (${manifest.datasets.map((d) => d.name).join(', ')}).`);
  // A server may send the .gz files with Content-Encoding: gzip, and then the bytes counted
  // are the decoded ones: a file that passes its compressed size is measured against its
  // decoded size instead, so the bar is right either way.
  const sizes = new Map<string, { gz: number; raw: number }>();
  for (const k of ['train', 'test'] as const) {
    const sp = info.splits[k];
    sizes.set(sp.images, { gz: sp.imagesGzBytes, raw: sp.imagesBytes });
    sizes.set(sp.labels, { gz: sp.labelsGzBytes, raw: sp.labelsBytes });
  }
  const total = [...sizes.values()].reduce((sum, sz) => sum + sz.gz, 0);
  const done = new Map<string, number>();
  let lastPermille = -1;
  const report = (p: LoadProgress) => {
    const size = sizes.get(p.file);
    if (!size) return;
    done.set(p.file, Math.min(1, p.loaded / (p.loaded > size.gz ? size.raw : size.gz)));
    // Compressed bytes (estimated when decoded bytes were counted), posted only when the bar
    // moves by a thousandth: the streams report every 64 KB chunk.
    let loaded = 0;
    for (const [file, sz] of sizes) loaded += (done.get(file) ?? 0) * sz.gz;
    const permille = Math.floor((1000 * loaded) / total);
    if (permille <= lastPermille) return;
    lastPermille = permille;
    onProgress('download', Math.min(total - 1, Math.round(loaded)), total, `Downloading ${info.title}`);
  };
  const load = (split: SplitName) => loadSplit(source, manifest, dataset, split, report);
  const train = await load('train');
  const test = await load('test');
  onProgress('download', total, total, `Downloaded ${info.title}`);
  return { dataset, train, test };
}

/**
 * Where a dataset's training images come from: the stored train split, or images drawn per batch
 * (Shapes). Rows are 0 … count − 1; `rows` gives them as floats in [0, 1], rows × pixels.
 */
export interface TrainRows {
  count: number;
  rows(indices: Int32Array): Float32Array;
}

/** Puts a downloaded dataset on the current backend (again after a backend switch). */
export function uploadDataset({ dataset, train, test }: DatasetSplits, onProgress: DataProgress): TrainingData {
  const width = train.width * train.height;
  return uploadSource(dataset, { count: train.count, rows: (indices) => toFloat32(train.pixels, indices, width) }, test, null, onProgress);
}

/** Puts a test split on the current backend, with the training rows' source beside it. */
export function uploadSource(dataset: DatasetName, train: TrainRows, test: DataSplit, factors: FactorTable | null, onProgress: DataProgress): TrainingData {
  const width = test.width * test.height;
  onProgress('upload', 0, 1, 'Uploading the images to the backend');
  const tensors = tf.tidy(() => {
    const testX = tf.tensor2d(toFloat32(test.pixels, null, width), [test.count, width]);
    const subsetIdx = fixedSubset(test.count, Math.min(TEST_SUBSET_SIZE, test.count), TEST_SUBSET_SEED);
    const subsetX = tf.gather(testX, tf.tensor1d(subsetIdx, 'int32')) as tf.Tensor2D;
    return { testX, subsetX };
  });
  const reconIdx = reconIndices(test.labels, RECON_COUNT);
  const reconInputs = toFloat32(test.pixels, reconIdx, width);
  const reconX = tf.tensor2d(reconInputs, [reconIdx.length, width]);
  // Touching every tensor forces the upload now (WebGL uploads lazily), so the first
  // training step is not charged for it. Not on WebGPU: its synchronous read loses the device
  // (src/model/readback.ts), and it uploads at the first use anyway.
  if (!readsAsync()) tf.tidy(() => tf.addN([tf.sum(tensors.testX), tf.sum(tensors.subsetX), tf.sum(reconX)]).dataSync());
  onProgress('upload', 1, 1, 'Images uploaded');

  return {
    dataset,
    trainCount: train.count,
    batch: (indices) => tf.tensor2d(train.rows(indices), [indices.length, width]),
    test,
    factors,
    testX: tensors.testX,
    subsetX: tensors.subsetX,
    reconInputs,
    reconX,
    dispose() {
      tf.dispose([tensors.testX, tensors.subsetX, reconX]);
    },
  };
}
