// Grayscale images onto 28×28 canvases with putImageData; CSS scales them up pixelated.
import { grayToRgba, type Theme } from '../palette';

export const IMAGE_SIDE = 28;
export const IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE;

// One ImageData reused for every paint: painting happens on every drag frame.
let scratch: ImageData | null = null;

/** Paints the image at `offset` of `values` ([0,1] floats) into a 28×28 canvas. */
export function paintImage(canvas: HTMLCanvasElement, values: ArrayLike<number>, offset: number, theme: Theme): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  scratch ??= new ImageData(IMAGE_SIDE, IMAGE_SIDE);
  grayToRgba(values, offset, IMAGE_SIZE, scratch.data, theme);
  ctx.putImageData(scratch, 0, 0);
}

/** One test image's uint8 pixels as [0,1] floats. */
export function imageFromBytes(pixels: Uint8Array, index: number): Float32Array {
  const out = new Float32Array(IMAGE_SIZE);
  const base = index * IMAGE_SIZE;
  for (let i = 0; i < IMAGE_SIZE; i++) out[i] = pixels[base + i] / 255;
  return out;
}

/**
 * Tiles n×n images (row-major, row 0 at the top) into one (n·28)² canvas, for the manifold
 * grid: one putImageData for the whole sheet.
 */
export function paintSheet(canvas: HTMLCanvasElement, images: Float32Array, n: number, theme: Theme): void {
  const side = n * IMAGE_SIDE;
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const sheet = new ImageData(side, side);
  const row = new Uint8ClampedArray(IMAGE_SIDE * 4);
  for (let k = 0; k < n * n; k++) {
    const tileX = (k % n) * IMAGE_SIDE;
    const tileY = Math.floor(k / n) * IMAGE_SIDE;
    for (let r = 0; r < IMAGE_SIDE; r++) {
      grayToRgba(images, k * IMAGE_SIZE + r * IMAGE_SIDE, IMAGE_SIDE, row, theme);
      sheet.data.set(row, ((tileY + r) * side + tileX) * 4);
    }
  }
  ctx.putImageData(sheet, 0, 0);
}

/** A PNG data URL of one 28×28 image, for an SVG <image> (the drawn digit's reconstruction). */
export function imageDataUrl(values: ArrayLike<number>, offset: number, theme: Theme): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = IMAGE_SIDE;
  canvas.height = IMAGE_SIDE;
  paintImage(canvas, values, offset, theme);
  return canvas.toDataURL('image/png');
}

/** `count` images from `first` on, side by side in one (count·28)×28 canvas (a traversal row). */
export function paintRow(canvas: HTMLCanvasElement, images: Float32Array, first: number, count: number, theme: Theme): void {
  const width = count * IMAGE_SIDE;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== IMAGE_SIDE) canvas.height = IMAGE_SIDE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const strip = new ImageData(width, IMAGE_SIDE);
  const row = new Uint8ClampedArray(IMAGE_SIDE * 4);
  for (let k = 0; k < count; k++) {
    for (let r = 0; r < IMAGE_SIDE; r++) {
      grayToRgba(images, (first + k) * IMAGE_SIZE + r * IMAGE_SIDE, IMAGE_SIDE, row, theme);
      strip.data.set(row, (r * width + k * IMAGE_SIDE) * 4);
    }
  }
  ctx.putImageData(strip, 0, 0);
}
