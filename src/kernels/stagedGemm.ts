// Multi-threaded products for a heap that cannot be shared (TF.js's single-threaded WASM
// build): copy the operands into a private shared memory, let the thread pool compute there,
// copy the result back. The copies are O(mk + kn + mn) against the O(mnk) product.

import { Gemm } from './gemm';
import type { GemmArgs } from './gemmCalls';
import { GemmThreadPool, type SpawnWorker } from './gemmThreads';

const F32 = 4;
const PAGE = 65536;
/** Upper bound of the staging memory; products that need more run unstaged. */
const MAX_PAGES = 8192;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

export class StagedGemm {
  readonly pool: GemmThreadPool;
  private readonly memory: WebAssembly.Memory;
  private readonly gemm: Gemm;

  private constructor(memory: WebAssembly.Memory, gemm: Gemm, pool: GemmThreadPool) {
    this.memory = memory;
    this.gemm = gemm;
    this.pool = pool;
  }

  /** `threads` counts this thread too: threads − 1 helpers are spawned. */
  static start(threads: number, spawn: SpawnWorker, fma: boolean): StagedGemm {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: MAX_PAGES, shared: true });
    const gemm = Gemm.create(memory, null, { fma });
    const pool = GemmThreadPool.start(memory, gemm.bytes, gemm.names, threads - 1, spawn);
    gemm.attachPool(pool);
    return new StagedGemm(memory, gemm, pool);
  }

  /**
   * C = op(A)·op(B) with a, b, c addresses on `heap`. Returns false (doing nothing) when the
   * product does not fit the staging memory.
   */
  run(heap: WebAssembly.Memory, g: GemmArgs): boolean {
    const aLen = g.m * g.k;
    const bLen = g.k * g.n;
    const cLen = g.m * g.n;
    const scratch = 64;
    const aAt = align16(scratch + this.gemm.scratchBytes(g.m, g.n, g.k));
    const bAt = align16(aAt + aLen * F32);
    const cAt = align16(bAt + bLen * F32);
    const end = cAt + cLen * F32;
    const pages = Math.ceil(end / PAGE);
    if (pages > MAX_PAGES) return false;
    const have = this.memory.buffer.byteLength / PAGE;
    if (pages > have) this.memory.grow(pages - have);

    const src = new Float32Array(heap.buffer);
    const stage = new Float32Array(this.memory.buffer);
    stage.set(src.subarray(g.a / F32, g.a / F32 + aLen), aAt / F32);
    stage.set(src.subarray(g.b / F32, g.b / F32 + bLen), bAt / F32);
    this.gemm.run({ ...g, a: aAt, b: bAt, c: cAt }, scratch);
    src.set(stage.subarray(cAt / F32, cAt / F32 + cLen), g.c / F32);
    return true;
  }

  dispose(): void {
    this.gemm.attachPool(null);
    this.pool.dispose();
  }
}
