// The generated WASM kernels against a float64 JS reference, on a memory of their own: every
// packing route (contiguous, transposing, generic, edge panels), K blocking, padded tiles,
// with and without FMA, and split across helper threads.

import { Worker } from 'node:worker_threads';
import v8 from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { Gemm, type HeapAllocator } from './gemm';
import { gemmModuleBytes, relaxedSimdSupported } from './gemmModule';
import { GemmThreadPool } from './gemmThreads';

// Node 20 keeps relaxed SIMD behind a flag; Chrome has it on. Turn it on so both paths are tested.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

/** A bump allocator over a memory of our own; nothing is ever reused, so stale scratch cannot alias. */
function arena(memory: WebAssembly.Memory): HeapAllocator {
  let top = 1024;
  return {
    malloc(bytes) {
      const at = top;
      top = Math.ceil((top + bytes + 64) / 64) * 64;
      const need = Math.ceil(top / 65536) - memory.buffer.byteLength / 65536;
      if (need > 0) memory.grow(need);
      return at;
    },
    free() {},
  };
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

interface Case {
  m: number;
  n: number;
  k: number;
  transposeA: boolean;
  transposeB: boolean;
  /** Share of A's values set to zero (a sparse A takes the spmm route). */
  zeroShare?: number;
}

/** Fills A and B, runs the kernel and returns the largest error relative to max |C|. */
function check(gemm: Gemm, memory: WebAssembly.Memory, alloc: HeapAllocator, c: Case, seed: number): number {
  const { m, n, k, transposeA, transposeB } = c;
  const a = alloc.malloc(m * k * 4);
  const b = alloc.malloc(k * n * 4);
  const out = alloc.malloc(m * n * 4 + 8);
  const rand = seeded(seed);
  const zeros = seeded(seed + 7);
  const A = new Float32Array(memory.buffer, a, m * k).map(() => (zeros() + 0.5 < (c.zeroShare ?? 0) ? 0 : rand()));
  const B = new Float32Array(memory.buffer, b, k * n).map(rand);
  new Float32Array(memory.buffer, a, m * k).set(A);
  new Float32Array(memory.buffer, b, k * n).set(B);
  // A sentinel after C catches writes past the end.
  new Float32Array(memory.buffer, out, m * n + 2).fill(12345);
  gemm.run({ a, b, c: out, m, n, k, transposeA, transposeB });
  const C = new Float32Array(memory.buffer, out, m * n + 2);
  expect(C[m * n]).toBe(12345);
  let maxErr = 0;
  let maxRef = 1e-30;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (transposeA ? A[p * m + i] : A[i * k + p]) * (transposeB ? B[j * k + p] : B[p * n + j]);
      maxErr = Math.max(maxErr, Math.abs(C[i * n + j] - s));
      maxRef = Math.max(maxRef, Math.abs(s));
    }
  }
  return maxErr / maxRef;
}

const SIZES: Array<[number, number, number]> = [
  [1, 1, 1],
  [3, 5, 7],
  [37, 29, 53],
  [8, 8, 8],
  [4, 8, 130],
  [13, 17, 203],
  [128, 2, 256],
  [2, 256, 128],
  [64, 64, 600],
  [128, 40, 9],
  // Enough rows for A to run in several row blocks (the last one ragged, m not a multiple of mr).
  [2051, 13, 70],
];
const COMBOS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

describe('Gemm (own memory)', () => {
  for (const fma of [false, true]) {
    it(`matches a float64 reference for odd sizes, all transposes, K blocks (fma ${fma})`, () => {
      if (fma) expect(relaxedSimdSupported()).toBe(true);
      const memory = new WebAssembly.Memory({ initial: 16 });
      const alloc = arena(memory);
      // kcMax 64 forces several K blocks, accumulated in C, for the larger k.
      const gemm = Gemm.create(memory, alloc, { fma, kcMax: 64 });
      let seed = 1;
      for (const [m, n, k] of SIZES) {
        for (const [transposeA, transposeB] of COMBOS) {
          const err = check(gemm, memory, alloc, { m, n, k, transposeA, transposeB }, seed++);
          expect(err, `${m}×${k}·${k}×${n} tA=${transposeA} tB=${transposeB}`).toBeLessThan(1e-5);
        }
      }
    });
  }

  it('gives exact zeros for k = 0 and leaves empty outputs alone', () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const alloc = arena(memory);
    const gemm = Gemm.create(memory, alloc);
    const c = alloc.malloc(12 * 4);
    new Float32Array(memory.buffer, c, 12).fill(7);
    gemm.run({ a: 0, b: 0, c, m: 3, n: 4, k: 0, transposeA: false, transposeB: false });
    expect(Array.from(new Float32Array(memory.buffer, c, 12))).toEqual(new Array(12).fill(0));
    gemm.run({ a: 0, b: 0, c, m: 0, n: 4, k: 5, transposeA: false, transposeB: false });
  });

  // It is compiled synchronously (new WebAssembly.Module) in the training worker and the helper
  // threads, where Chrome allows any size; a page's main thread allows 4 kB, so a bigger module
  // there would fall back to the stock kernel (contextFor catches it). Kept small all the same.
  it('stays under 8 kB', () => {
    for (const fma of [false, true]) {
      expect(gemmModuleBytes({ mr: 4, nr: 8, unroll: 1, fma }, { minPages: 1, shared: true }).length).toBeLessThan(8192);
    }
  });

  it('emits a module the engine validates, for other micro-kernel shapes too', () => {
    for (const shape of [
      { mr: 4, nr: 8, unroll: 1, fma: false },
      { mr: 6, nr: 8, unroll: 2, fma: false },
      { mr: 3, nr: 4, unroll: 3, fma: false },
    ]) {
      expect(WebAssembly.validate(gemmModuleBytes(shape, { minPages: 1, shared: false }))).toBe(true);
      expect(WebAssembly.validate(gemmModuleBytes(shape, { minPages: 1, shared: true }))).toBe(true);
    }
    expect(() => gemmModuleBytes({ mr: 4, nr: 6, unroll: 1, fma: false }, { minPages: 1, shared: false })).toThrow();
  });

  it('other micro-kernel shapes compute the same products', () => {
    const memory = new WebAssembly.Memory({ initial: 16 });
    const alloc = arena(memory);
    for (const shape of [
      { mr: 6, nr: 8, unroll: 2, fma: false },
      { mr: 3, nr: 4, unroll: 3, fma: false },
      { mr: 2, nr: 16, unroll: 1, fma: true },
    ]) {
      const gemm = Gemm.create(memory, alloc, { shape, kcMax: 50 });
      for (const [transposeA, transposeB] of COMBOS) {
        expect(check(gemm, memory, alloc, { m: 37, n: 29, k: 113, transposeA, transposeB }, 9)).toBeLessThan(1e-5);
      }
    }
  });
});

describe('Gemm with a sparse A (spmm)', () => {
  // n = 45: a 32-column block, three 4-column blocks and one single column.
  const CASES: Array<[number, number, number]> = [
    [37, 45, 203],
    [130, 64, 100],
    [5, 4, 3],
    [128, 512, 96],
  ];
  for (const fma of [false, true]) {
    it(`takes the sparse route for a mostly-zero A and matches the reference (fma ${fma})`, () => {
      const memory = new WebAssembly.Memory({ initial: 16 });
      const alloc = arena(memory);
      const gemm = Gemm.create(memory, alloc, { fma });
      let seed = 40;
      for (const [m, n, k] of CASES) {
        for (const transposeA of [false, true]) {
          const before = gemm.sparseRuns;
          expect(check(gemm, memory, alloc, { m, n, k, transposeA, transposeB: false, zeroShare: 0.85 }, seed++)).toBeLessThan(1e-5);
          expect(gemm.sparseRuns).toBe(before + 1);
        }
      }
    });
  }

  it('keeps the packed route for a dense A, a transposed B or an A without nonzeros', () => {
    const memory = new WebAssembly.Memory({ initial: 16 });
    const alloc = arena(memory);
    const gemm = Gemm.create(memory, alloc, {});
    expect(check(gemm, memory, alloc, { m: 37, n: 45, k: 203, transposeA: false, transposeB: false, zeroShare: 0.2 }, 3)).toBeLessThan(1e-5);
    expect(check(gemm, memory, alloc, { m: 37, n: 45, k: 203, transposeA: false, transposeB: true, zeroShare: 0.9 }, 4)).toBeLessThan(1e-5);
    expect(gemm.sparseRuns).toBe(0);
    // All zeros: the sparse route writes zeros (C is overwritten, never accumulated into).
    const a = alloc.malloc(16 * 20 * 4);
    const b = alloc.malloc(20 * 8 * 4);
    const out = alloc.malloc(16 * 8 * 4);
    new Float32Array(memory.buffer, b, 20 * 8).fill(1);
    new Float32Array(memory.buffer, out, 16 * 8).fill(7);
    gemm.run({ a, b, c: out, m: 16, n: 8, k: 20, transposeA: false, transposeB: false });
    expect(gemm.sparseRuns).toBe(1);
    expect(Array.from(new Float32Array(memory.buffer, out, 16 * 8)).every((v) => v === 0)).toBe(true);
  });
});

// 1 to 4 helpers: more threads than this machine's cores (2 here) must still give exact
// products, only slower; the work table hands each thread whatever rows it gets to.
describe.each([1, 2, 3, 4])('Gemm with %i helper thread(s) (shared memory, worker_threads)', (helpers) => {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 1024, shared: true });
  const alloc = arena(memory);
  const gemm = Gemm.create(memory, alloc, { fma: true });
  const pool = GemmThreadPool.start(memory, gemm.bytes, gemm.names, helpers, (source) => new Worker(source, { eval: true }));
  afterAll(() => pool.dispose());

  it('splits big products by rows or by columns and still matches the reference', async () => {
    expect(await pool.ready()).toBe(true);
    expect(pool.helpers).toBe(helpers);
    gemm.attachPool(pool);
    let seed = 100;
    // Columns split (n panels ≥ m panels), rows split, and a padded edge in each.
    for (const [m, n, k] of [
      [128, 512, 160],
      [784, 128, 96],
      [130, 515, 77],
    ]) {
      for (const [transposeA, transposeB] of COMBOS) {
        expect(check(gemm, memory, alloc, { m, n, k, transposeA, transposeB }, seed++)).toBeLessThan(1e-5);
      }
    }
    expect(pool.healthy).toBe(true);
    // This thread took rows, and so did the helpers.
    expect(pool.counts.ownRows).toBeGreaterThan(0);
    expect(pool.counts.ownRows).toBeLessThan(pool.counts.rows);
  });

  it('shares sparse products too', () => {
    const before = gemm.sparseRuns;
    for (const transposeA of [false, true]) {
      expect(check(gemm, memory, alloc, { m: 256, n: 512, k: 300, transposeA, transposeB: false, zeroShare: 0.8 }, 77)).toBeLessThan(1e-5);
    }
    expect(gemm.sparseRuns).toBe(before + 2);
  });
});

describe('GemmThreadPool', () => {
  it('finishes a job on the calling thread when no helper ever picks it up', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    // Helpers that never run: the job must not wait for them.
    const pool = GemmThreadPool.start(memory, new Uint8Array(8), ['f'], 2, () => ({ postMessage() {}, terminate() {} }));
    const ran: number[] = [];
    pool.runRows([[['f', [1]]], [['f', [2]]], [['f', [3]]]], ([, args]) => ran.push(args[0]));
    expect(ran).toEqual([1, 2, 3]);
    expect(pool.counts).toEqual({ ownRows: 3, rows: 3 });
    pool.dispose();
  });
});
