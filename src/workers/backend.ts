// Picks the TF.js backend inside the training worker and proves it runs. Side effects only;
// the order and the skip reasons come from backendPlan.ts.

import * as tf from '@tensorflow/tfjs-core';
// The model trains with tf.variableGrads/optimizers and chained ops (x.add(…)): the core
// package alone registers neither.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { fastMatMulThreads as fastMatMulThreadsInUse, MAX_THREADS, setFastMatMulThreads } from '../kernels/registerFastMatMul';
import { registerWasmKernels } from '../kernels/wasmKernels';
import { kernelAccelerators } from '../kernels/accelerators';
import { plugAccelerators, updateAccelerators } from '../model/accelerators';
import { isSoftwareRenderer, planBackends, probeCandidates, type BackendFacts } from '../shared/backendPlan';
import { ProbeRun, type ProbeProgress, type ThreadOptions } from './backendProbe';
import { provisionalThreads, threadCandidates } from './backendThreads';
import type { BackendAttempt, BackendChoice, BackendName, BackendProbe } from '../shared/protocol';
import { errorText } from '../shared/workerErrors';

// All three named: TF.js picks the file by its own SIMD/threads detection, and a missing
// entry makes setWasmPaths throw.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});
// Threads gain nothing measurable here (≈ 595 vs 590 img/s) and break in a minified build
// when the page happens to be cross-origin isolated (toolchain.md): stay single-threaded.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

export interface BackendSelection {
  backend: BackendName;
  /** Threads sharing WASM's matrix products (1 on other backends). */
  threads?: number;
  tried: BackendAttempt[];
  /** A speed probe measured now (first visit, 'auto'): the page remembers it. */
  probe?: BackendProbe;
  /**
   * First visit, 'auto', deferred: the backend is the usual order's provisional choice and the
   * probe is still to run, one candidate at a time between training chunks.
   */
  pendingProbe?: BackgroundProbe;
}

/** The first-visit probe run between chunks (TrainerController.work). */
export interface BackgroundProbe {
  /**
   * Measures the next candidate, then makes `current` (the session's backend) active again. After
   * the last one: the probe, and the thread count `current` now runs with; before: null.
   */
  advance(current: BackendName): Promise<{ probe: BackendProbe; threads: number } | null>;
}

/** How long navigator.gpu.requestAdapter() may take before WebGPU counts as absent, ms. */
const ADAPTER_TIMEOUT_MS = 3_000;

/**
 * Whether WebGPU can be tried: an adapter from navigator.gpu, then TF.js's WebGPU backend loaded
 * (a separate chunk, fetched only where there is an adapter; importing it registers 'webgpu').
 */
async function webgpuFacts(): Promise<Pick<BackendFacts, 'webgpuInstalled' | 'webgpuAdapter'>> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { webgpuInstalled: true, webgpuAdapter: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ADAPTER_TIMEOUT_MS)));
    const adapter = await Promise.race([gpu.requestAdapter(), timeout]);
    if (!adapter) return { webgpuInstalled: true, webgpuAdapter: false };
  } catch {
    return { webgpuInstalled: true, webgpuAdapter: false };
  } finally {
    clearTimeout(timer);
  }
  try {
    await import('@tensorflow/tfjs-backend-webgpu');
    return { webgpuInstalled: true, webgpuAdapter: true };
  } catch {
    return { webgpuInstalled: false, webgpuAdapter: true };
  }
}

/** What this worker can offer, found without initialising any TF.js backend. */
export async function probeFacts(): Promise<BackendFacts> {
  const offscreenCanvas = typeof OffscreenCanvas !== 'undefined';
  let webgl2 = false;
  let webglRenderer: string | null = null;
  if (offscreenCanvas) {
    try {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      if (gl) {
        webgl2 = true;
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        webglRenderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
        // Contexts are a scarce resource: give the probe's back at once.
        gl.getExtension('WEBGL_lose_context')?.loseContext();
      }
    } catch {
      webgl2 = false;
    }
  }
  return {
    ...(await webgpuFacts()),
    offscreenCanvas,
    webgl2,
    webglRenderer,
    wasm: typeof WebAssembly === 'object',
  };
}

/**
 * A tiny op read back: proves the kernels and the readback path both work. Read asynchronously:
 * on WebGPU a synchronous first read can give zeros and lose the device (model/readback.ts).
 */
async function smokeTest(): Promise<string | undefined> {
  const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2, 3]), tf.scalar(1)));
  let values: ArrayLike<number>;
  try {
    values = (await sum.data()) as ArrayLike<number>;
  } finally {
    sum.dispose();
  }
  const ok = values.length === 3 && values[0] === 2 && values[1] === 3 && values[2] === 4;
  return ok ? undefined : `a test sum gave [${Array.from(values).join(', ')}] instead of [2, 3, 4]`;
}

async function tryBackend(backend: BackendName): Promise<string | undefined> {
  try {
    // setBackend resolves false (it does not throw) when the backend fails to initialise,
    // and TF.js then quietly keeps another backend: check both.
    const ok = await tf.setBackend(backend);
    if (!ok) return 'TF.js could not initialise it';
    await tf.ready();
    if (tf.getBackend() !== backend) return `TF.js ended up on ${tf.getBackend()} instead`;
    return await smokeTest();
  } catch (err) {
    return errorText(err);
  }
}

/** Makes `backend` the active one with its kernels; the reason when it cannot be. */
async function activate(backend: BackendName): Promise<string | undefined> {
  const failure = await tryBackend(backend);
  if (failure !== undefined) return failure;
  if (backend === 'webgpu') watchDeviceLoss();
  // The model's accelerators (src/model/accelerators.ts): our fused likelihood and Adam where
  // their kernels exist (each falls back to stock ops elsewhere); WebGL/WebGPU shaders index a
  // transposed operand directly, on WASM only our matMul does (useFastWasmKernels says).
  plugAccelerators({ ...kernelAccelerators, transposedProducts: backend === 'webgl' || backend === 'webgpu' });
  // Wait for the helper threads (they compile a few kB; well under 100 ms), so the probe and the
  // first steps already run on them.
  if (backend === 'wasm') {
    useFastWasmKernels();
    await setFastMatMulThreads(wasmThreads);
  }
  return undefined;
}

/** The machine's cores as the page sees them. */
const cores = (): number => (typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1);
/** Helper threads need shared memory: a cross-origin isolated page. */
const threadsPossible = (): boolean => self.crossOriginIsolated === true;
/**
 * Threads WASM's products use when it is activated: the probe's answer once there is one, until
 * then every core but one (backendThreads.ts).
 */
let wasmThreads = provisionalThreads(cores(), threadsPossible(), MAX_THREADS);
/** Whether wasmThreads came from a probe (this visit's or a remembered one). */
let wasmThreadsMeasured = false;

/** The thread count a probe kept for WASM, clamped to this machine; null when it has none. */
function measuredThreads(probe: BackendProbe | null): number | null {
  const t = probe?.results.find((r) => r.backend === 'wasm')?.threads;
  if (t === undefined || !threadsPossible()) return null;
  return Math.max(1, Math.min(t, cores(), MAX_THREADS));
}

const threadOptions = (): ThreadOptions | undefined =>
  threadsPossible() ? { candidates: threadCandidates(cores(), MAX_THREADS), set: (n: number) => setFastMatMulThreads(n) } : undefined;

function backgroundProbe(facts: BackendFacts): BackgroundProbe {
  const run = new ProbeRun(probeCandidates(facts), activate, navigator.userAgent, undefined, threadOptions());
  return {
    async advance(current) {
      await run.measureNext();
      const probe = run.done ? run.result() : null;
      const measured = measuredThreads(probe);
      if (measured !== null) [wasmThreads, wasmThreadsMeasured] = [measured, true];
      // Back to the session's backend (on WASM: at the measured thread count once there is one).
      const failure = await activate(current);
      if (failure !== undefined) throw new Error(`${current} did not come back after the speed probe: ${failure}`);
      return probe ? { probe, threads: current === 'wasm' ? fastMatMulThreadsInUse() : 1 } : null;
    },
  };
}

/**
 * Tries the candidates in order; the first that initialises and passes the smoke test wins.
 * 'auto' orders them by a speed probe: the remembered one, or one measured now. With
 * `deferProbe`, a first visit does not wait for the probe: it starts on the usual order's choice
 * and hands the probe back as `pendingProbe`, to run between chunks.
 */
export async function selectBackend(
  choice: BackendChoice,
  remembered: BackendProbe | null = null,
  onProbe?: ProbeProgress,
  deferProbe = false,
): Promise<BackendSelection> {
  const facts = await probeFacts();
  const tried: BackendAttempt[] = [];
  const known = measuredThreads(remembered);
  wasmThreads = known ?? provisionalThreads(cores(), threadsPossible(), MAX_THREADS);
  wasmThreadsMeasured = known !== null;
  const unmeasured = choice === 'auto' && remembered === null;
  let probe: BackendProbe | undefined;
  if (unmeasured && !deferProbe) {
    const run = new ProbeRun(probeCandidates(facts), activate, navigator.userAgent, onProbe, threadOptions());
    while (!run.done) await run.measureNext();
    probe = run.result();
  }
  const measured = measuredThreads(probe ?? remembered);
  if (measured !== null) [wasmThreads, wasmThreadsMeasured] = [measured, true];
  const plan = planBackends(choice, facts, probe ?? remembered);
  for (const candidate of plan) {
    if (candidate.skip !== undefined) {
      tried.push({ backend: candidate.backend, ok: false, reason: candidate.skip });
      continue;
    }
    const failure = await activate(candidate.backend);
    if (failure !== undefined) {
      tried.push({ backend: candidate.backend, ok: false, reason: failure });
      continue;
    }
    // Say why WebGL was passed over, since the page would otherwise only see it missing.
    const passedOver = choice === 'auto' && candidate.backend !== 'webgl' && plan.findIndex((c) => c.backend === 'webgl') > plan.indexOf(candidate);
    const note = passedOver && isSoftwareRenderer(facts.webglRenderer) ? `preferred to WebGL, which is a software renderer here (${facts.webglRenderer})` : undefined;
    const kernels = candidate.backend === 'wasm' ? useFastWasmKernels().text : undefined;
    const threads = candidate.backend === 'wasm' ? fastMatMulThreadsInUse() : 1;
    const measured = probe ?? remembered;
    const speed = measured?.results.find((r) => r.backend === candidate.backend)?.imagesPerSec;
    const fastest = measured?.results[0]?.backend === candidate.backend;
    const byProbe = choice === 'auto' && speed ? `measured here: ${Math.round(speed).toLocaleString('en-US')} img/s${fastest ? ', the fastest' : ''}` : undefined;
    const reason = [byProbe ?? note, kernels].filter((t) => t !== undefined).join('; ');
    tried.push(reason ? { backend: candidate.backend, ok: true, reason } : { backend: candidate.backend, ok: true });
    if (probe) return { backend: candidate.backend, threads, tried, probe };
    return unmeasured && deferProbe ? { backend: candidate.backend, threads, tried, pendingProbe: backgroundProbe(facts) } : { backend: candidate.backend, threads, tried };
  }
  throw new Error(`No TF.js backend works here: ${tried.map((t) => `${t.backend}: ${t.reason ?? 'ok'}`).join('; ')}`);
}

/**
 * Swaps in our packed WASM SIMD matrix product, the single-pass Adam update, an Identity
 * that shares memory instead of copying, a one-pass column sum and the Bernoulli likelihood
 * with its gradient in one pass (src/kernels):
 * the model's code is unchanged, its products and optimizer just run faster. Helper threads only
 * when the page is cross-origin isolated (shared memory); how many is the probe's answer
 * (activate sets it). Says what it did.
 */
function useFastWasmKernels(): { text: string } {
  const { registered: done, reasons: why, matMul, transposedProducts } = registerWasmKernels(tf, { threads: 1 });
  updateAccelerators({ transposedProducts });
  const inUse = fastMatMulThreadsInUse();
  const threads = !threadsPossible()
    ? '1 thread (the page is not cross-origin isolated)'
    : inUse < wasmThreads
      ? `${inUse} of ${wasmThreads} threads (the helper threads did not start)`
      : `${inUse} thread${inUse === 1 ? '' : 's'} of ${cores()} cores${inUse === wasmThreads && wasmThreadsMeasured ? ', the fastest measured' : ''}`;
  const text =
    done.length > 0
      ? `fast kernels: ${done.join(', ')}${matMul.fma ? ' with FMA' : ''}, ${threads}${why.length ? `; ${why.join('; ')}` : ''}`
      : `stock kernels (${why.join('; ')})`;
  return { text };
}

/** WebGPU devices already watched. */
const watchedDevices = new WeakSet<object>();

/**
 * Says in the console why a WebGPU device was lost: afterwards every GPU call fails with a less
 * telling error ("createBuffer failed … mappedAtCreation"). Chromium 156's software adapter
 * (SwiftShader) here loses the device a moment after the first synchronous readback, with "A valid
 * external Instance reference no longer exists" (e2e/webgpu.spec.ts).
 */
function watchDeviceLoss(): void {
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ reason?: string; message?: string }> } }).device;
  if (!device?.lost || watchedDevices.has(device)) return;
  watchedDevices.add(device);
  void device.lost.then((info) => console.warn(`the WebGPU device was lost (${info.reason ?? 'unknown'}: ${info.message ?? ''})`));
}

/** True when the running backend is WebGL and its context is gone (GPU reset, tab in background on mobile). */
export function webglContextLost(): boolean {
  if (tf.getBackend() !== 'webgl') return false;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
  return backend.gpgpu?.gl?.isContextLost() ?? false;
}
