import { describe, expect, it } from 'vitest';
import { borderRing, fitRect, median, toGray } from './grayscale';

const SIZE = 28;

/** RGBA of a 28 × 28 canvas: `inside` paints the fitted rect, the letterbox stays transparent. */
function canvas(rect: { x: number; y: number; width: number; height: number }, paint: (x: number, y: number) => [number, number, number, number]) {
  const rgba = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) rgba.set(paint(x - rect.x, y - rect.y), 4 * (y * SIZE + x));
  }
  return rgba;
}

describe('fitRect', () => {
  it('fits the longer side to 28 and centres the shorter, keeping the aspect ratio', () => {
    expect(fitRect(280, 280)).toEqual({ x: 0, y: 0, width: 28, height: 28 });
    expect(fitRect(400, 200)).toEqual({ x: 0, y: 7, width: 28, height: 14 });
    expect(fitRect(10, 100)).toEqual({ x: 12, y: 0, width: 3, height: 28 });
    expect(fitRect(3000, 1)).toEqual({ x: 0, y: 13, width: 28, height: 1 });
    expect(fitRect(5, 5)).toEqual({ x: 0, y: 0, width: 28, height: 28 });
  });
});

describe('toGray', () => {
  const full = fitRect(28, 28);

  it('turns dark ink on white paper into bright ink on black (inverted)', () => {
    const g = toGray(canvas(full, (x, y) => (x >= 10 && x < 18 && y >= 10 && y < 18 ? [0, 0, 0, 255] : [255, 255, 255, 255])), full);
    expect(g.inverted).toBe(true);
    expect(g.blank).toBe(false);
    expect(g.pixels[14 * SIZE + 14]).toBe(255);
    expect(g.pixels[0]).toBe(0);
    expect(g.pixels.reduce((s, v) => s + (v > 0 ? 1 : 0), 0)).toBe(64);
  });

  it('keeps light ink on a dark background, and levels a gray background to black', () => {
    const g = toGray(canvas(full, (x) => (x === 5 ? [255, 255, 255, 255] : [51, 51, 51, 255])), full);
    expect(g.inverted).toBe(false);
    expect(g.pixels[3 * SIZE + 5]).toBe(255);
    expect(g.pixels[3 * SIZE + 6]).toBe(0);
  });

  it('weighs colours by luminance (BT.601)', () => {
    const g = toGray(canvas(full, (x, y) => (x === 0 || y === 0 || x === 27 || y === 27 ? [0, 0, 0, 255] : [0, 255, 0, 255])), full);
    expect(g.pixels[14 * SIZE + 14]).toBe(Math.round(0.587 * 255));
  });

  it('takes transparency as white paper and leaves the letterbox black', () => {
    const rect = fitRect(56, 28);
    const g = toGray(canvas(rect, (x) => (x < 10 ? [0, 0, 0, 255] : [0, 0, 0, 0])), rect);
    expect(rect.y).toBe(7);
    // A third of the picture is black ink, the rest transparent (paper): the median border is paper.
    expect(g.inverted).toBe(true);
    expect(g.pixels[14 * SIZE + 2]).toBe(255);
    expect(g.pixels[14 * SIZE + 20]).toBe(0);
    expect(g.pixels[2 * SIZE + 2]).toBe(0);
  });

  it('calls a uniform picture blank', () => {
    expect(toGray(canvas(full, () => [200, 200, 200, 255]), full).blank).toBe(true);
    expect(() => toGray(new Uint8ClampedArray(10), full)).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('median and border ring', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const values = new Float32Array(SIZE * SIZE).map((_, i) => i);
    const ring = borderRing(values, { x: 1, y: 1, width: 3, height: 3 }, SIZE);
    expect(ring.sort((a, b) => a - b)).toEqual([29, 30, 31, 57, 59, 85, 86, 87]);
  });
});
