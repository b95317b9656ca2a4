import { describe, expect, it } from 'vitest';
import { BatchSampler } from '../batchSampler';
import { FACTOR_NAMES, FACTOR_SIZES, factorsOfIndex } from './factors';
import { evalImagesHash } from './hash';
import { DEFAULT_TRAIN_SIZE, EVAL_SIZE, makeEvalSet, makeTrainSource, MAX_TRAIN_SIZE, SHAPES_DATA_SEED, shapesOrder } from './dataset';
import { PIXELS, render, renderInto } from './render';

describe('Shapes dataset', () => {
  it('splits one seeded permutation of the grid: 10,000 evaluation images, then the training images, never shared', () => {
    const { evalIndex, trainIndex } = shapesOrder(1);
    expect(evalIndex.length).toBe(EVAL_SIZE);
    expect(trainIndex.length).toBe(DEFAULT_TRAIN_SIZE);
    const seen = new Set(evalIndex);
    expect(seen.size).toBe(EVAL_SIZE);
    for (const i of trainIndex) expect(seen.has(i)).toBe(false);
    expect(new Set(trainIndex).size).toBe(DEFAULT_TRAIN_SIZE);
    expect(shapesOrder(1).evalIndex).toEqual(evalIndex);
    expect(shapesOrder(2).evalIndex).not.toEqual(evalIndex);
    // A longer training set starts with the same images, so the evaluation set never depends on it.
    expect(shapesOrder(1, 100_000).trainIndex.subarray(0, DEFAULT_TRAIN_SIZE)).toEqual(trainIndex);
    expect(() => shapesOrder(1, MAX_TRAIN_SIZE + 1)).toThrow(RangeError);
    expect(() => shapesOrder(1, 0)).toThrow(RangeError);
  });

  it('builds the evaluation set with each image’s factors and the shape as label, reporting progress', () => {
    const progress: number[] = [];
    const set = makeEvalSet(1, (done, total) => {
      expect(total).toBe(EVAL_SIZE);
      progress.push(done);
    });
    expect(progress.length).toBe(20);
    expect(progress.every((d, i) => i === 0 || d > progress[i - 1])).toBe(true);
    expect(progress.at(-1)).toBe(EVAL_SIZE);
    const { split, factors, gridIndex } = set;
    expect(split).toMatchObject({ dataset: 'shapes', split: 'test', count: EVAL_SIZE, height: 32, width: 32 });
    expect(split.pixels.length).toBe(EVAL_SIZE * PIXELS);
    expect(split.labels).toEqual(factors.shape);
    for (const i of [0, 1, 777, EVAL_SIZE - 1]) {
      const f = factorsOfIndex(gridIndex[i]);
      for (const n of FACTOR_NAMES) expect(factors[n][i]).toBe(f[n]);
      const own = new Uint8Array(PIXELS);
      renderInto(f, own);
      expect(split.pixels.subarray(i * PIXELS, (i + 1) * PIXELS)).toEqual(own);
    }
    // Every value of every factor occurs (the rarest, 1 of 40 orientations, ≈ 250 times).
    for (const n of FACTOR_NAMES) {
      const counts = new Array<number>(FACTOR_SIZES[n]).fill(0);
      for (const v of factors[n]) counts[v]++;
      expect(Math.min(...counts)).toBeGreaterThan((0.6 * EVAL_SIZE) / FACTOR_SIZES[n]);
    }
  });

  it('draws training batches on demand: the rows’ images, as floats, in the order asked', () => {
    const source = makeTrainSource(1);
    expect(source.count).toBe(DEFAULT_TRAIN_SIZE);
    const sampler = new BatchSampler(source.count, 16, 1);
    const rows = sampler.next().indices;
    const x = source.batch(rows);
    expect(x.length).toBe(16 * PIXELS);
    rows.forEach((row, r) => expect(x.subarray(r * PIXELS, (r + 1) * PIXELS)).toEqual(render(factorsOfIndex(source.gridIndex[row]))));
    expect(source.batch([5, 5])).toEqual(new Float32Array([...source.batch([5]), ...source.batch([5])]));
    expect(() => source.batch([DEFAULT_TRAIN_SIZE])).toThrow(/outside/);
    expect(() => source.batch([-1])).toThrow(/outside/);
  });

  it('is the same generator everywhere: crc32 of the first evaluation images is pinned', () => {
    // The same figure e2e/shapesHash.spec.ts computes in Chromium. A change here changes the
    // dataset: retrain the shipped Shapes models and update both.
    expect(evalImagesHash(SHAPES_DATA_SEED, 64).toString(16)).toBe('83c613ad');
    expect(evalImagesHash(2, 64).toString(16)).toBe('a71fd616');
    expect(() => evalImagesHash(1, 0)).toThrow(RangeError);
  });
});
