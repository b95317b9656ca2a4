// Which TF.js backends to try, in which order, and why some are skipped without trying.
// Pure: the worker gathers the facts (backend.ts), this decides.

import type { BackendChoice, BackendName, BackendProbe } from './protocol';

/** What the worker found out about its environment before touching TF.js. */
export interface BackendFacts {
  /** '@tensorflow/tfjs-backend-webgpu' loaded (it is fetched only where there is an adapter). */
  webgpuInstalled: boolean;
  /** navigator.gpu.requestAdapter() returned an adapter (only probed when installed). */
  webgpuAdapter: boolean;
  /** OffscreenCanvas exists: TF.js WebGL in a worker draws on one. */
  offscreenCanvas: boolean;
  /** A WebGL2 context could be created on an OffscreenCanvas. */
  webgl2: boolean;
  /** The WebGL renderer, when WEBGL_debug_renderer_info tells it (e.g. "SwiftShader"). */
  webglRenderer: string | null;
  /** WebAssembly exists. */
  wasm: boolean;
}

export interface BackendCandidate {
  backend: BackendName;
  /** Set when the backend cannot work here: it is reported as tried-and-failed without trying. */
  skip?: string;
}

/** The automatic order with a GPU behind WebGL; plain-JS CPU last because it always works. */
export const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
/**
 * With a software WebGL renderer (SwiftShader, llvmpipe: no GPU) WASM goes first. Measured in
 * the worker in headless Chromium on 2 busy cores: WASM SIMD trained at ≈ 1,000 images/s per
 * chunk while software WebGL managed 120–220, and WebGL spent seconds compiling shaders for
 * every new shape (first step, first test pass, first snapshot).
 */
export const SOFTWARE_GL_ORDER: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

export function skipReason(backend: BackendName, facts: BackendFacts): string | undefined {
  switch (backend) {
    case 'webgpu':
      if (!facts.webgpuInstalled) return 'the WebGPU backend (@tensorflow/tfjs-backend-webgpu) did not load';
      if (!facts.webgpuAdapter) return 'no WebGPU adapter (navigator.gpu.requestAdapter() gave none)';
      return undefined;
    case 'webgl':
      if (!facts.offscreenCanvas) return 'OffscreenCanvas is not available in this worker';
      if (!facts.webgl2) return 'no WebGL2 context on an OffscreenCanvas';
      return undefined;
    case 'wasm':
      return facts.wasm ? undefined : 'WebAssembly is not available';
    case 'cpu':
      return undefined;
  }
}

/**
 * A forced choice goes first; the automatic order follows as the fallback. With a speed probe,
 * 'auto' tries the backends it measured fastest first.
 */
export function planBackends(choice: BackendChoice, facts: BackendFacts, probe: BackendProbe | null = null): BackendCandidate[] {
  const heuristic = isSoftwareRenderer(facts.webglRenderer) ? SOFTWARE_GL_ORDER : AUTO_ORDER;
  const auto = probe ? measuredOrder(probe, heuristic) : heuristic;
  const order = choice === 'auto' ? [...auto] : [choice, ...auto.filter((b) => b !== choice)];
  return order.map((backend) => {
    const skip = skipReason(backend, facts);
    return skip === undefined ? { backend } : { backend, skip };
  });
}

/** Software WebGL renderers: worth naming in the UI, since they use the CPU after all. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

/** The backends that trained in the probe, fastest first, then the others in `fallback` order. */
export function measuredOrder(probe: BackendProbe, fallback: readonly BackendName[]): BackendName[] {
  const ran = probe.results
    .filter((r): r is typeof r & { imagesPerSec: number } => r.imagesPerSec !== null && r.imagesPerSec > 0)
    .sort((a, b) => b.imagesPerSec - a.imagesPerSec)
    .map((r) => r.backend);
  return [...ran, ...fallback.filter((b) => !ran.includes(b))];
}

/** Candidates the probe measures: every one that can run here except plain JS, the last resort. */
export function probeCandidates(facts: BackendFacts): BackendName[] {
  return AUTO_ORDER.filter((b) => b !== 'cpu' && skipReason(b, facts) === undefined);
}

const BACKENDS: readonly string[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** A remembered thread count: absent (measured before threads were probed), or a whole number ≥ 1. */
const threadsOk = (t: unknown): boolean => t === undefined || (typeof t === 'number' && Number.isInteger(t) && t >= 1);

/**
 * A remembered probe read back from storage (anything may be there): usable when it has the
 * right shape and was measured in this browser (same user agent).
 */
export function usableProbe(value: unknown, agent: string): BackendProbe | null {
  if (!value || typeof value !== 'object') return null;
  const p = value as Partial<BackendProbe>;
  if (p.version !== 1 || p.agent !== agent || typeof p.measuredAt !== 'string' || !Array.isArray(p.results)) return null;
  if (typeof p.batch !== 'number' || !Array.isArray(p.hidden) || !p.hidden.every((h) => typeof h === 'number')) return null;
  const resultsOk = p.results.every(
    (r: unknown) =>
      !!r &&
      typeof r === 'object' &&
      BACKENDS.includes((r as { backend?: unknown }).backend as string) &&
      ((r as { imagesPerSec?: unknown }).imagesPerSec === null || Number.isFinite((r as { imagesPerSec?: unknown }).imagesPerSec)) &&
      threadsOk((r as { threads?: unknown }).threads),
  );
  // No results is a probe too: nothing could be measured, and the usual order stands.
  return resultsOk ? (p as BackendProbe) : null;
}
