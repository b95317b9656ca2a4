import { describe, expect, it } from 'vitest';
import { toFloat32 } from './toFloat32';

describe('toFloat32', () => {
  const pixels = Uint8Array.of(0, 255, 51, 102, 0, 0, 255, 255, 1);

  it('maps 0→0 and 255→1, all rows when indices is null', () => {
    const out = toFloat32(pixels, null, 3);
    expect(out.length).toBe(9);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(1);
    expect(out[2]).toBeCloseTo(0.2, 6);
    expect(out[8]).toBeCloseTo(1 / 255, 7);
  });

  it('gathers the rows named by indices, in that order', () => {
    const out = toFloat32(pixels, [2, 0, 2], 3);
    expect(Array.from(out)).toEqual([1, 1, 1 / 255, 0, 1, 0.2, 1, 1, 1 / 255].map(Math.fround));
  });

  it('rejects indices outside the data and a dim that does not divide it', () => {
    expect(() => toFloat32(pixels, [3], 3)).toThrow(/index 3/);
    expect(() => toFloat32(pixels, Int32Array.of(-1), 3)).toThrow(RangeError);
    expect(() => toFloat32(pixels, null, 4)).toThrow(/rows of 4/);
  });
});
