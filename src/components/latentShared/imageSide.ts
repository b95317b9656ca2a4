// The side of the images the current model takes: 28 for MNIST, Fashion and the user's own,
// 32 for Shapes (params.ts INPUT_SIDES); canvases and image arrays follow it.
import { INPUT_SIDES } from '../../model/params';
import { useClientState } from '../usePlayground';

/** The side of a square image of `inputDim` pixels. */
export function sideOfInput(inputDim: number): number {
  return INPUT_SIDES.get(inputDim) ?? Math.round(Math.sqrt(inputDim));
}

/** The shown model's image side, re-rendering when it changes. */
export function useImageSide(): number {
  return sideOfInput(useClientState().config.model.inputDim);
}

/**
 * A square image resampled to another side (bilinear, pixel centres aligned): the 28×28 drawing
 * pad's ink for a model of Shapes' 32×32 images. The same array when the sides agree.
 */
export function resizeSquare(pixels: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return pixels;
  const out = new Float32Array(to * to);
  const scale = from / to;
  for (let r = 0; r < to; r++) {
    const y = Math.min(from - 1, Math.max(0, (r + 0.5) * scale - 0.5));
    const y0 = Math.floor(y);
    const y1 = Math.min(from - 1, y0 + 1);
    const fy = y - y0;
    for (let c = 0; c < to; c++) {
      const x = Math.min(from - 1, Math.max(0, (c + 0.5) * scale - 0.5));
      const x0 = Math.floor(x);
      const x1 = Math.min(from - 1, x0 + 1);
      const fx = x - x0;
      const top = pixels[y0 * from + x0] * (1 - fx) + pixels[y0 * from + x1] * fx;
      const bottom = pixels[y1 * from + x0] * (1 - fx) + pixels[y1 * from + x1] * fx;
      out[r * to + c] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}
