// Grayscale images onto canvases with putImageData; CSS scales them up pixelated. Images are
// side × side: 28 for MNIST-sized data (the default), 32 for Shapes (imageSide.ts).
import { grayToRgba, type Theme } from '../palette';

export const IMAGE_SIDE = 28;
export const IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE;

// One ImageData reused for every paint: painting happens on every drag frame.
let scratch: ImageData | null = null;

/** Paints the image at `offset` of `values` ([0,1] floats) into a side × side canvas. */
export function paintImage(canvas: HTMLCanvasElement, values: ArrayLike<number>, offset: number, theme: Theme, side = IMAGE_SIDE): void {
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  if (scratch?.width !== side) scratch = new ImageData(side, side);
  grayToRgba(values, offset, side * side, scratch.data, theme);
  ctx.putImageData(scratch, 0, 0);
}

/** One test image's uint8 pixels as [0,1] floats. */
export function imageFromBytes(pixels: Uint8Array, index: number, size = IMAGE_SIZE): Float32Array {
  const out = new Float32Array(size);
  const base = index * size;
  for (let i = 0; i < size; i++) out[i] = pixels[base + i] / 255;
  return out;
}

/**
 * Tiles n×n images (row-major, row 0 at the top) into one (n·28)² canvas, for the manifold
 * grid: one putImageData for the whole sheet.
 */
export function paintSheet(canvas: HTMLCanvasElement, images: Float32Array, n: number, theme: Theme, tile = IMAGE_SIDE): void {
  const side = n * tile;
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const sheet = new ImageData(side, side);
  const row = new Uint8ClampedArray(tile * 4);
  for (let k = 0; k < n * n; k++) {
    const tileX = (k % n) * tile;
    const tileY = Math.floor(k / n) * tile;
    for (let r = 0; r < tile; r++) {
      grayToRgba(images, k * tile * tile + r * tile, tile, row, theme);
      sheet.data.set(row, ((tileY + r) * side + tileX) * 4);
    }
  }
  ctx.putImageData(sheet, 0, 0);
}

/** A PNG data URL of one side × side image, for an SVG <image> (the drawn digit's reconstruction). */
export function imageDataUrl(values: ArrayLike<number>, offset: number, theme: Theme, side = IMAGE_SIDE): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  paintImage(canvas, values, offset, theme, side);
  return canvas.toDataURL('image/png');
}

/** `count` images from `first` on, side by side in one (count·side)×side canvas (a traversal row). */
export function paintRow(canvas: HTMLCanvasElement, images: Float32Array, first: number, count: number, theme: Theme, side = IMAGE_SIDE): void {
  const width = count * side;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const strip = new ImageData(width, side);
  const row = new Uint8ClampedArray(side * 4);
  for (let k = 0; k < count; k++) {
    for (let r = 0; r < side; r++) {
      grayToRgba(images, (first + k) * side * side + r * side, side, row, theme);
      strip.data.set(row, (r * width + k * side) * 4);
    }
  }
  ctx.putImageData(strip, 0, 0);
}
