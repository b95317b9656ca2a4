// The reader's drawing through the encoder: encoded live while drawing (newest stroke wins),
// and again when new weights arrive, so its marker on the map follows training.
import { useCallback, useEffect, useRef, useState } from 'react';
import { usePlaygroundClient } from '../usePlayground';
import { LatestOnly } from '../latentShared/latestOnly';
import { imageDataUrl } from '../latentShared/paintImage';
import { resizeSquare, useImageSide } from '../latentShared/imageSide';
import { SIDE as PAD_SIDE } from './drawing';
import { useTheme } from '../latentShared/useTheme';

export interface DrawnCode {
  pixels: Float32Array;
  mu: Float32Array;
  logvar: Float32Array | null;
  recon: Float32Array;
  /** Its reconstruction as a small image URL, for the map. */
  thumbnail: string | null;
}

type Encoded = { mu: Float32Array; logvar: Float32Array | null; recon: Float32Array };

/** onEncoded runs for encodings caused by a stroke (not by new weights). */
export function useDrawnCode(weightsStep: number, onEncoded: (code: DrawnCode) => void) {
  const client = usePlaygroundClient();
  const theme = useTheme();
  // The pad is 28×28; a Shapes model takes 32×32, so the drawing is resampled for it.
  const side = useImageSide();
  const sideNow = useRef(side);
  sideNow.current = side;
  const themeNow = useRef(theme);
  themeNow.current = theme;
  const [drawn, setDrawn] = useState<DrawnCode | null>(null);
  const pixels = useRef<Float32Array | null>(null);
  const callback = useRef(onEncoded);
  callback.current = onEncoded;

  const queue = useRef<LatestOnly<{ pixels: Float32Array; stroke: boolean }, Encoded> | null>(null);
  queue.current ??= new LatestOnly<{ pixels: Float32Array; stroke: boolean }, Encoded>(
    (req) => client.encode(resizeSquare(req.pixels, PAD_SIDE, sideNow.current), 1),
    (res, req) => {
      // Cleared meanwhile, or an older drawing: not shown.
      if (pixels.current !== req.pixels) return;
      const code = { pixels: req.pixels, ...res, thumbnail: imageDataUrl(res.recon, 0, themeNow.current, Math.round(Math.sqrt(res.recon.length))) };
      setDrawn(code);
      if (req.stroke) callback.current(code);
    },
    () => {},
  );

  const setPixels = useCallback((next: Float32Array | null) => {
    pixels.current = next;
    if (!next) {
      queue.current?.cancelPending();
      setDrawn(null);
      return;
    }
    queue.current?.request({ pixels: next, stroke: true });
  }, []);

  useEffect(() => {
    const p = pixels.current;
    if (p && weightsStep >= 0) queue.current?.request({ pixels: p, stroke: false });
  }, [weightsStep, theme, side]);

  return { drawn, setPixels };
}
