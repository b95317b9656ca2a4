// C = op(A)·op(B) on row-major f32 matrices living in one WebAssembly memory: plans the
// K blocks, packs each operand into panels (choosing the fastest packing routine for its
// layout) and runs the micro-kernel over them, or a sparse product when op(A) is mostly zeros.
// Which calls make a product is gemmCalls.ts; this runs them. No TF.js here: tensors are byte
// addresses.

import { A_BLOCK_BYTES, align16, F32, gemmLayout, operands, packCalls, shares, sharedBlockCalls, sparseBytes, type GemmArgs, type KernelCall, type MacroKernelPool } from './gemmCalls';
import { DEFAULT_GEMM_SHAPE, gemmModuleBytes, type GemmShapeConfig } from './gemmModule';

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
    const { shape, bytes } = Gemm.moduleFor(memory, options);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return new Gemm(instance.exports as unknown as GemmExports, bytes, memory, alloc, shape, options.kcMax ?? 512);
  }

  /** As create, compiling asynchronously: a page's main thread may not compile a module of this size synchronously. */
  static async createAsync(memory: WebAssembly.Memory, alloc: HeapAllocator | null, options: GemmOptions = {}): Promise<Gemm> {
    const { shape, bytes } = Gemm.moduleFor(memory, options);
    const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
    return new Gemm(instance.exports as unknown as GemmExports, bytes, memory, alloc, shape, options.kcMax ?? 512);
  }

  private static moduleFor(memory: WebAssembly.Memory, options: GemmOptions): { shape: GemmShapeConfig; bytes: Uint8Array<ArrayBuffer> } {
    const shape = { ...(options.shape ?? DEFAULT_GEMM_SHAPE), ...(options.fma === undefined ? {} : { fma: options.fma }) };
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    return { shape, bytes: gemmModuleBytes(shape, { minPages: 1, shared }) };
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
    return Math.max(gemmLayout(this.shape, this.kcMax, m, n, k).total, sparseBytes(m, Math.floor(SPARSE_MAX_DENSITY * m * k)));
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
    const { kcFull, mPanels, nPanels, padded, apBytes, bpBytes, total } = gemmLayout(this.shape, this.kcMax, m, n, k);
    const ap = scratch ?? this.reserve(total);
    const bp = ap + apBytes;
    const cOut = padded ? bp + bpBytes : g.c;
    const ldc = (padded ? nPanels * nr : n) * F32;

    const { opA, opB } = operands(g);

    for (let k0 = 0; k0 < k; k0 += kcFull) {
      const kc = Math.min(kcFull, k - k0);
      const acc = k0 === 0 ? 0 : 1;
      const pool = this.poolFor(mPanels * mr * nPanels * nr * kc);
      if (pool === null) {
        for (const call of packCalls(opB, k0, kc, nr, bp)) this.call(call);
        // A in blocks of rows that stay in L2 while every column panel of B passes over them:
        // the convolutions' products have tens of thousands of rows and a short K, and
        // streaming all of A from memory once per column panel halved their speed.
        // (An A of up to two blocks, e.g. the MLP's 128 rows, stays whole: measured no faster split.)
        const whole = mPanels * mr * kc * F32 <= 2 * A_BLOCK_BYTES;
        const step = whole ? mPanels : Math.max(1, Math.floor(A_BLOCK_BYTES / (mr * kc * F32)));
        for (let p0 = 0; p0 < mPanels; p0 += step) {
          const panels = Math.min(step, mPanels - p0);
          const rows = { ...opA, base: opA.base + p0 * mr * opA.rowStride, rows: Math.min(panels * mr, m - p0 * mr) };
          for (const call of packCalls(rows, k0, kc, mr, ap)) this.call(call);
          this.exports.gemm(ap, bp, cOut + p0 * mr * ldc, panels, nPanels, kc, ldc, acc);
        }
      } else {
        const block = sharedBlockCalls(this.shape, pool, { opA, opB, k0, kc, ap, bp, c: cOut, mPanels, nPanels, ldc, acc });
        for (const call of block.first) this.call(call);
        pool.runRows(block.rows, (call) => this.call(call));
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

  /** The pool, when a product of `macs` multiply-adds is worth sharing with it; else null. */
  private poolFor(macs: number): MacroKernelPool | null {
    const pool = this.pool;
    return pool !== null && pool.helpers > 0 && macs >= PARALLEL_MIN_MACS ? pool : null;
  }

  private call([name, args]: KernelCall): void {
    this.exports[name](...args);
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
