import { describe, expect, it } from 'vitest';
import { ellipseMagnification, magnify, MIN_ELLIPSE_PX, samplePositions } from './posteriorView';

describe('posterior ellipse on screen', () => {
  it('leaves an ellipse already big enough at its true size', () => {
    expect(ellipseMagnification(30, 12)).toBe(1);
    expect(ellipseMagnification(MIN_ELLIPSE_PX, 1)).toBe(1);
  });

  it('magnifies a 1–3 px ellipse by the smallest round factor that makes it visible', () => {
    // σ = 0.05 at 40 px per unit: 2 px, ×10 gives 20 px.
    expect(ellipseMagnification(2, 1.5)).toBe(10);
    expect(ellipseMagnification(1, 0.5)).toBe(20);
    expect(ellipseMagnification(3, 3)).toBe(10);
    expect(ellipseMagnification(10, 4)).toBe(2);
    for (const r of [0.3, 0.9, 1.7, 4.2, 8.9]) expect(r * ellipseMagnification(r, r / 2)).toBeGreaterThanOrEqual(MIN_ELLIPSE_PX);
  });

  it('does not blow up on a degenerate ellipse', () => {
    expect(ellipseMagnification(0, 0)).toBe(1);
    expect(ellipseMagnification(Number.NaN, 1)).toBe(1);
    expect(ellipseMagnification(1e-9, 1e-9)).toBe(1000);
  });

  it('places samples μ + k·σ·ε on screen, z upward', () => {
    const pts = samplePositions([100, 50], [2, 4], 10, [1, 1, -0.5, 0, 0, -2]);
    expect(pts).toEqual([
      [120, 10],
      [90, 50],
      [100, 130],
    ]);
    // A sample within 1σ lies inside the magnified ellipse.
    const [[x, y]] = samplePositions([0, 0], [2, 3], 5, [0.6, -0.7]);
    expect((x / (5 * 2)) ** 2 + (y / (5 * 3)) ** 2).toBeLessThan(1);
  });

  it('magnifies the drawn sample’s offset from μ by the same factor', () => {
    expect(magnify([10, 10], [12, 9], 10)).toEqual([30, 0]);
    expect(magnify([10, 10], [12, 9], 1)).toEqual([12, 9]);
  });
});
