// Latent traversals: one row per dimension j, z_j stepping from −3 to 3 while every other
// coordinate stays at a base code. Rows are ordered by how much the test codes use each
// dimension (Var μ_j, largest first), so the active ones come first.

export const TRAVERSAL_MIN = -3;
export const TRAVERSAL_MAX = 3;
export const TRAVERSAL_STEPS = 9;

export function traversalValues(steps = TRAVERSAL_STEPS, lo = TRAVERSAL_MIN, hi = TRAVERSAL_MAX): number[] {
  return Array.from({ length: steps }, (_, i) => lo + ((hi - lo) * i) / (steps - 1));
}

/** Dimensions by variance, largest first; ties and a missing variance keep index order. */
export function traversalOrder(dim: number, variances: ArrayLike<number> | null): number[] {
  const order = Array.from({ length: dim }, (_, j) => j);
  if (!variances || variances.length !== dim) return order;
  return order.sort((a, b) => variances[b] - variances[a] || a - b);
}

/** rows × values codes (row-major, each `base.length` long): row r varies dimension order[r]. */
export function traversalLatents(base: ArrayLike<number>, order: readonly number[], values: readonly number[]): Float32Array {
  const d = base.length;
  const out = new Float32Array(order.length * values.length * d);
  order.forEach((j, r) => {
    values.forEach((v, c) => {
      const at = (r * values.length + c) * d;
      for (let k = 0; k < d; k++) out[at + k] = base[k];
      out[at + j] = v;
    });
  });
  return out;
}
