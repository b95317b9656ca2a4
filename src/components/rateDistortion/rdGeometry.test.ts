import { describe, expect, it } from 'vitest';
import { clipElboLine, elboLines, niceStep, rdDomain } from './rdGeometry';

describe('the rate–distortion plane', () => {
  it('takes 1, 2 or 5 × 10^k steps', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(11, 5)).toBe(5);
    expect(niceStep(37, 5)).toBe(10);
    expect(niceStep(0.8, 4)).toBe(0.2);
    expect(niceStep(120, 5)).toBe(50);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('spans rate from 0 and every point’s distortion, on nice steps', () => {
    const pts = [
      { rate: 5.9, distortion: 144.7 },
      { rate: 12.3, distortion: 131.2 },
      { rate: 0, distortion: 139.9 },
      { rate: NaN, distortion: 1e9 },
    ];
    const d = rdDomain(pts);
    expect(d.x[0]).toBe(0);
    for (const p of pts.slice(0, 3)) {
      expect(p.rate).toBeLessThanOrEqual(d.x[1]);
      expect(p.distortion).toBeGreaterThan(d.y[0]);
      expect(p.distortion).toBeLessThan(d.y[1]);
    }
    // The non-finite point is left out: the box stays near the real ones.
    expect(d.y[1]).toBeLessThan(200);
    expect(d).toEqual({ x: [0, 15], y: [125, 150] });
    expect(rdDomain([])).toEqual({ x: [0, 10], y: [0, 100] });
    // Only AEs (rate 0): the box still has a width.
    expect(rdDomain([{ rate: 0, distortion: 140 }]).x[1]).toBeGreaterThan(0);
  });

  it('clips each line R + D = c to the box, ends on its edges', () => {
    const d = { x: [0, 20] as [number, number], y: [100, 160] as [number, number] };
    const line = clipElboLine(150, d)!;
    expect(line.from).toEqual([0, 150]);
    expect(line.to).toEqual([20, 130]);
    const high = clipElboLine(170, d)!;
    expect(high.from).toEqual([10, 160]);
    expect(high.to).toEqual([20, 150]);
    const low = clipElboLine(110, d)!;
    expect(low.from).toEqual([0, 110]);
    expect(low.to).toEqual([10, 100]);
    // Below the bottom-left corner or above the top-right one: no line.
    expect(clipElboLine(99, d)).toBeNull();
    expect(clipElboLine(181, d)).toBeNull();
  });

  it('draws a few lines of constant −ELBO, evenly spaced, each of slope −1 inside the box', () => {
    const d = { x: [0, 20] as [number, number], y: [100, 160] as [number, number] };
    const lines = elboLines(d, 4);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBeLessThanOrEqual(8);
    const gaps = lines.slice(1).map((l, i) => l.c - lines[i].c);
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0], 9);
    for (const l of lines) {
      for (const [x, y] of [l.from, l.to]) {
        expect(x + y).toBeCloseTo(l.c, 9);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(20);
        expect(y).toBeGreaterThanOrEqual(100);
        expect(y).toBeLessThanOrEqual(160);
      }
      expect((l.to[1] - l.from[1]) / (l.to[0] - l.from[0])).toBeCloseTo(-1, 9);
    }
  });
});
