// Which kernel calls make one product C = op(A)·op(B): the scratch layout of the packed panels,
// the packing routine that suits each operand's layout, and how a K block's work splits into
// rows of calls for the helper threads. Pure: byte addresses and sizes in, call lists out;
// gemm.ts runs them.

import type { GemmShapeConfig } from './gemmModule';
import { MAX_ROWS } from './gemmWorkerSource';

/** Bytes per float32. */
export const F32 = 4;
export const align16 = (n: number) => Math.ceil(n / 16) * 16;
/** Packed A per block of rows (gemm.ts's single-thread product, the helpers' slices); 64–256 KiB measured alike. */
export const A_BLOCK_BYTES = 128 * 1024;
/** Rows per thread in a job: enough for a thread held back by the OS to fall behind gracefully. */
const ROWS_PER_THREAD = 4;

/** Byte addresses in the shared memory and the logical sizes: op(A) is m×k, op(B) is k×n. */
export interface GemmArgs {
  a: number;
  b: number;
  c: number;
  m: number;
  n: number;
  k: number;
  transposeA: boolean;
  transposeB: boolean;
}

/** One operand seen as `rows` rows of length k: element (row, kk) at base + row·rowStride + kk·kStride. */
export interface Operand {
  base: number;
  rows: number;
  rowStride: number;
  kStride: number;
}

/** One call into the kernel module: an export's name and its i32 arguments. */
export type KernelCall = readonly [name: string, args: readonly number[]];

/** Helper threads that share a product's work (gemmThreads.ts). */
export interface MacroKernelPool {
  readonly helpers: number;
  /**
   * Runs every row (its calls in order) on this thread and the helpers, rows in any order and
   * on any thread; returns when all are done. `run` makes one call on this thread.
   */
  runRows(rows: readonly (readonly KernelCall[])[], run: (call: KernelCall) => void): void;
}

/** op(A) as m rows and op(B) as n rows, each of length k. */
export function operands(g: GemmArgs): { opA: Operand; opB: Operand } {
  const { m, n, k } = g;
  return {
    opA: g.transposeA ? { base: g.a, rows: m, rowStride: F32, kStride: m * F32 } : { base: g.a, rows: m, rowStride: k * F32, kStride: F32 },
    opB: g.transposeB ? { base: g.b, rows: n, rowStride: k * F32, kStride: F32 } : { base: g.b, rows: n, rowStride: F32, kStride: n * F32 },
  };
}

/** The K blocks, the panel counts and the scratch bytes of the packed panels (and a padded C). */
export function gemmLayout(shape: Pick<GemmShapeConfig, 'mr' | 'nr'>, kcMax: number, m: number, n: number, k: number) {
  const { mr, nr } = shape;
  const blocks = Math.max(1, Math.ceil(k / kcMax));
  const kcFull = Math.max(1, Math.ceil(k / blocks));
  const mPanels = Math.ceil(m / mr);
  const nPanels = Math.ceil(n / nr);
  // A padded C only when the tiles overhang the real matrix.
  const padded = m % mr !== 0 || n % nr !== 0;
  const apBytes = mPanels * mr * kcFull * F32;
  const bpBytes = nPanels * nr * kcFull * F32;
  const cpBytes = padded ? mPanels * mr * nPanels * nr * F32 : 0;
  return { kcFull, mPanels, nPanels, padded, apBytes, bpBytes, total: apBytes + bpBytes + cpBytes };
}

/** The calls that pack rows × kc values starting at column k0 into panels of w rows: dst[p][kk][r]. */
export function packCalls(op: Operand, k0: number, kc: number, w: number, dst: number): KernelCall[] {
  const src = op.base + k0 * op.kStride;
  const full = Math.floor(op.rows / w);
  const rest = op.rows - full * w;
  const calls: KernelCall[] = [];
  if (full > 0) {
    if (op.rowStride === F32 && (w % 4 === 0 || w % 4 === 2)) calls.push([`packRows${w}`, [src, op.kStride, dst, full, kc]]);
    else if (op.kStride === F32 && w % 4 === 0) calls.push([`packCols${w}`, [src, op.rowStride, dst, full, kc]]);
    else calls.push([`pack${w}`, [src, op.rowStride, op.kStride, dst, full * w, full, kc]]);
  }
  if (rest > 0) {
    calls.push([`pack${w}`, [src + full * w * op.rowStride, op.rowStride, op.kStride, dst + full * w * kc * F32, rest, 1, kc]]);
  }
  return calls;
}

/**
 * [start, count] ranges splitting `total` items (panels or rows) into ROWS_PER_THREAD per thread,
 * or more where that keeps each at most `most` items (within MAX_ROWS ranges in all).
 */
export function shares(total: number, pool: Pick<MacroKernelPool, 'helpers'>, most = Infinity): Array<[number, number]> {
  const even = Math.ceil(total / ((pool.helpers + 1) * ROWS_PER_THREAD));
  const step = Math.max(1, Math.ceil(total / MAX_ROWS), Math.min(even, most));
  const out: Array<[number, number]> = [];
  for (let start = 0; start < total; start += step) out.push([start, Math.min(step, total - start)]);
  return out;
}

/** One K block of a packed product: where its operands, panels and output lie. */
export interface KBlock {
  opA: Operand;
  opB: Operand;
  k0: number;
  kc: number;
  ap: number;
  bp: number;
  c: number;
  mPanels: number;
  nPanels: number;
  ldc: number;
  acc: number;
}

/**
 * One K block shared with the helpers. The operand with more panels is split: its slices are
 * the rows of the job, each packing its own panels and then multiplying them against the other
 * operand, which this thread packs whole first (`first`). Slices write disjoint tiles of C.
 */
export function sharedBlockCalls(
  shape: Pick<GemmShapeConfig, 'mr' | 'nr'>,
  pool: Pick<MacroKernelPool, 'helpers'>,
  b: KBlock,
): { first: KernelCall[]; rows: KernelCall[][] } {
  const { mr, nr } = shape;
  const { opA, opB, k0, kc, ap, bp, c, mPanels, nPanels, ldc, acc } = b;
  const byColumns = nPanels >= mPanels;
  const first = byColumns ? packCalls(opA, k0, kc, mr, ap) : packCalls(opB, k0, kc, nr, bp);
  const panels = byColumns ? nPanels : mPanels;
  const w = byColumns ? nr : mr;
  const op = byColumns ? opB : opA;
  // Slices of A no bigger than a block that stays in L2 (as the single-thread product's, gemm.ts).
  const most = byColumns ? Infinity : Math.max(1, Math.floor(A_BLOCK_BYTES / (mr * kc * F32)));
  const rows = shares(panels, pool, most).map(([p0, count]): KernelCall[] => {
    const slice: Operand = { ...op, base: op.base + p0 * w * op.rowStride, rows: Math.min(op.rows - p0 * w, count * w) };
    const dst = (byColumns ? bp : ap) + p0 * w * kc * F32;
    const product: KernelCall = byColumns
      ? ['gemm', [ap, dst, c + p0 * nr * F32, mPanels, count, kc, ldc, acc]]
      : ['gemm', [dst, bp, c + p0 * mr * ldc, count, nPanels, kc, ldc, acc]];
    return [...packCalls(slice, k0, kc, w, dst), product];
  });
  return { first, rows };
}

/** Scratch of a sparse A (m rows, up to nnz nonzeros): row starts, row cursors, 8-byte pairs. */
export function sparseBytes(m: number, nnz: number): number {
  return align16((2 * m + 1) * F32) + nnz * 8 + 16;
}
