// The 10,000 test codes on a <canvas>: grouped by class once per latent update, so a redraw
// sets each colour once and fills small squares, never touching React.

import type { LatentSnapshot } from '../../client/clientTypes';
import type { BaseView, Zoom } from '../latentShared/geometry';

export interface PreparedPoints {
  count: number;
  /** Shown coordinates, in z units. */
  xs: Float32Array;
  ys: Float32Array;
  /** Point indices grouped by label: class c occupies order[classStart[c] … classStart[c+1]). */
  order: Uint32Array;
  classStart: Int32Array;
}

export function preparePoints(s: LatentSnapshot, dx: number, dy: number, classes: number): PreparedPoints {
  const { count, dim, mu, labels } = s;
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  const classStart = new Int32Array(classes + 1);
  for (let i = 0; i < count; i++) {
    xs[i] = mu[i * dim + dx];
    ys[i] = mu[i * dim + dy];
    classStart[Math.min(labels[i], classes - 1) + 1]++;
  }
  for (let c = 0; c < classes; c++) classStart[c + 1] += classStart[c];
  const fill = classStart.slice(0, classes);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[fill[Math.min(labels[i], classes - 1)]++] = i;
  return { count, xs, ys, order, classStart };
}

export interface PointStyle {
  width: number;
  height: number;
  dpr: number;
  colors: readonly string[];
  /** A class to bring forward (others dimmed), or null. */
  highlight: number | null;
  /** Opacity of undimmed points (lower when the manifold grid is underneath). */
  alpha: number;
}

/** Clears and redraws every point; returns the time it took in ms. */
export function drawPoints(ctx: CanvasRenderingContext2D, pts: PreparedPoints | null, v: BaseView, t: Zoom, style: PointStyle): number {
  const start = performance.now();
  const { width, height, dpr, colors, highlight, alpha } = style;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (!pts) return performance.now() - start;
  // Points grow a little when zoomed in, so clusters stay readable without turning into blobs.
  const r = Math.min(3, 1.4 * Math.sqrt(t.k));
  const size = 2 * r;
  const ax = t.k * v.s;
  const bx = t.x + t.k * v.ox - r;
  const by = t.y + t.k * v.oy - r;
  const classes = pts.classStart.length - 1;
  // The highlighted class is drawn last, on top of the dimmed others.
  const sequence = Array.from({ length: classes }, (_, c) => c).filter((c) => c !== highlight);
  if (highlight !== null && highlight < classes) sequence.push(highlight);
  for (const c of sequence) {
    ctx.fillStyle = colors[c % colors.length];
    // Dimmed points at 6 %: on a small map (about 200 px at 1366×768) a dozen of them stack on one
    // pixel, and at 12 % such stacks read as strongly as the class brought forward.
    ctx.globalAlpha = highlight === null || highlight === c ? alpha : alpha * 0.06;
    for (let k = pts.classStart[c]; k < pts.classStart[c + 1]; k++) {
      const i = pts.order[k];
      const sx = ax * pts.xs[i] + bx;
      const sy = by - ax * pts.ys[i];
      if (sx < -size || sy < -size || sx > width || sy > height) continue;
      ctx.fillRect(sx, sy, size, size);
    }
  }
  ctx.globalAlpha = 1;
  return performance.now() - start;
}
