// The manifold grid: N×N decodings at the cell centres of the visible z range, tiled into one
// image the map draws under the points. Decoded in small batches, one after another, so a
// drag's decode never waits behind a whole grid; a newer view aborts an older sheet.

import { useEffect, useRef, type RefObject } from 'react';
import type { PlaygroundClient } from '../../client/clientTypes';
import type { Theme } from '../palette';
import { gridLatents, zToScreen, type BaseView, type Domain, type Zoom } from '../latentShared/geometry';
import { LatestOnly } from '../latentShared/latestOnly';
import { paintSheet } from '../latentShared/paintImage';

/**
 * The grid size actually drawn: the chosen n, or fewer tiles when n of them across `sidePx`
 * would be smaller than `minTilePx` (unreadable from the back of a classroom). At least 2.
 */
export function legibleGridSize(n: number, sidePx: number, minTilePx: number): number {
  if (!(sidePx > 0) || !(minTilePx > 0)) return n;
  return Math.max(2, Math.min(n, Math.floor(sidePx / minTilePx)));
}

/** Images per decode request: ≈ 2–5 ms of work, the most a drag may wait behind a grid. */
export const GRID_BATCH = 4;

export interface GridSheet {
  canvas: HTMLCanvasElement;
  domain: Domain;
  n: number;
}

interface GridJob {
  key: string;
  domain: Domain;
  n: number;
  dims: [number, number];
  dim: number;
  theme: Theme;
}

class Superseded extends Error {}

export interface GridParams {
  enabled: boolean;
  n: number;
  /** The visible z range once a zoom or pan has ended; null before the map has a size. */
  domain: Domain | null;
  dims: [number, number];
  dim: number;
  /** Step of the inference worker's weights: a new value redraws the sheet. */
  weightsStep: number;
  theme: Theme;
}

export function useManifoldGrid(client: PlaygroundClient, p: GridParams, onChange: () => void): RefObject<GridSheet | null> {
  const sheet = useRef<GridSheet | null>(null);
  const latestKey = useRef('');
  const notify = useRef(onChange);
  notify.current = onChange;

  const queue = useRef<LatestOnly<GridJob, GridSheet> | null>(null);
  queue.current ??= new LatestOnly<GridJob, GridSheet>(
    async (job) => {
      const { n, dim, dims } = job;
      const z = gridLatents(job.domain, n, dim, dims[0], dims[1]);
      // Pixels per image from the decoder's answer: 784, or 1,024 for Shapes.
      let size = 0;
      let images = new Float32Array(0);
      for (let k = 0; k < n * n; k += GRID_BATCH) {
        if (latestKey.current !== job.key) throw new Superseded();
        const m = Math.min(GRID_BATCH, n * n - k);
        const decoded = await client.decode(z.slice(k * dim, (k + m) * dim), m);
        if (k === 0) {
          size = decoded.length / m;
          images = new Float32Array(n * n * size);
        }
        images.set(decoded, k * size);
      }
      const canvas = document.createElement('canvas');
      paintSheet(canvas, images, n, job.theme, Math.round(Math.sqrt(size)));
      return { canvas, domain: job.domain, n };
    },
    (result, job) => {
      if (latestKey.current !== job.key) return;
      sheet.current = result;
      notify.current();
    },
    // Superseded sheets and decodes refused during a reset (weights of another shape) are
    // simply dropped: the next weights or view asks again.
    () => {},
  );

  const { enabled, n, domain, dims, dim, weightsStep, theme } = p;
  useEffect(() => {
    if (!enabled || !domain || weightsStep < 0 || dim < 2) {
      latestKey.current = '';
      queue.current?.cancelPending();
      if (sheet.current) {
        sheet.current = null;
        notify.current();
      }
      return;
    }
    const key = [n, dim, dims[0], dims[1], domain.x0, domain.x1, domain.y0, domain.y1, theme].join(' ');
    latestKey.current = key;
    queue.current?.request({ key, domain, n, dims, dim, theme });
  }, [enabled, n, domain, dims, dim, weightsStep, theme]);

  return sheet;
}

/** Draws the sheet where its z range lies on screen now (it follows pans until redecoded). */
export function drawSheet(ctx: CanvasRenderingContext2D, sheet: GridSheet | null, v: BaseView, t: Zoom, width: number, height: number, dpr: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (!sheet) return;
  const [x0, y0] = zToScreen(v, t, sheet.domain.x0, sheet.domain.y1);
  const [x1, y1] = zToScreen(v, t, sheet.domain.x1, sheet.domain.y0);
  // Smooth when tiles shrink below 28 px; crisp pixels when they are shown larger.
  ctx.imageSmoothingEnabled = (x1 - x0) / sheet.n < 28;
  // A little lighter than the data, so the coloured codes on top stay readable.
  ctx.globalAlpha = 0.8;
  ctx.drawImage(sheet.canvas, x0, y0, x1 - x0, y1 - y0);
  ctx.globalAlpha = 1;
}
