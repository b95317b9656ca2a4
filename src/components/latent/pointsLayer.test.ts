import { describe, expect, it } from 'vitest';
import type { LatentSnapshot } from '../../client/clientTypes';
import { IDENTITY, fitView } from '../latentShared/geometry';
import { drawPoints, preparePoints } from './pointsLayer';

const snapshot: LatentSnapshot = {
  step: 10,
  kind: 'vae',
  dim: 3,
  count: 5,
  // (dim 0, dim 2) per point: (0, 0) (1, 1) (−1, 2) (50, 50) (0.5, −0.5)
  mu: Float32Array.from([0, 9, 0, 1, 9, 1, -1, 9, 2, 50, 9, 50, 0.5, 9, -0.5]),
  logvar: null,
  labels: Uint8Array.from([2, 0, 2, 1, 0]),
};

/** Records what drawPoints asks of a 2-D context. */
function recorder() {
  const fills: Array<{ style: string; alpha: number; x: number; y: number }> = [];
  const ctx = {
    fillStyle: '',
    globalAlpha: 1,
    setTransform() {},
    clearRect() {},
    fillRect(x: number, y: number) {
      fills.push({ style: this.fillStyle, alpha: this.globalAlpha, x, y });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, fills };
}

describe('preparePoints', () => {
  it('takes the shown dimensions and groups points by class', () => {
    const p = preparePoints(snapshot, 0, 2, 3);
    expect(Array.from(p.xs)).toEqual([0, 1, -1, 50, 0.5]);
    expect(Array.from(p.ys)).toEqual([0, 1, 2, 50, -0.5]);
    expect(Array.from(p.classStart)).toEqual([0, 2, 3, 5]);
    expect(Array.from(p.order)).toEqual([1, 4, 3, 0, 2]);
  });
});

describe('drawPoints', () => {
  const colors = ['red', 'green', 'blue'];
  const view = fitView({ x0: -3, x1: 3, y0: -3, y1: 3 }, 200, 200, 0);
  const style = { width: 200, height: 200, dpr: 1, colors, highlight: null, alpha: 0.8 };

  it('draws every visible point once in its class colour and skips those off screen', () => {
    const { ctx, fills } = recorder();
    drawPoints(ctx, preparePoints(snapshot, 0, 2, 3), view, IDENTITY, style);
    // Point 3 at (50, 50) lies far outside the ±3 view.
    expect(fills).toHaveLength(4);
    expect(fills.map((f) => f.style)).toEqual(['red', 'red', 'blue', 'blue']);
    expect(fills.every((f) => f.alpha === 0.8)).toBe(true);
    // z = (0, 0) is the centre of the 200 px square (the square's corner is 1.4 px up-left).
    expect(fills[2].x).toBeCloseTo(100 - 1.4);
    expect(fills[2].y).toBeCloseTo(100 - 1.4);
  });

  it('draws a highlighted class last, the others dimmed', () => {
    const { ctx, fills } = recorder();
    drawPoints(ctx, preparePoints(snapshot, 0, 2, 3), view, IDENTITY, { ...style, highlight: 0 });
    expect(fills.map((f) => f.style)).toEqual(['blue', 'blue', 'red', 'red']);
    expect(fills[0].alpha).toBeLessThan(0.2);
    expect(fills[3].alpha).toBe(0.8);
  });
});
