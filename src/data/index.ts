// The dataset layer for the browser main thread, Web Workers and Node. The Node-only file
// source lives in ./fsSource (import it directly) so the browser bundle never sees node:fs.
export type {
  DataSplit,
  DatasetInfo,
  DatasetName,
  LoadProgress,
  Manifest,
  SplitInfo,
  SplitName,
} from './types';
export type { DataSource } from './dataSource';
export type { Batch } from './batchSampler';
export { BatchSampler } from './batchSampler';
export { DatasetError } from './errors';
export { fetchSource } from './fetchSource';
export { FILE_FORMAT_VERSION, FILE_MAGIC, HEADER_BYTES } from './format';
export { findDataset, loadManifest, MANIFEST_FILE } from './manifest';
export { loadSplit } from './loadSplit';
export { fixedSubset, mulberry32, shuffledIndices } from './random';
export { toFloat32 } from './toFloat32';
