// Where a drag becomes a decode: each move of the latent point is decoded in the same event
// from the page's copy of the decoder (client.decodeNow) and painted at once. Until that copy
// exists the inference worker answers, at most one decode in flight and only the newest z
// waiting. New weights (or a new theme) redraw the point's current z. While an image is in
// focus (a hovered test point), the canvas shows its reconstruction, the decoding of its μ,
// instead: x → encoder → z → decoder → x̂ for that image; the point's decoding comes back after.
import { useEffect, useRef, type RefObject } from 'react';
import type { ModelTag } from '../../shared/protocol';
import { usePlaygroundClient, useTopic } from '../usePlayground';
import type { LatentPointStore } from '../latentShared/latentPoint';
import { LatestOnly } from '../latentShared/latestOnly';
import { paintImage } from '../latentShared/paintImage';
import type { Theme } from '../palette';

export interface DecodeRequest {
  z: Float32Array;
  /** performance.now() clock of the user event that moved z; null for redraws (new weights, theme). */
  t0: number | null;
  /** The point store's move number, so the handle shows this z with this image. */
  seq: number;
  /** The focused image's μ this decodes (not the point's z); absent for the point. */
  focus?: Float32Array;
}

interface Options {
  point: LatentPointStore;
  weightsStep: number;
  theme: Theme;
  /** Whose decoder; the shown model's when absent. */
  model?: ModelTag;
  /** μ of the image in focus (all dimensions): shown decoded while set, instead of the point. */
  focus?: Float32Array | null;
  /** After each paint. */
  onPainted?(req: DecodeRequest): void;
  /** The worker refused (weights of another shape are in place, e.g. just reset). */
  onRefused?(req: DecodeRequest): void;
}

/** The canvas to draw the decoded image of `point` into. */
export function useDecodedImage({ point, weightsStep, theme, model, focus = null, onPainted, onRefused }: Options): RefObject<HTMLCanvasElement | null> {
  const client = usePlaygroundClient();
  const canvas = useRef<HTMLCanvasElement>(null);
  const now = useRef({ theme, onPainted, onRefused });
  now.current = { theme, onPainted, onRefused };
  // The focus the canvas shows (null: the point). A new focus takes the canvas; a move of the
  // point by the user (a drag, a key, a pick) takes it back until the focus changes.
  const shownFocus = useRef<Float32Array | null>(null);

  // The newest move painted: a worker answer for an older one arrives too late to show.
  const paintedSeq = useRef(-1);
  const paint = (pixels: Float32Array, req: DecodeRequest) => {
    if (req.seq < paintedSeq.current) return;
    // An answer for the image that was in focus (or for the point, while one is) is stale.
    if ((req.focus ?? null) !== shownFocus.current) return;
    paintedSeq.current = req.seq;
    if (canvas.current) paintImage(canvas.current, pixels, 0, now.current.theme, Math.round(Math.sqrt(pixels.length)));
    now.current.onPainted?.(req);
  };
  const queue = useRef<LatestOnly<DecodeRequest, Float32Array> | null>(null);
  // Paints from the page's decoder so far: a worker answer asked for before the latest of them
  // is stale even at the same move number (asked while new weights were on their way, it may come
  // from the old ones, even of another image size).
  const nowPaints = useRef(0);
  const asked = useRef(new WeakMap<DecodeRequest, number>());
  queue.current ??= new LatestOnly<DecodeRequest, Float32Array>(
    (req) => client.decode(req.z, 1, model),
    (pixels, req) => {
      if (asked.current.get(req) === nowPaints.current) paint(pixels, req);
    },
    (_err, req) => now.current.onRefused?.(req),
  );
  const show = (req: DecodeRequest) => {
    const pixels = client.decodeNow(req.z, model);
    if (pixels) {
      queue.current?.cancelPending();
      nowPaints.current++;
      paint(pixels, req);
    } else {
      asked.current.set(req, nowPaints.current);
      queue.current?.request(req);
    }
  };
  const showNow = useRef(show);
  showNow.current = show;

  // While an image is in focus, only the user's own moves of the point replace it (its views follow on their own).
  useEffect(
    () =>
      point.subscribe((z, t0, seq) => {
        if (shownFocus.current && t0 === null) return;
        shownFocus.current = null;
        showNow.current({ z: z.slice(), t0, seq });
      }),
    [point],
  );
  const redraw = useRef(() => {});
  redraw.current = () => {
    if (weightsStep < 0) return;
    const f = shownFocus.current;
    if (f) showNow.current({ z: f, t0: null, seq: point.latestSeq, focus: f });
    else showNow.current({ z: point.value.slice(), t0: null, seq: point.latestSeq });
  };
  useEffect(() => {
    shownFocus.current = focus;
    redraw.current();
  }, [point, focus]);
  useEffect(() => redraw.current(), [weightsStep, theme]);
  // Weights of the same step redraw too: the training worker's copy of a first paint's model.
  useTopic('weights', () => redraw.current());

  return canvas;
}
