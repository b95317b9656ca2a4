import { describe, expect, it } from 'vitest';
import { spriteCells } from './sprites';

describe('spriteCells', () => {
  it('reads a sheet left to right, top to bottom, ignoring the leftover edge', () => {
    const grid = spriteCells(100, 60, 32, 28);
    expect([grid.rows, grid.cols]).toEqual([2, 3]);
    expect(grid.cells.map((c) => [c.x, c.y])).toEqual([[0, 0], [32, 0], [64, 0], [0, 28], [32, 28], [64, 28]]);
    expect(grid.cells[4]).toMatchObject({ row: 1, col: 1 });
  });

  it('stops at the cell limit and refuses cells that do not fit or are not whole pixels', () => {
    expect(spriteCells(280, 280, 28, 28, 15).cells).toHaveLength(15);
    expect(() => spriteCells(20, 20, 28, 28)).toThrow(RangeError);
    expect(() => spriteCells(100, 100, 0, 28)).toThrow(RangeError);
    expect(() => spriteCells(100, 100, 2.5, 28)).toThrow(RangeError);
  });
});
