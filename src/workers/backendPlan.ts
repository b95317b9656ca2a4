// Which TF.js backends to try, in which order, and why some are skipped without trying.
// Pure: the worker gathers the facts (backend.ts), this decides.

import type { BackendChoice, BackendName } from './protocol';

/** What the worker found out about its environment before touching TF.js. */
export interface BackendFacts {
  /** '@tensorflow/tfjs-backend-webgpu' is part of the build. */
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
      if (!facts.webgpuInstalled) return 'not installed (@tensorflow/tfjs-backend-webgpu is not part of this build)';
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

/** A forced choice goes first; the automatic order follows as the fallback. */
export function planBackends(choice: BackendChoice, facts: BackendFacts): BackendCandidate[] {
  const auto = isSoftwareRenderer(facts.webglRenderer) ? SOFTWARE_GL_ORDER : AUTO_ORDER;
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
