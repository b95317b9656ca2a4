// From any picture to a 28 × 28 grayscale image that looks like an MNIST digit: bright ink on
// a black background. The browser draws the picture scaled to fit (aspect ratio kept,
// centred, letterboxed); these pure steps turn those RGBA pixels into gray levels:
//
//  1. luminance Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's "L" mode that made
//     the MNIST-style datasets), with transparent pixels taken as white paper;
//  2. the background is the median of the picture's outermost ring of pixels;
//  3. a light background (> 0.5) means dark ink on paper: the image is inverted, so ink is
//     bright as in MNIST;
//  4. levels: the background goes to 0 and the rest is rescaled, v' = (v − bg) / (1 − bg),
//     so the Bernoulli likelihood sees a black background rather than a gray one;
//  5. the letterbox around a non-square picture is background, 0.

import { IMAGE_SIZE } from './types';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a width × height picture lands when fitted into size × size, centred. */
export function fitRect(width: number, height: number, size = IMAGE_SIZE): Rect {
  const scale = size / Math.max(width, height);
  const w = Math.min(size, Math.max(1, Math.round(width * scale)));
  const h = Math.min(size, Math.max(1, Math.round(height * scale)));
  return { x: Math.floor((size - w) / 2), y: Math.floor((size - h) / 2), width: w, height: h };
}

export interface Gray {
  /** size × size values 0 … 255. */
  pixels: Uint8Array;
  inverted: boolean;
  /** Nothing but background: no pixel stands out by more than a few levels. */
  blank: boolean;
}

/** Values below this (of 255) after levelling count as background when judging "blank". */
const BLANK_LEVEL = 12;

/** RGBA (size × size × 4, the fitted picture inside `rect`) to gray levels, as described above. */
export function toGray(rgba: Uint8ClampedArray | Uint8Array, rect: Rect, size = IMAGE_SIZE): Gray {
  if (rgba.length !== size * size * 4) throw new RangeError(`toGray: expected ${size * size * 4} RGBA values, got ${rgba.length}`);
  const y = new Float32Array(size * size);
  for (let i = 0; i < size * size; i++) {
    const a = rgba[4 * i + 3] / 255;
    const lum = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
    y[i] = a * lum + (1 - a);
  }
  let bg = median(borderRing(y, rect, size));
  const inverted = bg > 0.5;
  if (inverted) bg = 1 - bg;
  const span = 1 - bg;
  const pixels = new Uint8Array(size * size);
  let max = 0;
  for (let row = rect.y; row < rect.y + rect.height; row++) {
    for (let col = rect.x; col < rect.x + rect.width; col++) {
      const i = row * size + col;
      const v = inverted ? 1 - y[i] : y[i];
      const level = span > 1e-6 ? Math.min(1, Math.max(0, (v - bg) / span)) : 0;
      pixels[i] = Math.round(level * 255);
      if (pixels[i] > max) max = pixels[i];
    }
  }
  return { pixels, inverted, blank: max < BLANK_LEVEL };
}

/** The values on the edge of `rect`: top and bottom rows, left and right columns. */
export function borderRing(values: Float32Array, rect: Rect, size: number): number[] {
  const out: number[] = [];
  const { x, y, width, height } = rect;
  for (let col = x; col < x + width; col++) {
    out.push(values[y * size + col]);
    if (height > 1) out.push(values[(y + height - 1) * size + col]);
  }
  for (let row = y + 1; row < y + height - 1; row++) {
    out.push(values[row * size + x]);
    if (width > 1) out.push(values[row * size + x + width - 1]);
  }
  return out;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
