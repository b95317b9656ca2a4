import { describe, expect, it } from 'vitest';
import { legibleGridSize } from './useManifoldGrid';

describe('legibleGridSize', () => {
  it('keeps the chosen size while the tiles are big enough', () => {
    expect(legibleGridSize(15, 600, 40)).toBe(15);
  });
  it('draws fewer tiles when n of them would be smaller than the minimum', () => {
    // 330 px in 30 tiles is 11 px each; 40-px tiles fit 8 times.
    expect(legibleGridSize(30, 330, 40)).toBe(8);
    expect(330 / legibleGridSize(30, 330, 40)).toBeGreaterThanOrEqual(40);
  });
  it('never goes below a 2×2 grid, and leaves n alone before the map has a size', () => {
    expect(legibleGridSize(10, 50, 40)).toBe(2);
    expect(legibleGridSize(10, 0, 40)).toBe(10);
  });
});
