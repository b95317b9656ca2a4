// Converted images into a train and a test split, seeded so the same images and seed give
// the same split. Stratified: every class with two or more images has at least one in test,
// so the latent map shows every class; about TEST_FRACTION of each class goes to test.

import { mulberry32 } from '../random';
import { IMAGE_PIXELS, type ConvertedImages, type ImageDataset, type ImageSplit } from './types';

export const TEST_FRACTION = 0.2;

/** Indices of the test and train images, each ascending. Needs at least two images. */
export function splitIndices(labels: Uint8Array, seed: number, testFraction = TEST_FRACTION): { train: number[]; test: number[] } {
  if (labels.length < 2) throw new RangeError(`Two images at least are needed for a train and a test split (got ${labels.length}).`);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const members = byClass.get(label);
    if (members) members.push(i);
    else byClass.set(label, [i]);
  });
  const rand = mulberry32(seed);
  const test: number[] = [];
  const train: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffle(byClass.get(label) as number[], rand);
    const n = members.length < 2 ? 0 : Math.max(1, Math.round(testFraction * members.length));
    test.push(...members.slice(0, n));
    train.push(...members.slice(n));
  }
  // Only single-image classes: one of them has to be the test set.
  if (test.length === 0) test.push(...train.splice(Math.floor(rand() * train.length), 1));
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

function shuffle(values: number[], rand: () => number): number[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function gather(images: ConvertedImages, indices: number[]): ImageSplit {
  const pixels = new Uint8Array(indices.length * IMAGE_PIXELS);
  const labels = new Uint8Array(indices.length);
  indices.forEach((src, dst) => {
    pixels.set(images.pixels.subarray(src * IMAGE_PIXELS, (src + 1) * IMAGE_PIXELS), dst * IMAGE_PIXELS);
    labels[dst] = images.labels[src];
  });
  return { count: indices.length, pixels, labels };
}

export function splitImages(images: ConvertedImages, seed: number, testFraction = TEST_FRACTION): ImageDataset {
  const { train, test } = splitIndices(images.labels.subarray(0, images.count), seed, testFraction);
  return { title: images.title, classes: [...images.classes], train: gather(images, train), test: gather(images, test) };
}
