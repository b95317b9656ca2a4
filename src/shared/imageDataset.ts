// The user's own images as a dataset like the built-in ones: the splits the training worker
// trains on, and the manifest entry (title, class names, counts) that lets everything keyed
// on the manifest (dataset menu, legend, checkpoints) treat them like MNIST. Both sides use
// this: the page adds the entry to the manifest it shows, the worker to the one it checks
// checkpoints against. The images live in memory only; nothing is uploaded or stored.

import { IMAGE_PIXELS, IMAGE_SIZE, IMPORT_LIMITS, type ImageDataset, type ImageSplit } from '../data/imageImport/types';
import { TEST_FRACTION } from '../data/imageImport/split';
import type { DataSplit, DatasetInfo, DatasetName, DatasetSplits, Manifest, SplitInfo, SplitName } from '../data/types';
import { WorkerError } from './workerErrors';

export const IMAGES_DATASET: DatasetName = 'custom';

/** Checks the shapes (a message may come from anywhere) and wraps the splits; throws WorkerError('dataset'). */
export function imageSplits(images: ImageDataset): DatasetSplits {
  const fail = (why: string) => new WorkerError('dataset', `${why[0].toUpperCase()}${why.slice(1)}.`, true);
  if (!Array.isArray(images.classes) || images.classes.length < 1 || images.classes.length > 256) throw fail('they need 1 to 256 classes');
  const split = (name: SplitName, s: ImageSplit): DataSplit => {
    if (!Number.isSafeInteger(s.count) || s.count < 1) throw fail(`the ${name} split is empty`);
    if (s.count > IMPORT_LIMITS.maxImages) throw fail(`the ${name} split has more than ${IMPORT_LIMITS.maxImages} images`);
    if (!(s.pixels instanceof Uint8Array) || s.pixels.length !== s.count * IMAGE_PIXELS) throw fail(`the ${name} pixels are not ${s.count} × ${IMAGE_PIXELS} bytes`);
    if (!(s.labels instanceof Uint8Array) || s.labels.length !== s.count) throw fail(`the ${name} split needs one label per image`);
    if (s.labels.some((l) => l >= images.classes.length)) throw fail(`a ${name} label names no class`);
    return { dataset: IMAGES_DATASET, split: name, count: s.count, height: IMAGE_SIZE, width: IMAGE_SIZE, pixels: s.pixels, labels: s.labels };
  };
  return { dataset: IMAGES_DATASET, train: split('train', images.train), test: split('test', images.test) };
}

function splitInfo(count: number): SplitInfo {
  // In memory only: there are no files, so no names and no compressed sizes.
  return { count, images: '', labels: '', imagesBytes: count * IMAGE_PIXELS, labelsBytes: count, imagesGzBytes: 0, labelsGzBytes: 0 };
}

export function imageInfo(images: ImageDataset): DatasetInfo {
  return {
    name: IMAGES_DATASET,
    title: images.title,
    classes: [...images.classes],
    shape: [IMAGE_SIZE, IMAGE_SIZE],
    splits: { train: splitInfo(images.train.count), test: splitInfo(images.test.count) },
    source: 'Your own images, converted to 28 × 28 grayscale in this browser; never uploaded.',
    licence: 'Yours',
    splitNote: `Seeded, stratified by class: about ${Math.round(TEST_FRACTION * 100)} % of each class is the test set.`,
  };
}

/** The manifest with the user's images' entry in place of any earlier one (or without, for null). */
export function withImageInfo(manifest: Manifest, info: DatasetInfo | null): Manifest {
  const others = manifest.datasets.filter((d) => d.name !== IMAGES_DATASET);
  return { ...manifest, datasets: info ? [...others, info] : others };
}

/** A copy to send to the training worker, so the sender keeps its own arrays. */
export function copyImages(images: ImageDataset): ImageDataset {
  const copy = (s: ImageSplit): ImageSplit => ({ count: s.count, pixels: s.pixels.slice(), labels: s.labels.slice() });
  return { title: images.title, classes: [...images.classes], train: copy(images.train), test: copy(images.test) };
}
