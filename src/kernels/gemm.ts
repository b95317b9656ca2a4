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

/** Helper threads that run parts of the macro-kernel on the same memory (gemmThreads.ts). */
export interface MacroKernelPool {
  readonly helpers: number;
  /** Starts gemm(...args) on helper `index`; returns at once. */
  submit(index: number, args: readonly number[]): void;
  /** Returns when every submitted part has finished. */
  join(): void;
}

/** Below this many multiply-adds per K block, waking a helper costs more than it saves. */
const PARALLEL_MIN_MACS = 1 << 20;

export class Gemm {
  readonly shape: GemmShapeConfig;
  /** The compiled module's bytes, for helper threads that instantiate it on the same memory. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  private readonly exports: GemmExports;
  private readonly memory: WebAssembly.Memory;
  private readonly alloc: HeapAllocator | null;
  private readonly kcMax: number;
  private pool: MacroKernelPool | null = null;
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
    return this.layout(m, n, k).total;
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
      this.pack(opA, k0, kc, mr, ap);
      this.pack(opB, k0, kc, nr, bp);
      this.macro(ap, bp, cOut, mPanels, nPanels, kc, ldc, k0 === 0 ? 0 : 1);
    }
    if (padded) this.unpad(cOut, ldc / F32, g.c, m, n);
  }

  /** The macro-kernel over all tiles, split by whole panels between this thread and the helpers. */
  private macro(ap: number, bp: number, c: number, mPanels: number, nPanels: number, kc: number, ldc: number, acc: number): void {
    const { mr, nr } = this.shape;
    const pool = this.pool;
    const parts = pool === null ? 1 : Math.min(pool.helpers + 1, Math.max(mPanels, nPanels));
    if (pool === null || parts < 2 || mPanels * mr * nPanels * nr * kc < PARALLEL_MIN_MACS) {
      this.exports.gemm(ap, bp, c, mPanels, nPanels, kc, ldc, acc);
      return;
    }
    const byColumns = nPanels >= mPanels;
    const panels = byColumns ? nPanels : mPanels;
    const range = (t: number) => [Math.floor((panels * t) / parts), Math.floor((panels * (t + 1)) / parts)];
    const part = (t: number): number[] => {
      const [p0, p1] = range(t);
      return byColumns
        ? [ap, bp + p0 * kc * nr * F32, c + p0 * nr * F32, mPanels, p1 - p0, kc, ldc, acc]
        : [ap + p0 * kc * mr * F32, bp, c + p0 * mr * ldc, p1 - p0, nPanels, kc, ldc, acc];
    };
    // Helpers take the later parts; this thread does the first, then waits for the rest.
    for (let t = 1; t < parts; t++) pool.submit(t - 1, part(t));
    this.exports.gemm(...part(0));
    pool.join();
  }

  /** Packs rows × kc values starting at column k0 into panels of w rows: dst[p][kk][r]. */
  private pack(op: Operand, k0: number, kc: number, w: number, dst: number): void {
    const src = op.base + k0 * op.kStride;
    const full = Math.floor(op.rows / w);
    const rest = op.rows - full * w;
    const e = this.exports;
    if (full > 0) {
      if (op.rowStride === F32 && (w % 4 === 0 || w % 4 === 2)) e[`packRows${w}`](src, op.kStride, dst, full, kc);
      else if (op.kStride === F32 && w % 4 === 0) e[`packCols${w}`](src, op.rowStride, dst, full, kc);
      else e[`pack${w}`](src, op.rowStride, op.kStride, dst, full * w, full, kc);
    }
    if (rest > 0) {
      e[`pack${w}`](src + full * w * op.rowStride, op.rowStride, op.kStride, dst + full * w * kc * F32, rest, 1, kc);
    }
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
