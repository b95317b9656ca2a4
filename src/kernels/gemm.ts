// C = op(A)·op(B) on row-major f32 matrices living in one WebAssembly memory: plans the
// K blocks, packs each operand into panels (choosing the fastest packing routine for its
// layout) and runs the micro-kernel over them. No TF.js here: tensors are byte addresses.

import { DEFAULT_GEMM_SHAPE, gemmModuleBytes, type GemmShapeConfig } from './gemmModule';

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

/** Allocates and frees bytes in the memory the kernels address (e.g. the TF.js heap's malloc). */
export interface HeapAllocator {
  malloc(bytes: number): number;
  free(ptr: number): void;
}

type Fn = (...args: number[]) => void;

interface GemmExports {
  gemm: Fn;
  [name: string]: Fn;
}

export interface GemmOptions {
  /** Micro-kernel shape; DEFAULT_GEMM_SHAPE unless measuring alternatives. */
  shape?: GemmShapeConfig;
  /** Relaxed-SIMD FMA in the micro-kernel (only where the engine validates it). */
  fma?: boolean;
  /** Longest K block: bounds the packed panels so a B micro-panel stays in L1. */
  kcMax?: number;
}

const F32 = 4;

/** One operand seen as `rows` rows of length k: element (row, kk) at base + row·rowStride + kk·kStride. */
interface Operand {
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

/** Below this many multiply-adds per K block, waking a helper costs more than it saves. */
const PARALLEL_MIN_MACS = 1 << 20;
/**
 * When at most this share of op(A) is nonzero, C = A·B runs as a sparse product (spmm): MNIST
 * images are ≈ 19 % ink, so the first layer's forward product and weight gradient skip four
 * fifths of their work. Above it the packed product is faster (scripts/bench-kernels.ts).
 */
export const SPARSE_MAX_DENSITY = 0.3;
/** Values of op(A) sampled to guess its density before building the sparse form. */
const DENSITY_SAMPLES = 509;
/** Rows per thread in a job: enough for a thread held back by the OS to fall behind gracefully. */
const ROWS_PER_THREAD = 4;

export class Gemm {
  readonly shape: GemmShapeConfig;
  /** The compiled module's bytes, for helper threads that instantiate it on the same memory. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The module's functions by name, which a helper's rows may call. */
  readonly names: readonly string[];
  private readonly exports: GemmExports;
  private readonly memory: WebAssembly.Memory;
  private readonly alloc: HeapAllocator | null;
  private readonly kcMax: number;
  private pool: MacroKernelPool | null = null;
  /** Products that ran as sparse A·B (for tests and benchmarks). */
  sparseRuns = 0;
  private scratch = 0;
  private scratchSize = 0;

  private constructor(
    exports: GemmExports,
    bytes: Uint8Array<ArrayBuffer>,
    memory: WebAssembly.Memory,
    alloc: HeapAllocator | null,
    shape: GemmShapeConfig,
    kcMax: number,
  ) {
    this.exports = exports;
    this.bytes = bytes;
    this.names = Object.keys(exports).filter((name) => typeof exports[name] === 'function');
    this.memory = memory;
    this.alloc = alloc;
    this.shape = shape;
    this.kcMax = kcMax;
  }

  /**
   * Compiles the kernels against `memory` (synchronously: the module is a few kB). Without an
   * allocator every run() must be given its scratch (see scratchBytes).
   */
  static create(memory: WebAssembly.Memory, alloc: HeapAllocator | null, options: GemmOptions = {}): Gemm {
    const shape = { ...(options.shape ?? DEFAULT_GEMM_SHAPE), ...(options.fma === undefined ? {} : { fma: options.fma }) };
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const bytes = gemmModuleBytes(shape, { minPages: 1, shared });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return new Gemm(instance.exports as unknown as GemmExports, bytes, memory, alloc, shape, options.kcMax ?? 512);
  }

  /** Lets helper threads take parts of each product (the memory must be shared with them). */
  attachPool(pool: MacroKernelPool | null): void {
    this.pool = pool;
  }

  /** Returns the scratch to the allocator; the object must not be used afterwards. */
  dispose(): void {
    if (this.scratch !== 0 && this.alloc !== null) this.alloc.free(this.scratch);
    this.scratch = 0;
    this.scratchSize = 0;
  }

  /** Bytes of scratch run() needs for an m×k · k×n product (16-byte aligned start assumed). */
  scratchBytes(m: number, n: number, k: number): number {
    return Math.max(this.layout(m, n, k).total, sparseBytes(m, Math.floor(SPARSE_MAX_DENSITY * m * k)));
  }

  private layout(m: number, n: number, k: number) {
    const { mr, nr } = this.shape;
    const blocks = Math.max(1, Math.ceil(k / this.kcMax));
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

  /** C = op(A)·op(B). `scratch`: a 16-byte aligned address with scratchBytes() free bytes. */
  run(g: GemmArgs, scratch?: number): void {
    const { mr, nr } = this.shape;
    const { m, n, k } = g;
    if (m === 0 || n === 0) return;
    if (k === 0) {
      new Float32Array(this.memory.buffer, g.c, m * n).fill(0);
      return;
    }
    if (this.runSparse(g, scratch)) return;
    const { kcFull, mPanels, nPanels, padded, apBytes, bpBytes, total } = this.layout(m, n, k);
    const ap = scratch ?? this.reserve(total);
    const bp = ap + apBytes;
    const cOut = padded ? bp + bpBytes : g.c;
    const ldc = (padded ? nPanels * nr : n) * F32;

    const opA: Operand = g.transposeA
      ? { base: g.a, rows: m, rowStride: F32, kStride: m * F32 }
      : { base: g.a, rows: m, rowStride: k * F32, kStride: F32 };
    const opB: Operand = g.transposeB
      ? { base: g.b, rows: n, rowStride: k * F32, kStride: F32 }
      : { base: g.b, rows: n, rowStride: F32, kStride: n * F32 };

    for (let k0 = 0; k0 < k; k0 += kcFull) {
      const kc = Math.min(kcFull, k - k0);
      const acc = k0 === 0 ? 0 : 1;
      const pool = this.poolFor(mPanels * mr * nPanels * nr * kc);
      if (pool === null) {
        for (const call of [...this.packCalls(opA, k0, kc, mr, ap), ...this.packCalls(opB, k0, kc, nr, bp)]) this.call(call);
        this.exports.gemm(ap, bp, cOut, mPanels, nPanels, kc, ldc, acc);
      } else {
        this.shared(pool, opA, opB, k0, kc, ap, bp, cOut, mPanels, nPanels, ldc, acc);
      }
    }
    if (padded) this.unpad(cOut, ldc / F32, g.c, m, n);
  }

  /**
   * C = A·B with A in sparse form, when op(B) is B itself (rows of n contiguous values) and op(A)
   * is mostly zeros; false (having done nothing) otherwise. Builds the form in two passes over A,
   * counting each row's nonzeros, then placing (B row offset, value) pairs, and hands row ranges
   * to the helpers like the packed product.
   */
  private runSparse(g: GemmArgs, scratch: number | undefined): boolean {
    const { m, n, k } = g;
    if (g.transposeB || n < 4) return false;
    const size = m * k;
    const heap = new Float32Array(this.memory.buffer);
    const a0 = g.a / F32;
    const stride = Math.max(1, Math.floor(size / DENSITY_SAMPLES));
    let sampled = 0;
    let nonzero = 0;
    for (let i = 0; i < size; i += stride, sampled++) if (heap[a0 + i] !== 0) nonzero++;
    if (nonzero > SPARSE_MAX_DENSITY * sampled) return false;

    // Scratch: row starts (m + 1), each row's next free pair (m), the pairs.
    const at = scratch ?? this.reserve(sparseBytes(m, Math.floor(SPARSE_MAX_DENSITY * size)));
    const rowPtr = at;
    const cursor = rowPtr + (m + 1) * F32;
    const pairs = align16(cursor + m * F32);
    // Stored row i is op(A) row i, or (transposed) op(A) column i.
    const outer = g.transposeA ? k : m;
    const inner = g.transposeA ? m : k;
    const shape = g.transposeA ? 'Cols' : 'Rows';
    const rowBytes = n * F32;
    const ints = new Int32Array(this.memory.buffer);
    ints.fill(0, rowPtr / F32, cursor / F32);
    this.exports[`csrCount${shape}`](g.a, outer, inner, rowPtr + F32, 0, 0);
    for (let r = 1; r <= m; r++) ints[rowPtr / F32 + r] += ints[rowPtr / F32 + r - 1];
    const nnz = ints[rowPtr / F32 + m];
    if (nnz > SPARSE_MAX_DENSITY * size) return false;
    ints.copyWithin(cursor / F32, rowPtr / F32, rowPtr / F32 + m);
    this.exports[`csrPlace${shape}`](g.a, outer, inner, cursor, pairs, rowBytes);
    const pool = this.poolFor(nnz * n);
    const ldc = n * F32;
    if (pool === null) {
      this.exports.spmm(rowPtr, pairs, m, g.b, g.c, ldc, rowBytes);
    } else {
      const rows = shares(m, pool).map(([r0, count]): KernelCall[] => [['spmm', [rowPtr + r0 * F32, pairs, count, g.b, g.c + r0 * ldc, ldc, rowBytes]]]);
      pool.runRows(rows, (call) => this.call(call));
    }
    this.sparseRuns++;
    return true;
  }

  /**
   * One K block shared with the helpers. The operand with more panels is split: its slices are
   * the rows of the job, each packing its own panels and then multiplying them against the other
   * operand, which this thread packs whole first. Slices write disjoint tiles of C.
   */
  private shared(
    pool: MacroKernelPool,
    opA: Operand,
    opB: Operand,
    k0: number,
    kc: number,
    ap: number,
    bp: number,
    c: number,
    mPanels: number,
    nPanels: number,
    ldc: number,
    acc: number,
  ): void {
    const { mr, nr } = this.shape;
    const byColumns = nPanels >= mPanels;
    for (const call of byColumns ? this.packCalls(opA, k0, kc, mr, ap) : this.packCalls(opB, k0, kc, nr, bp)) this.call(call);
    const panels = byColumns ? nPanels : mPanels;
    const w = byColumns ? nr : mr;
    const op = byColumns ? opB : opA;
    const rows = shares(panels, pool).map(([p0, count]): KernelCall[] => {
      const slice: Operand = { ...op, base: op.base + p0 * w * op.rowStride, rows: Math.min(op.rows - p0 * w, count * w) };
      const dst = (byColumns ? bp : ap) + p0 * w * kc * F32;
      const product: KernelCall = byColumns
        ? ['gemm', [ap, dst, c + p0 * nr * F32, mPanels, count, kc, ldc, acc]]
        : ['gemm', [dst, bp, c + p0 * mr * ldc, count, nPanels, kc, ldc, acc]];
      return [...this.packCalls(slice, k0, kc, w, dst), product];
    });
    pool.runRows(rows, (call) => this.call(call));
  }

  /** The pool, when a product of `macs` multiply-adds is worth sharing with it; else null. */
  private poolFor(macs: number): MacroKernelPool | null {
    const pool = this.pool;
    return pool !== null && pool.helpers > 0 && macs >= PARALLEL_MIN_MACS ? pool : null;
  }

  private call([name, args]: KernelCall): void {
    this.exports[name](...args);
  }

  /** The calls that pack rows × kc values starting at column k0 into panels of w rows: dst[p][kk][r]. */
  private packCalls(op: Operand, k0: number, kc: number, w: number, dst: number): KernelCall[] {
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

  /** Copies the m×n corner of the padded result (row length ldc floats) to the output. */
  private unpad(from: number, ldc: number, to: number, m: number, n: number): void {
    const heap = new Float32Array(this.memory.buffer);
    const src = from / F32;
    const dst = to / F32;
    for (let i = 0; i < m; i++) heap.copyWithin(dst + i * n, src + i * ldc, src + i * ldc + n);
  }

  private reserve(bytes: number): number {
    const alloc = this.alloc;
    if (alloc === null) throw new Error('gemm: run() needs a scratch address when created without an allocator');
    if (bytes > this.scratchSize) {
      if (this.scratch !== 0) alloc.free(this.scratch);
      // Grow by half again so a sequence of slightly larger products does not reallocate each time.
      const size = Math.max(bytes, Math.ceil(this.scratchSize * 1.5));
      this.scratch = alloc.malloc(size + 16) >>> 0;
      if (this.scratch === 0) throw new Error(`gemm: could not allocate ${size} bytes of scratch`);
      this.scratchSize = size;
    }
    // 16-byte alignment for the f32x4 panels.
    return this.scratch + ((16 - (this.scratch % 16)) % 16);
  }
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** [start, count] ranges splitting `total` items (panels or rows) into ROWS_PER_THREAD per thread. */
function shares(total: number, pool: MacroKernelPool): Array<[number, number]> {
  const step = Math.max(1, Math.ceil(total / ((pool.helpers + 1) * ROWS_PER_THREAD)));
  const out: Array<[number, number]> = [];
  for (let start = 0; start < total; start += step) out.push([start, Math.min(step, total - start)]);
  return out;
}

/** Scratch of a sparse A (m rows, up to nnz nonzeros): row starts, row cursors, 8-byte pairs. */
function sparseBytes(m: number, nnz: number): number {
  return align16((2 * m + 1) * F32) + nnz * 8 + 16;
}
