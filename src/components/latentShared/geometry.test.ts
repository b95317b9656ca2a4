import { describe, expect, it } from 'vitest';
import {
  buildPointIndex,
  centredSquare,
  dataDomain,
  dimensionVariances,
  ellipseRadii,
  fitView,
  formatZ,
  gridLatents,
  IDENTITY,
  interpolateLatents,
  nearestPoint,
  pixelsPerUnit,
  screenToZ,
  settleDomain,
  topVarianceDims,
  visibleDomain,
  zToScreen,
} from './geometry';

const square = { x0: -4, x1: 4, y0: -4, y1: 4 };

describe('z ↔ screen', () => {
  it('fits a domain with equal units, centred, y up', () => {
    const v = fitView(square, 600, 400, 20);
    expect(v.s).toBeCloseTo(45); // (400 − 40) / 8: the short side decides
    expect(zToScreen(v, IDENTITY, 0, 0)).toEqual([300, 200]);
    const [, yTop] = zToScreen(v, IDENTITY, 0, 4);
    expect(yTop).toBeCloseTo(20);
    const [xRight] = zToScreen(v, IDENTITY, 1, 0);
    expect(xRight - 300).toBeCloseTo(45);
  });

  it('round-trips under a zoom transform', () => {
    const v = fitView({ x0: -2, x1: 6, y0: -1, y1: 3 }, 800, 500, 10);
    const t = { k: 3.5, x: -120, y: 47 };
    for (const [zx, zy] of [
      [0, 0],
      [1.25, -0.75],
      [5.5, 2.9],
    ]) {
      const [sx, sy] = zToScreen(v, t, zx, zy);
      const [bx, by] = screenToZ(v, t, sx, sy);
      expect(bx).toBeCloseTo(zx, 9);
      expect(by).toBeCloseTo(zy, 9);
    }
    expect(pixelsPerUnit(v, t)).toBeCloseTo(v.s * 3.5);
  });

  it('reports the visible domain, shrinking as the zoom grows', () => {
    const v = fitView(square, 400, 400, 0);
    const full = visibleDomain(v, IDENTITY, 400, 400);
    expect(full.x0).toBeCloseTo(-4);
    expect(full.x1).toBeCloseTo(4);
    expect(full.y0).toBeCloseTo(-4);
    expect(full.y1).toBeCloseTo(4);
    // Zoom ×2 about the centre: the screen shows half the span.
    const zoomed = visibleDomain(v, { k: 2, x: -200, y: -200 }, 400, 400);
    expect(zoomed.x0).toBeCloseTo(-2);
    expect(zoomed.x1).toBeCloseTo(2);
    expect(zoomed.y1).toBeCloseTo(2);
  });
});

describe('ellipse', () => {
  it('has radii σ = exp(½ log σ²) times the pixels per unit', () => {
    const [rx, ry] = ellipseRadii(Math.log(0.25), Math.log(4), 50);
    expect(rx).toBeCloseTo(25); // σ = 0.5
    expect(ry).toBeCloseTo(100); // σ = 2
  });
});

describe('grid latents', () => {
  it('spans the largest centred square of a wide view, so tiles stay square', () => {
    expect(centredSquare({ x0: -6, x1: 10, y0: -1, y1: 3 })).toEqual({ x0: 0, x1: 4, y0: -1, y1: 3 });
    expect(centredSquare({ x0: 0, x1: 2, y0: -5, y1: 5 })).toEqual({ x0: 0, x1: 2, y0: -1, y1: 1 });
  });


  it('puts N×N points at cell centres, rows from high to low z_y, other dimensions 0', () => {
    const z = gridLatents({ x0: 0, x1: 4, y0: -2, y1: 2 }, 4, 3, 0, 2);
    expect(z.length).toBe(4 * 4 * 3);
    // First row, first column: top-left cell centre.
    expect(Array.from(z.slice(0, 3))).toEqual([0.5, 0, 1.5]);
    // First row, last column.
    expect(Array.from(z.slice(3 * 3, 3 * 3 + 3))).toEqual([3.5, 0, 1.5]);
    // Last row, first column: bottom-left.
    const last = 12 * 3;
    expect(Array.from(z.slice(last, last + 3))).toEqual([0.5, 0, -1.5]);
    for (let i = 0; i < 16; i++) expect(z[i * 3 + 1]).toBe(0);
  });
});

describe('interpolation', () => {
  it('gives 10 equally spaced points including both ends', () => {
    const a = [1, -2, 0];
    const b = [-3.5, 2.5, 9];
    const z = interpolateLatents(a, b, 10);
    expect(z.length).toBe(30);
    expect(Array.from(z.slice(0, 3))).toEqual(a);
    for (let j = 0; j < 3; j++) expect(z[27 + j]).toBeCloseTo(b[j], 6);
    const step = (i: number) => Math.hypot(z[(i + 1) * 3] - z[i * 3], z[(i + 1) * 3 + 1] - z[i * 3 + 1], z[(i + 1) * 3 + 2] - z[i * 3 + 2]);
    const first = step(0);
    expect(first).toBeGreaterThan(0);
    for (let i = 1; i < 9; i++) expect(step(i)).toBeCloseTo(first, 5);
  });

  it('refuses ends of different length', () => {
    expect(() => interpolateLatents([0, 0], [1, 1, 1], 10)).toThrow();
  });
});

describe('dimension choice', () => {
  it('picks the two dimensions whose μ varies most', () => {
    const n = 200;
    const dim = 5;
    const mu = new Float32Array(n * dim);
    const spread = [0.1, 3, 0.2, 0.05, 1.5];
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mu[i * dim + j] = spread[j] * Math.sin(i * (j + 1) * 0.37);
    expect(topVarianceDims(mu, n, dim)).toEqual([1, 4]);
    const v = dimensionVariances(mu, n, dim);
    expect(v[1]).toBeGreaterThan(v[4]);
  });

  it('with two dimensions, shows both', () => {
    expect(topVarianceDims(new Float32Array([0, 0, 1, 1]), 2, 2)).toEqual([0, 1]);
  });
});

describe('domain', () => {
  it('covers the prior box and the bulk of the codes but not a far outlier', () => {
    const n = 1000;
    const mu = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      mu[i * 2] = 8 * (i / n) - 1; // x in [−1, 7)
      mu[i * 2 + 1] = 0.5;
    }
    mu[0] = 500; // one wild code
    const d = dataDomain(mu, n, 2, 0, 1, 3);
    expect(d.x0).toBeLessThan(-3);
    expect(d.x1).toBeGreaterThan(6.8);
    expect(d.x1).toBeLessThan(9);
    expect(d.y0).toBeLessThan(-3);
    expect(d.y1).toBeGreaterThan(3);
  });

  it('settles: keeps the view while codes move inside it, grows when they leave', () => {
    const current = { x0: -5, x1: 5, y0: -5, y1: 5 };
    expect(settleDomain(current, { x0: -4, x1: 4, y0: -4, y1: 4 })).toBe(current);
    const wider = { x0: -6, x1: 5, y0: -5, y1: 5 };
    expect(settleDomain(current, wider)).toBe(wider);
    const tiny = { x0: -1, x1: 1, y0: -1, y1: 1 };
    expect(settleDomain(current, tiny)).toBe(tiny);
  });
});

describe('nearest point', () => {
  const mu = new Float32Array([0, 0, 9, 9, 1, 0.2, 1, 0, 5, 5, 1.1, 0.1]);
  const index = buildPointIndex(mu, 4, 3, 0, 2);

  it('finds the closest code in the shown dimensions within the radius', () => {
    // Shown as (dim 0, dim 2): #0 (0, 9), #1 (9, 0.2), #2 (1, 5), #3 (5, 0.1).
    expect(nearestPoint(index, 0.1, 8.8, 0.5)).toBe(0);
    expect(nearestPoint(index, 1.05, 5.2, 0.5)).toBe(2);
  });

  it('answers −1 when nothing is within the radius', () => {
    expect(nearestPoint(index, 20, 20, 1)).toBe(-1);
  });
});

describe('formatZ', () => {
  it('uses a true minus sign and never shows −0.00', () => {
    expect(formatZ(-1.314)).toBe('\u22121.31');
    expect(formatZ(0.52)).toBe('0.52');
    expect(formatZ(-0.001)).toBe('0.00');
  });
});
