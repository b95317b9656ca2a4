import { describe, expect, it } from 'vitest';
import { splitImages, splitIndices } from './split';
import { IMAGE_PIXELS, type ConvertedImages } from './types';

describe('splitIndices', () => {
  const labels = Uint8Array.from([...new Array<number>(50).fill(0), ...new Array<number>(10).fill(1), 2]);

  it('puts about a fifth of every class in test, each index exactly once, the same for the same seed', () => {
    const { train, test } = splitIndices(labels, 3);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([...labels.keys()]);
    expect(test.filter((i) => labels[i] === 0)).toHaveLength(10);
    expect(test.filter((i) => labels[i] === 1)).toHaveLength(2);
    // A class of one image trains.
    expect(train).toContain(60);
    expect(splitIndices(labels, 3)).toEqual({ train, test });
    expect(splitIndices(labels, 4).test).not.toEqual(test);
  });

  it('keeps at least one test image, and refuses fewer than two images', () => {
    expect(splitIndices(Uint8Array.from([0, 1, 2]), 1).test).toHaveLength(1);
    expect(splitIndices(Uint8Array.from([0, 0]), 1)).toMatchObject({ train: [expect.any(Number)], test: [expect.any(Number)] });
    expect(() => splitIndices(Uint8Array.from([0]), 1)).toThrow(RangeError);
  });
});

describe('splitImages', () => {
  it('copies each image with its label into its split', () => {
    const count = 10;
    const pixels = new Uint8Array(count * IMAGE_PIXELS).map((_, i) => Math.floor(i / IMAGE_PIXELS));
    const images: ConvertedImages = {
      title: 't', classes: ['a', 'b'], count, pixels, labels: Uint8Array.from({ length: count }, (_, i) => i % 2),
      skipped: [], inverted: 0, tooManyClasses: 0,
    };
    const ds = splitImages(images, 1);
    expect(ds.train.count + ds.test.count).toBe(10);
    expect(ds.test.count).toBe(2);
    for (const split of [ds.train, ds.test]) {
      for (let k = 0; k < split.count; k++) {
        const source = split.pixels[k * IMAGE_PIXELS];
        expect(split.pixels[(k + 1) * IMAGE_PIXELS - 1]).toBe(source);
        expect(split.labels[k]).toBe(source % 2);
      }
    }
  });
});
