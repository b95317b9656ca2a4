// Where a drag becomes a decode: each move of the latent point is decoded in the same event
// from the page's copy of the decoder (client.decodeNow) and painted at once. Until that copy
// exists the inference worker answers, at most one decode in flight and only the newest z
// waiting. New weights (or a new theme) redraw the point's current z.
import { useEffect, useRef, type RefObject } from 'react';
import type { ModelTag } from '../../workers/protocol';
import { usePlaygroundClient } from '../usePlayground';
import type { LatentPointStore } from './latentPoint';
import { LatestOnly } from './latestOnly';
import { paintImage } from './paintImage';
import type { Theme } from '../palette';

export interface DecodeRequest {
  z: Float32Array;
  /** performance.now() clock of the user event that moved z; null for redraws (new weights, theme). */
  t0: number | null;
  /** The point store's move number, so the handle shows this z with this image. */
  seq: number;
}

interface Options {
  point: LatentPointStore;
  weightsStep: number;
  theme: Theme;
  /** Whose decoder; the shown model's when absent. */
  model?: ModelTag;
  /** After each paint. */
  onPainted?(req: DecodeRequest): void;
  /** The worker refused (weights of another shape are in place, e.g. just reset). */
  onRefused?(req: DecodeRequest): void;
}

/** The canvas to draw the decoded image of `point` into. */
export function useDecodedImage({ point, weightsStep, theme, model, onPainted, onRefused }: Options): RefObject<HTMLCanvasElement | null> {
  const client = usePlaygroundClient();
  const canvas = useRef<HTMLCanvasElement>(null);
  const now = useRef({ theme, onPainted, onRefused });
  now.current = { theme, onPainted, onRefused };

  // The newest move painted: a worker answer for an older one arrives too late to show.
  const paintedSeq = useRef(-1);
  const paint = (pixels: Float32Array, req: DecodeRequest) => {
    if (req.seq < paintedSeq.current) return;
    paintedSeq.current = req.seq;
    if (canvas.current) paintImage(canvas.current, pixels, 0, now.current.theme);
    now.current.onPainted?.(req);
  };
  const queue = useRef<LatestOnly<DecodeRequest, Float32Array> | null>(null);
  queue.current ??= new LatestOnly<DecodeRequest, Float32Array>(
    (req) => client.decode(req.z, 1, model),
    paint,
    (_err, req) => now.current.onRefused?.(req),
  );
  const show = (req: DecodeRequest) => {
    const pixels = client.decodeNow?.(req.z, model);
    if (pixels) {
      queue.current?.cancelPending();
      paint(pixels, req);
    } else queue.current?.request(req);
  };
  const showNow = useRef(show);
  showNow.current = show;

  useEffect(() => point.subscribe((z, t0, seq) => showNow.current({ z: z.slice(), t0, seq })), [point]);
  useEffect(() => {
    if (weightsStep >= 0) showNow.current({ z: point.value.slice(), t0: null, seq: point.latestSeq });
  }, [point, weightsStep, theme]);

  return canvas;
}
