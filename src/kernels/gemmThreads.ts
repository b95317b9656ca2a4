// Helper threads for the GEMM: each runs gemmWorkerSource against the same shared
// WebAssembly.Memory. A product's work comes as a table of rows (see gemmWorkerSource); the
// caller's thread claims rows too, and then waits for the rows the helpers took (spinning where
// the thread may not block, i.e. a browser page's main thread). A helper that is slow to wake,
// or held back by the OS, just takes fewer rows: nobody waits for work it has not begun.

import type { KernelCall, MacroKernelPool } from './gemmCalls';
import { ARGS_PER_CALL, CALLS_PER_ROW, CLAIM, FINISHED, GEMM_WORKER_SOURCE, JOB, MAX_HELPERS, MAX_ROWS, READY, ROW_INTS, ROWS, TABLE, TAG_MASK } from './gemmWorkerSource';

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

/** A helper that has not finished its row within this long is treated as lost. */
const JOIN_TIMEOUT_MS = 10_000;
const SPIN_BEFORE_SLEEP = 2_000;

export class GemmThreadPool implements MacroKernelPool {
  readonly helpers: number;
  private readonly ctl: Int32Array;
  private readonly workers: WorkerLike[];
  private readonly fnIndex: Map<string, number>;
  private job = 0;
  private canBlock: boolean | null = null;
  private broken = false;
  /** Rows this thread ran and rows in all, since the pool started (how the work was shared). */
  readonly counts = { ownRows: 0, rows: 0 };

  private constructor(ctl: Int32Array, workers: WorkerLike[], names: readonly string[]) {
    this.ctl = ctl;
    this.workers = workers;
    this.helpers = workers.length;
    this.fnIndex = new Map(names.map((n, i) => [n, i]));
  }

  /**
   * Spawns `helpers` threads that compile `bytes` against `memory` (which must be shared).
   * `names`: the module's exports rows may call, by position.
   */
  static start(memory: WebAssembly.Memory, bytes: Uint8Array<ArrayBuffer>, names: readonly string[], helpers: number, spawn: SpawnWorker): GemmThreadPool {
    if (helpers > MAX_HELPERS) throw new Error(`at most ${MAX_HELPERS} helper threads`);
    const control = new SharedArrayBuffer((TABLE + MAX_ROWS * ROW_INTS) * 4);
    const workers: WorkerLike[] = [];
    try {
      for (let slot = 0; slot < helpers; slot++) {
        const w = spawn(GEMM_WORKER_SOURCE);
        workers.push(w);
        w.postMessage({ bytes, memory, control, slot, names: [...names] });
      }
    } catch (err) {
      for (const w of workers) void w.terminate();
      throw err;
    }
    return new GemmThreadPool(new Int32Array(control), workers, names);
  }

  /** Resolves true once every helper has compiled the module, false after `timeoutMs`. */
  async ready(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const allReady = () => this.workers.every((_, i) => Atomics.load(this.ctl, READY + i) === 1);
    while (!allReady()) {
      if (Date.now() > deadline || this.broken) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  }

  get healthy(): boolean {
    return !this.broken;
  }

  /**
   * Runs every row (a row: calls made in order) on this thread and the helpers; returns when
   * all are done. `run(call)` makes one call on this thread.
   */
  runRows(rows: readonly (readonly KernelCall[])[], run: (call: KernelCall) => void): void {
    const n = rows.length;
    if (n === 0) return;
    if (n > MAX_ROWS) throw new Error(`a job has at most ${MAX_ROWS} rows, got ${n}`);
    if (this.broken) throw new Error('fast matMul: the helper threads are gone');
    const ctl = this.ctl;
    rows.forEach((calls, r) => {
      if (calls.length > CALLS_PER_ROW) throw new Error(`a row makes at most ${CALLS_PER_ROW} calls`);
      let at = TABLE + r * ROW_INTS;
      ctl[at++] = calls.length;
      for (const [name, args] of calls) {
        const fn = this.fnIndex.get(name);
        if (fn === undefined || args.length > ARGS_PER_CALL) throw new Error(`a row cannot call ${name} with ${args.length} arguments`);
        ctl[at] = fn;
        ctl[at + 1] = args.length;
        for (let i = 0; i < args.length; i++) ctl[at + 2 + i] = args[i] | 0;
        at += 2 + ARGS_PER_CALL;
      }
    });
    this.job = (this.job % 0x3fffffff) + 1;
    const tag = this.job & TAG_MASK;
    Atomics.store(ctl, ROWS, n);
    Atomics.store(ctl, FINISHED, 0);
    Atomics.store(ctl, CLAIM, tag << 16);
    Atomics.store(ctl, JOB, this.job);
    Atomics.notify(ctl, JOB);

    for (;;) {
      const v = Atomics.load(ctl, CLAIM);
      const row = v & 0xffff;
      if (row >= n) break;
      if (Atomics.compareExchange(ctl, CLAIM, v, v + 1) !== v) continue;
      for (const call of rows[row]) run(call);
      this.counts.ownRows++;
      Atomics.add(ctl, FINISHED, 1);
    }
    this.counts.rows += n;
    this.waitFinished(n);
  }

  /** Waits for the rows helpers claimed; a row in flight for JOIN_TIMEOUT_MS breaks the pool. */
  private waitFinished(n: number): void {
    const ctl = this.ctl;
    for (let spins = 0; spins < SPIN_BEFORE_SLEEP; spins++) if (Atomics.load(ctl, FINISHED) === n) return;
    const deadline = performance.now() + JOIN_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(ctl, FINISHED);
      if (done === n) return;
      if (performance.now() > deadline) {
        this.broken = true;
        throw new Error('fast matMul: a helper thread stopped answering');
      }
      if (this.blockingAllowed()) Atomics.wait(ctl, FINISHED, done, 50);
    }
  }

  /** Atomics.wait throws on a browser page's main thread; there the wait spins instead. */
  private blockingAllowed(): boolean {
    if (this.canBlock === null) {
      try {
        Atomics.wait(this.ctl, JOB, -1, 0);
        this.canBlock = true;
      } catch {
        this.canBlock = false;
      }
    }
    return this.canBlock;
  }

  dispose(): void {
    Atomics.store(this.ctl, JOB, -1);
    Atomics.notify(this.ctl, JOB);
    for (const w of this.workers) void w.terminate();
  }
}
