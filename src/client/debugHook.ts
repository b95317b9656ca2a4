// Test/debug hook, page side: `window.__vaeDebug`, for the end-to-end fault tests (e2e/faults.spec.ts)
// and for trying recovery by hand from the console. It can make the training worker fail on
// purpose (debugFaults.ts) and record, for one fixed z, the image decoded from every set of
// weights the page receives, so a test can check that the weights after a recovery are exactly
// the snapshot's. The app never calls it; it costs nothing until used.

import type { PlaygroundClient } from './clientTypes';
import type { DebugFault, DisentanglementSnapshot, TestMetrics } from '../shared/protocol';

export interface DecodedAt {
  /** Training step of the weights that decoded it. */
  step: number;
  /** FNV-1a of the decoded pixels' bytes: equal hashes, equal images. */
  hash: string;
  /** performance.now() when the weights arrived. */
  at: number;
}

export interface VaeDebug {
  /** Makes the training worker fail on purpose: a NaN step, a crash, a hang, a lost WebGL context. */
  fault(fault: DebugFault): void;
  /** Step of the latest weights the page keeps to restart from (`'b'`: Compare's Model B's); null before the first. */
  snapshotStep(model?: 'b'): number | null;
  /** From now on, decodes `z` with each new set of weights and appends the result to `decodes`. */
  watchDecodes(z: number[]): void;
  readonly decodes: DecodedAt[];
  /**
   * Test metrics of the current weights on the fixed 1,000-image test subset, with the fixed ε
   * seed: equal weights give equal figures on any backend, up to float rounding (e2e/webgpu.spec.ts).
   */
  evaluateSubset(): Promise<TestMetrics>;
  /** The shown model's latent snapshot in brief (Shapes: with its factors' names and first rows); null before one. */
  latent(): LatentBrief | null;
  /** The shown model's latest MIG, or the note why there is none (client.getDisentanglement). */
  disentanglement(): DisentanglementSnapshot | null;
}

export interface LatentBrief {
  step: number;
  count: number;
  dim: number;
  /** Shapes: the factors' names, and the factor indices of the first 3 points (row-major); null elsewhere. */
  factors: { names: string[]; sizes: number[]; valueCount: number; first: number[] } | null;
}

declare global {
  interface Window {
    __vaeDebug?: VaeDebug;
  }
}

export interface DebugTarget {
  post(fault: DebugFault): void;
  client: Pick<PlaygroundClient, 'decode' | 'subscribe' | 'getState' | 'evaluate' | 'getLatent' | 'getDisentanglement'>;
  snapshotStep(model?: 'b'): number | null;
}

export function hashPixels(pixels: Float32Array): string {
  const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  let h = 2166136261;
  for (const v of bytes) h = Math.imul(h ^ v, 16777619);
  return `${pixels.length}:${h >>> 0}`;
}

export function createDebugHook(t: DebugTarget): VaeDebug {
  const decodes: DecodedAt[] = [];
  let unwatch: (() => void) | null = null;
  return {
    fault: (fault) => t.post(fault),
    snapshotStep: (model) => t.snapshotStep(model),
    decodes,
    evaluateSubset: async () => {
      return (await t.client.evaluate(false)).metrics;
    },
    latent() {
      const l = t.client.getLatent();
      if (!l) return null;
      const f = l.factors;
      const factors = f ? { names: [...f.names], sizes: [...f.sizes], valueCount: f.values.length, first: Array.from(f.values.subarray(0, 3 * f.names.length)) } : null;
      return { step: l.step, count: l.count, dim: l.dim, factors };
    },
    disentanglement: () => t.client.getDisentanglement(),
    watchDecodes(z) {
      unwatch?.();
      const code = Float32Array.from(z);
      // Asked at once on the 'weights' notice: the request reaches the inference worker right
      // behind those weights, so the answer is theirs even if newer ones follow soon.
      unwatch = t.client.subscribe('weights', () => {
        const step = t.client.getState().weightsStep;
        const at = performance.now();
        t.client.decode(code.slice(), 1).then(
          (pixels) => decodes.push({ step, hash: hashPixels(pixels), at }),
          () => {},
        );
      });
    },
  };
}

/** Puts the hook on `window` (a page; not in Node tests). */
export function installDebugHook(t: DebugTarget): void {
  if (typeof window === 'undefined') return;
  window.__vaeDebug = createDebugHook(t);
}
