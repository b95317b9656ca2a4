// The parity tests' measure: the largest absolute difference over the largest reference value.

/** max |x − ref| ÷ max |ref| (lengths must match). */
export function relativeError(x: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (x.length !== ref.length) throw new Error(`relativeError: ${x.length} values against ${ref.length}`);
  let err = 0;
  let scale = 1e-30;
  for (let i = 0; i < ref.length; i++) {
    err = Math.max(err, Math.abs(x[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return err / scale;
}
