// The speed probe on TF.js's WASM backend in Node with our kernels and real helper threads
// (worker_threads): WASM is measured at each thread count, the kept count travels with its
// figure, and a count whose helpers cannot start falls back to the last that worked.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../model/registerGradientsNode';
import { setFastMatMulThreads, unregisterFastMatMul } from '../kernels/registerFastMatMul';
import { registerWasmKernels } from '../kernels/wasmKernels';
import { runProbe } from './backendProbe';
import type { BackendName } from '../shared/protocol';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const spawnWorker = (source: string) => new Worker(source, { eval: true });

async function activate(backend: BackendName): Promise<string | undefined> {
  if (!(await tf.setBackend(backend))) return 'did not start';
  if (backend === 'wasm') registerWasmKernels(tf, { threads: 1, spawnWorker });
  return undefined;
}

beforeAll(() => {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
});
afterAll(() => unregisterFastMatMul());

describe('runProbe with thread counts', () => {
  it('measures WASM at each count and keeps one that trained, with every trial recorded', async () => {
    const progress: Array<[string, number | undefined]> = [];
    const probe = await runProbe(['wasm', 'cpu'], activate, 'UA', (b, _d, _t, threads) => progress.push([b, threads]), {
      candidates: [1, 2],
      set: (n) => setFastMatMulThreads(n, spawnWorker),
    });
    const wasm = probe.results.find((r) => r.backend === 'wasm');
    expect(wasm?.threadTrials?.map((t) => t.threads)).toEqual([1, 2]);
    expect(wasm?.threadTrials?.every((t) => t.imagesPerSec !== null && t.imagesPerSec > 0)).toBe(true);
    expect([1, 2]).toContain(wasm?.threads);
    expect(wasm?.imagesPerSec).toBe(wasm?.threadTrials?.find((t) => t.threads === wasm.threads)?.imagesPerSec);
    expect(progress).toEqual([['wasm', undefined], ['wasm', 1], ['wasm', 2], ['cpu', undefined]]);
    // CPU has no thread trials.
    expect(probe.results.find((r) => r.backend === 'cpu')?.threads).toBeUndefined();
  }, 60_000);

  it('falls back to the last count that worked when helpers do not start', async () => {
    unregisterFastMatMul();
    const broken = () => {
      throw new Error('no more workers');
    };
    const probe = await runProbe(['wasm'], activate, 'UA', undefined, {
      candidates: [1, 2, 3],
      set: (n) => setFastMatMulThreads(n, n === 1 ? spawnWorker : broken),
    });
    const wasm = probe.results[0];
    expect(wasm.threads).toBe(1);
    expect(wasm.imagesPerSec).toBeGreaterThan(0);
    expect(wasm.threadTrials?.[1]).toMatchObject({ threads: 2, imagesPerSec: null });
    expect(wasm.threadTrials?.[1]?.reason).toMatch(/no more workers/);
    expect(wasm.threadTrials).toHaveLength(2);
  }, 60_000);
});
