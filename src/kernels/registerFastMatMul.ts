// Swaps TF.js's 'BatchMatMul' kernel on the 'wasm' backend for the packed f32x4 kernel in
// gemm.ts. The model keeps calling tf.matMul; its gradients (transposed products) land here too.
// Anything the fast path does not cover (other dtypes, odd broadcasting, tiny products where
// the stock kernel is as fast) goes to the stock kernel, kept for unregisterFastMatMul().

import type * as tfc from '@tensorflow/tfjs-core';
import { Gemm } from './gemm';
import type { GemmArgs } from './gemmCalls';
import { DEFAULT_GEMM_SHAPE, gemmModuleBytes, relaxedSimdSupported } from './gemmModule';
import { browserSpawner, sharedMemoryProblem, type SpawnWorker } from './gemmThreads';
import { MAX_HELPERS } from './gemmWorkerSource';
import { fastPathWorthIt, planMatMul } from './matMulPlan';
import { StagedGemm } from './stagedGemm';
import { wasmHeapOf, type WasmHeap } from './wasmBackendAccess';

type Tf = typeof tfc;
type KernelConfig = tfc.KernelConfig;
type TensorInfo = tfc.TensorInfo;

export interface FastMatMulOptions {
  /** Use relaxed-SIMD FMA when the engine supports it (default true). */
  fma?: boolean;
  /**
   * Threads per product, this one included (default 1). More than 1 needs shared memory (a
   * cross-origin isolated page, or Node) and a way to start workers; otherwise it stays at 1.
   */
  threads?: number;
  /** Starts a helper worker from source text; defaults to Blob-URL workers where `Worker` exists. */
  spawnWorker?: SpawnWorker;
  /** Products with fewer multiply-adds go to the stock kernel (default MIN_FAST_MACS; 0 in tests). */
  minMacs?: number;
}

export interface FastMatMulRegistration {
  /** Kernel names now served by the fast path (empty when nothing was registered). */
  registered: string[];
  /** Why nothing was registered. */
  reason?: string;
  /** Whether the micro-kernel uses fused multiply-add. */
  fma: boolean;
  /** Threads in use right now (1 until the helpers have started). */
  threads: number;
  /** Resolves to the thread count once helpers are up (or have failed to start: then 1). */
  threadsReady: Promise<number>;
  /** Why fewer threads than asked for are used. */
  threadsReason?: string;
}

export interface FastMatMulStats {
  /** Products computed by the fast kernel… */
  fast: number;
  /** …of which split across threads. */
  threaded: number;
  /** Products handed to the stock kernel. */
  stock: number;
}

const KERNEL = 'BatchMatMul';
const BACKEND = 'wasm';

/** Below this many multiply-adds the stock kernel's lower fixed cost wins (bench-kernels.ts). */
export const MIN_FAST_MACS = 16 * 1024;
/** Below this many multiply-adds copying to and from the threads' memory costs more than it saves. */
export const MIN_STAGED_MACS = 1 << 21;
/** Threads a product may use, this one included (the helper pool's limit plus the caller). */
export const MAX_THREADS = MAX_HELPERS + 1;

/** What a change of thread count gave: the count in use, and why it is fewer than asked for. */
export interface ThreadsResult {
  threads: number;
  reason?: string;
}

interface Active {
  tf: Tf;
  stock: KernelConfig;
  fma: boolean;
  contexts: WeakMap<object, { heap: WasmHeap; gemm: Gemm } | string>;
  gemms: Gemm[];
  /** Set once the helper threads are up; cleared if one of them fails. */
  staged: StagedGemm | null;
  /** Threads products use now: 1, or the pool's size once it is up. */
  threads: number;
  /** How helpers are started (null: they cannot be here). */
  spawn: SpawnWorker | null;
  /** Bumped by every change of thread count: a pool that comes up after a newer request is dropped. */
  generation: number;
  minMacs: number;
  stats: FastMatMulStats;
}

let active: Active | null = null;

function contextFor(state: Active, backend: object): { heap: WasmHeap; gemm: Gemm } | string {
  const known = state.contexts.get(backend);
  if (known !== undefined) return known;
  const heap = wasmHeapOf(backend);
  let ctx: { heap: WasmHeap; gemm: Gemm } | string;
  if (typeof heap === 'string') ctx = heap;
  else {
    try {
      const gemm = Gemm.create(heap.memory, heap.allocator, { fma: state.fma });
      state.gemms.push(gemm);
      ctx = { heap, gemm };
    } catch (err) {
      // E.g. an engine that refuses synchronous compilation: the stock kernel keeps working.
      ctx = `the kernel module did not compile: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  state.contexts.set(backend, ctx);
  return ctx;
}

function fastBatchMatMul(state: Active, args: Parameters<tfc.KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const a = inputs.a as TensorInfo | undefined;
  const b = inputs.b as TensorInfo | undefined;
  const transposeA = attrs?.transposeA === true;
  const transposeB = attrs?.transposeB === true;
  const plan = a && b && a.dtype === 'float32' && b.dtype === 'float32' ? planMatMul(a.shape, b.shape, transposeA, transposeB) : null;
  const ctx = plan && fastPathWorthIt(plan, transposeA, transposeB, state.minMacs) ? contextFor(state, backend) : null;
  if (!a || !b || !plan || ctx === null || typeof ctx === 'string') {
    state.stats.stock++;
    return state.stock.kernelFunc(args);
  }
  const { heap, gemm } = ctx;
  const out = heap.makeOutput(plan.outShape, 'float32');
  // Addresses after makeOutput: its malloc may have grown (moved views of) the heap.
  const aBase = heap.offsetOf(a.dataId);
  const bBase = heap.offsetOf(b.dataId);
  const cBase = heap.offsetOf(out.dataId);
  let threaded = false;
  for (let i = 0; i < plan.batch; i++) {
    const g: GemmArgs = {
      a: aBase + i * plan.aBatchStride * 4,
      b: bBase + i * plan.bBatchStride * 4,
      c: cBase + i * plan.m * plan.n * 4,
      m: plan.m,
      n: plan.n,
      k: plan.k,
      transposeA,
      transposeB,
    };
    if (runProduct(state, gemm, heap, g)) threaded = true;
  }
  state.stats.fast++;
  if (threaded) state.stats.threaded++;
  return out;
}

/** One product on the heap: on the helper threads when it is big enough, else here. True when threaded. */
function runProduct(state: Active, gemm: Gemm, heap: WasmHeap, g: GemmArgs): boolean {
  const staged = g.m * g.n * g.k >= MIN_STAGED_MACS ? state.staged : null;
  if (staged !== null && runStaged(state, staged, heap, g)) return true;
  gemm.run(g);
  return false;
}

/**
 * The fast product for our other kernels on `backend`'s heap (the convolutions' im2col
 * products): C = op(A)·op(B) at heap byte addresses, threaded as BatchMatMul is. Null when the
 * fast kernel is not registered or cannot reach this backend's heap.
 */
export function heapProductOn(backend: object): ((g: GemmArgs) => void) | null {
  const state = active;
  const ctx = state === null ? null : contextFor(state, backend);
  if (state === null || ctx === null || typeof ctx === 'string') return null;
  return (g) => void runProduct(state, ctx.gemm, ctx.heap, g);
}

/** False when the product should run on this thread alone (too big to stage, or threads lost). */
function runStaged(state: Active, staged: StagedGemm, heap: WasmHeap, g: GemmArgs): boolean {
  try {
    return staged.run(heap.memory, g);
  } catch (err) {
    // A lost helper must not lose the product: drop the threads and compute it here.
    state.staged = null;
    state.threads = 1;
    staged.dispose();
    console.warn(`fast matMul: continuing on one thread (${err instanceof Error ? err.message : String(err)})`);
    return false;
  }
}

/** Starts the helpers in the background; the kernel uses them once they have all reported in. */
function startThreads(state: Active, threads: number, spawn: SpawnWorker): Promise<ThreadsResult> {
  const generation = ++state.generation;
  let staged: StagedGemm;
  try {
    staged = StagedGemm.start(threads, spawn, state.fma);
  } catch (err) {
    const reason = `helper threads did not start (${err instanceof Error ? err.message : String(err)})`;
    console.warn(`fast matMul: ${reason}`);
    return Promise.resolve({ threads: 1, reason });
  }
  return staged.pool.ready().then((ok) => {
    if (!ok || active !== state || state.generation !== generation) {
      staged.dispose();
      return { threads: 1, reason: ok ? 'a newer thread count was asked for' : 'the helper threads did not report in within 10 s' };
    }
    state.staged = staged;
    state.threads = threads;
    return { threads };
  });
}

/** Stops the helpers in use; products run on this thread until new ones are up. */
function stopThreads(state: Active): void {
  state.generation++;
  state.staged?.dispose();
  state.staged = null;
  state.threads = 1;
}

/** Why `threads` (> 1) cannot be had here, or undefined when they can. */
function threadsProblem(spawn: SpawnWorker | null): string | undefined {
  return sharedMemoryProblem() ?? (spawn === null ? 'no way to start a worker here (pass spawnWorker)' : undefined);
}

/**
 * Changes how many threads share each product, this one included (clamped to 1–MAX_THREADS), e.g.
 * between the speed probe's trials. The old helpers stop at once and products run on this thread
 * until the new ones are up; resolves to the count in use then (1 with the reason when they could
 * not start). Without a registered kernel it resolves to 1.
 */
export function setFastMatMulThreads(threads: number, spawnWorker?: SpawnWorker): Promise<ThreadsResult> {
  const state = active;
  if (state === null) return Promise.resolve({ threads: 1, reason: 'the fast matrix product is not registered' });
  if (spawnWorker) state.spawn = spawnWorker;
  const wanted = Math.min(MAX_THREADS, Math.max(1, Math.floor(Number.isFinite(threads) ? threads : 1)));
  if (wanted === state.threads && (wanted === 1 || state.staged !== null)) return Promise.resolve({ threads: wanted });
  stopThreads(state);
  if (wanted === 1) return Promise.resolve({ threads: 1 });
  const problem = threadsProblem(state.spawn);
  if (problem !== undefined || state.spawn === null) return Promise.resolve({ threads: 1, reason: problem });
  return startThreads(state, wanted, state.spawn);
}

/** Threads each product uses right now (1 without the fast kernel). */
export function fastMatMulThreads(): number {
  return active?.threads ?? 1;
}

/**
 * Registers the fast BatchMatMul for the 'wasm' backend. Call after `await tf.setBackend('wasm')`
 * (or before: it applies to any WASM backend instance). Idempotent.
 */
export function registerFastMatMul(tf: Tf, options: FastMatMulOptions = {}): FastMatMulRegistration {
  const none = (reason: string): FastMatMulRegistration => ({ registered: [], reason, fma: false, threads: 1, threadsReady: Promise.resolve(1) });
  if (active !== null) {
    return { registered: [KERNEL], fma: active.fma, threads: active.threads, threadsReady: Promise.resolve(active.threads) };
  }
  if (typeof WebAssembly !== 'object') return none('WebAssembly is not available');
  if (!WebAssembly.validate(gemmModuleBytes(DEFAULT_GEMM_SHAPE, { minPages: 1, shared: false }))) {
    return none('WebAssembly SIMD is not available');
  }
  const stock = tf.getKernel(KERNEL, BACKEND);
  if (stock === undefined) return none(`no stock ${KERNEL} kernel is registered for '${BACKEND}'`);
  const backend = tf.findBackend(BACKEND);
  if (backend !== null) {
    const heap = wasmHeapOf(backend);
    if (typeof heap === 'string') return none(heap);
  }
  let fma = false;
  try {
    fma = (options.fma ?? true) && relaxedSimdSupported();
  } catch {
    fma = false;
  }
  const state: Active = {
    tf,
    stock,
    fma,
    contexts: new WeakMap(),
    gemms: [],
    staged: null,
    threads: 1,
    spawn: options.spawnWorker ?? browserSpawner(),
    generation: 0,
    minMacs: options.minMacs ?? MIN_FAST_MACS,
    stats: { fast: 0, threaded: 0, stock: 0 },
  };
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: BACKEND,
    // The stock setup binds its C entry point for the fallback path when a backend (re)initialises.
    setupFunc: stock.setupFunc,
    kernelFunc: (args) => fastBatchMatMul(state, args),
  });
  active = state;

  const wanted = Math.min(MAX_THREADS, Math.max(1, Math.floor(options.threads ?? 1)));
  const spawn = state.spawn;
  const threadsReason = wanted === 1 ? undefined : threadsProblem(spawn);
  const threadsReady = wanted > 1 && threadsReason === undefined && spawn !== null ? startThreads(state, wanted, spawn).then((r) => r.threads) : Promise.resolve(1);
  return { registered: [KERNEL], fma, threads: 1, threadsReady, ...(threadsReason === undefined ? {} : { threadsReason }) };
}

/** Restores the stock kernel and frees the fast kernel's scratch memory. */
export function unregisterFastMatMul(): void {
  if (active === null) return;
  const { tf, stock, gemms, staged } = active;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel(stock);
  for (const g of gemms) g.dispose();
  staged?.dispose();
  active = null;
}

/** How many BatchMatMul calls took each path since registration. */
export function fastMatMulStats(): FastMatMulStats {
  return active ? { ...active.stats } : { fast: 0, threaded: 0, stock: 0 };
}
