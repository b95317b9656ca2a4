import type { DataSource } from './dataSource';
import { DatasetError } from './errors';
import { readPayload } from './format';
import { findDataset } from './manifest';
import type { DataSplit, DatasetName, LoadProgress, Manifest, SplitName } from './types';

/**
 * Reads one split's images and labels (in parallel; progress arrives per file, tagged with
 * its name) and checks both against the manifest. `pixels` and `labels` are views past the
 * 24-byte header of the decompressed files: no copy.
 */
export async function loadSplit(
  source: DataSource,
  manifest: Manifest,
  dataset: DatasetName,
  split: SplitName,
  onProgress?: (p: LoadProgress) => void,
): Promise<DataSplit> {
  const ds = findDataset(manifest, dataset);
  const info = ds.splits[split];
  const [height, width] = ds.shape;
  const [imageFile, labelFile] = await Promise.all([
    source.read(info.images, onProgress, info.imagesGzBytes),
    source.read(info.labels, onProgress, info.labelsGzBytes),
  ]);
  const pixels = readPayload(info.images, imageFile, {
    kind: 'images',
    count: info.count,
    rows: height,
    cols: width,
    bytes: info.imagesBytes,
  });
  const labels = readPayload(info.labels, labelFile, {
    kind: 'labels',
    count: info.count,
    rows: 1,
    cols: 1,
    bytes: info.labelsBytes,
  });
  const classCount = ds.classes.length;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= classCount) {
      throw new DatasetError(info.labels, `label ${labels[i]} at index ${i} is out of range (${classCount} classes)`);
    }
  }
  return { dataset, split, count: info.count, height, width, pixels, labels };
}
