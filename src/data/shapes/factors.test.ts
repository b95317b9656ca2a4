import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { FACTOR_NAMES, FACTOR_SIZES, factorsOfIndex, factorValue, GRID_SIZE, indexOfFactors, sampleFactors } from './factors';

describe('Shapes factors', () => {
  it('span dSprites’ grid: 3 shapes × 6 scales × 40 orientations × 32 × 32 positions', () => {
    expect(GRID_SIZE).toBe(737_280);
    expect(FACTOR_NAMES.map((n) => FACTOR_SIZES[n])).toEqual([3, 6, 40, 32, 32]);
  });

  it('number the grid in mixed radix, position y fastest, and invert exactly', () => {
    expect(factorsOfIndex(0)).toEqual({ shape: 0, scale: 0, orientation: 0, posX: 0, posY: 0 });
    expect(factorsOfIndex(1)).toEqual({ shape: 0, scale: 0, orientation: 0, posX: 0, posY: 1 });
    expect(factorsOfIndex(32)).toEqual({ shape: 0, scale: 0, orientation: 0, posX: 1, posY: 0 });
    expect(factorsOfIndex(GRID_SIZE - 1)).toEqual({ shape: 2, scale: 5, orientation: 39, posX: 31, posY: 31 });
    for (const i of [0, 1, 1023, 1024, 40_961, 245_760, 500_000, GRID_SIZE - 1]) expect(indexOfFactors(factorsOfIndex(i))).toBe(i);
  });

  it('refuse indices and factors outside the grid', () => {
    expect(() => factorsOfIndex(GRID_SIZE)).toThrow(RangeError);
    expect(() => factorsOfIndex(-1)).toThrow(RangeError);
    expect(() => factorsOfIndex(1.5)).toThrow(RangeError);
    expect(() => indexOfFactors({ shape: 3, scale: 0, orientation: 0, posX: 0, posY: 0 })).toThrow(/shape/);
    expect(() => indexOfFactors({ shape: 0, scale: 0, orientation: 40, posX: 0, posY: 0 })).toThrow(/orientation/);
  });

  it('stand for dSprites’ values: scale 0.5…1, a full turn without repeating 0, positions 0…1', () => {
    expect(factorValue('scale', 0)).toBe(0.5);
    expect(factorValue('scale', 5)).toBe(1);
    expect(factorValue('orientation', 10)).toBeCloseTo(Math.PI / 2, 12);
    expect(factorValue('orientation', 39)).toBeCloseTo((2 * Math.PI * 39) / 40, 12);
    expect(factorValue('posX', 0)).toBe(0);
    expect(factorValue('posY', 31)).toBe(1);
    expect(factorValue('shape', 2)).toBe(2);
  });

  it('sample every value of every factor about equally, the same for the same seed', () => {
    const rng = mulberry32(3);
    const counts = FACTOR_NAMES.map((n) => new Array<number>(FACTOR_SIZES[n]).fill(0));
    const draws = 40_000;
    for (let i = 0; i < draws; i++) {
      const f = sampleFactors(rng);
      FACTOR_NAMES.forEach((n, k) => counts[k][f[n]]++);
    }
    FACTOR_NAMES.forEach((n, k) => {
      const expected = draws / FACTOR_SIZES[n];
      for (const c of counts[k]) expect(Math.abs(c - expected)).toBeLessThan(5 * Math.sqrt(expected));
    });
    const a = mulberry32(9);
    const b = mulberry32(9);
    for (let i = 0; i < 20; i++) expect(sampleFactors(a)).toEqual(sampleFactors(b));
  });
});
