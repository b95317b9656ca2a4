// Helper threads for the macro-kernel: each runs gemmWorkerSource against the same shared
// WebAssembly.Memory, takes a job through a shared Int32Array and signals with Atomics. The
// caller's thread always does a share of the work itself and then waits (spinning where the
// thread may not block, i.e. a browser page's main thread).

import type { MacroKernelPool } from './gemm';
import { ARGS, DONE, GEMM_WORKER_SOURCE, READY, SEQ, SLOT_INTS } from './gemmWorkerSource';

/** What both a DOM Worker and Node's worker_threads Worker offer. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/** Starts a worker running `source` (Node: `(s) => new Worker(s, { eval: true })`). */
export type SpawnWorker = (source: string) => WorkerLike;

/** Blob-URL workers where the DOM Worker exists (page or worker); null elsewhere (Node). */
export function browserSpawner(): SpawnWorker | null {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL === 'undefined' || typeof URL.createObjectURL !== 'function') {
    return null;
  }
  return (source) => new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
}

/** Why shared WebAssembly memory cannot be used here, or null when it can. */
export function sharedMemoryProblem(): string | null {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') {
    return 'SharedArrayBuffer is unavailable (a page must be cross-origin isolated: COOP same-origin + COEP require-corp)';
  }
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return null;
  } catch (err) {
    return `shared WebAssembly memory is unavailable: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** A helper that has not answered within this long is treated as lost. */
const JOIN_TIMEOUT_MS = 10_000;
const SPIN_BEFORE_SLEEP = 2_000;

export class GemmThreadPool implements MacroKernelPool {
  readonly helpers: number;
  private readonly ctl: Int32Array;
  private readonly workers: WorkerLike[];
  private readonly seq: number[];
  private readonly pending: boolean[];
  private canBlock: boolean | null = null;
  private broken = false;

  private constructor(ctl: Int32Array, workers: WorkerLike[]) {
    this.ctl = ctl;
    this.workers = workers;
    this.helpers = workers.length;
    this.seq = workers.map(() => 0);
    this.pending = workers.map(() => false);
  }

  /** Spawns `helpers` threads that compile `bytes` against `memory` (which must be shared). */
  static start(memory: WebAssembly.Memory, bytes: Uint8Array<ArrayBuffer>, helpers: number, spawn: SpawnWorker): GemmThreadPool {
    const control = new SharedArrayBuffer(Math.max(1, helpers) * SLOT_INTS * 4);
    const workers: WorkerLike[] = [];
    try {
      for (let slot = 0; slot < helpers; slot++) {
        const w = spawn(GEMM_WORKER_SOURCE);
        workers.push(w);
        w.postMessage({ bytes, memory, control, slot });
      }
    } catch (err) {
      for (const w of workers) void w.terminate();
      throw err;
    }
    return new GemmThreadPool(new Int32Array(control), workers);
  }

  /** Resolves true once every helper has compiled the module, false after `timeoutMs`. */
  async ready(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const allReady = () => this.workers.every((_, i) => Atomics.load(this.ctl, i * SLOT_INTS + READY) === 1);
    while (!allReady()) {
      if (Date.now() > deadline || this.broken) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }

  get healthy(): boolean {
    return !this.broken;
  }

  submit(index: number, args: readonly number[]): void {
    const base = index * SLOT_INTS;
    for (let i = 0; i < 8; i++) this.ctl[base + ARGS + i] = args[i] | 0;
    const seq = (this.seq[index] = (this.seq[index] + 1) & 0x3fffffff || 1);
    this.pending[index] = true;
    Atomics.store(this.ctl, base + SEQ, seq);
    Atomics.notify(this.ctl, base + SEQ);
  }

  join(): void {
    for (let i = 0; i < this.helpers; i++) {
      if (!this.pending[i]) continue;
      this.waitFor(i);
      this.pending[i] = false;
    }
  }

  private waitFor(index: number): void {
    const at = index * SLOT_INTS + DONE;
    const want = this.seq[index];
    for (let spins = 0; spins < SPIN_BEFORE_SLEEP; spins++) if (Atomics.load(this.ctl, at) === want) return;
    const deadline = performance.now() + JOIN_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(this.ctl, at);
      if (done === want) return;
      if (performance.now() > deadline) {
        this.broken = true;
        throw new Error('fast matMul: a helper thread stopped answering');
      }
      if (this.blockingAllowed()) Atomics.wait(this.ctl, at, done, 50);
    }
  }

  /** Atomics.wait throws on a browser page's main thread; there the join spins instead. */
  private blockingAllowed(): boolean {
    if (this.canBlock === null) {
      try {
        Atomics.wait(this.ctl, DONE, -1, 0);
        this.canBlock = true;
      } catch {
        this.canBlock = false;
      }
    }
    return this.canBlock;
  }

  dispose(): void {
    for (let i = 0; i < this.helpers; i++) {
      Atomics.store(this.ctl, i * SLOT_INTS + SEQ, -1);
      Atomics.notify(this.ctl, i * SLOT_INTS + SEQ);
    }
    for (const w of this.workers) void w.terminate();
  }
}
