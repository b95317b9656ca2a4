// From the shapes and transpose flags of a BatchMatMul to the sizes the fast kernel needs, or
// null when the stock kernel should run instead (shape mismatch, unusual broadcasting).

export interface MatMulPlan {
  /** op(A) is m×k, op(B) is k×n, per batch entry. */
  m: number;
  n: number;
  k: number;
  batch: number;
  /** Elements between consecutive batch entries of A and B: 0 when one entry is broadcast. */
  aBatchStride: number;
  bBatchStride: number;
  outShape: number[];
}

const product = (dims: number[]): number => dims.reduce((p, d) => p * d, 1);

/** NumPy broadcasting of the batch dimensions; null when they are incompatible. */
function broadcastShape(a: number[], b: number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(da === 1 ? db : da);
  }
  return out;
}

export function planMatMul(aShape: readonly number[], bShape: readonly number[], transposeA: boolean, transposeB: boolean): MatMulPlan | null {
  const ra = aShape.length;
  const rb = bShape.length;
  if (ra < 2 || rb < 2) return null;
  const m = transposeA ? aShape[ra - 1] : aShape[ra - 2];
  const k = transposeA ? aShape[ra - 2] : aShape[ra - 1];
  const kb = transposeB ? bShape[rb - 1] : bShape[rb - 2];
  const n = transposeB ? bShape[rb - 2] : bShape[rb - 1];
  if (k !== kb) return null;
  const aOuter = aShape.slice(0, -2);
  const bOuter = bShape.slice(0, -2);
  const outOuter = broadcastShape(aOuter, bOuter);
  if (outOuter === null) return null;
  const batch = product(outOuter);
  const aBatch = product(aOuter);
  const bBatch = product(bOuter);
  // Only "same batch" or "one side broadcast whole" map to a constant stride per entry.
  if ((aBatch !== batch && aBatch !== 1) || (bBatch !== batch && bBatch !== 1)) return null;
  return {
    m,
    n,
    k,
    batch,
    aBatchStride: aBatch === 1 ? 0 : m * k,
    bBatchStride: bBatch === 1 ? 0 : k * n,
    outShape: [...outOuter, m, n],
  };
}

/**
 * Whether the packed kernel should take this product. The stock kernel wins on small products
 * (fixed costs) and on untransposed ones with a tiny inner or output dimension (the 256→2 heads,
 * 2→256 decoder input: our 8-wide tiles would be mostly padding); it loses badly on every
 * transposed one, so those always come here. minMacs 0 sends everything here (tests).
 */
export function fastPathWorthIt(plan: MatMulPlan, transposeA: boolean, transposeB: boolean, minMacs: number): boolean {
  if (minMacs === 0) return true;
  if (plan.m * plan.n * plan.k < minMacs) return false;
  return transposeA || transposeB || Math.min(plan.n, plan.k) >= 8;
}
