const SCALE = new Float32Array(256).map((_, v) => v / 255);

/**
 * uint8 rows → float32 in [0, 1] (value / 255). `indices` picks rows of `dim` values (a batch);
 * null converts every row in order.
 */
export function toFloat32(pixels: Uint8Array, indices: ArrayLike<number> | null, dim: number): Float32Array {
  if (!Number.isSafeInteger(dim) || dim <= 0) throw new RangeError(`toFloat32: dim must be a positive integer, got ${dim}`);
  if (pixels.length % dim !== 0) throw new RangeError(`toFloat32: ${pixels.length} values are not rows of ${dim}`);
  if (indices === null) {
    const out = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) out[i] = SCALE[pixels[i]];
    return out;
  }
  const rows = pixels.length / dim;
  const out = new Float32Array(indices.length * dim);
  for (let r = 0; r < indices.length; r++) {
    const row = indices[r];
    if (!Number.isInteger(row) || row < 0 || row >= rows) throw new RangeError(`toFloat32: index ${row} is outside 0…${rows - 1}`);
    const from = row * dim;
    const to = r * dim;
    for (let k = 0; k < dim; k++) out[to + k] = SCALE[pixels[from + k]];
  }
  return out;
}
