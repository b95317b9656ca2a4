import { describe, expect, it } from 'vitest';
import { initialState } from './clientState';
import type { Topic } from './clientTypes';
import { createDebugHook, hashPixels } from './debugHook';
import type { DebugFault } from '../shared/protocol';
import { DEFAULT_HYPER, DEFAULT_MODEL } from '../model/types';

describe('hashPixels', () => {
  it('tells images apart by any single pixel, and equal images alike', () => {
    const a = new Float32Array(784).fill(0.25);
    const b = a.slice();
    expect(hashPixels(a)).toBe(hashPixels(b));
    b[700] = 0.2500001;
    expect(hashPixels(a)).not.toBe(hashPixels(b));
  });
});

describe('createDebugHook', () => {
  it('passes faults on, and decodes the watched z once per new set of weights, with their step', async () => {
    const faults: DebugFault[] = [];
    const listeners = new Map<Topic, () => void>();
    let state = initialState({ dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 }, 'wasm');
    const asked: Float32Array[] = [];
    const hook = createDebugHook({
      post: (f) => faults.push(f),
      snapshotStep: () => 12,
      client: {
        evaluate: () => Promise.reject(new Error('not in this test')),
        getLatent: () => null,
        getDisentanglement: () => null,
        getState: () => state,
        subscribe: (topic, l) => {
          listeners.set(topic, l);
          return () => listeners.delete(topic);
        },
        decode: async (z) => {
          asked.push(z);
          return new Float32Array(784).fill(state.weightsStep / 100);
        },
      },
    });
    hook.fault('hang');
    expect(faults).toEqual(['hang']);
    expect(hook.snapshotStep()).toBe(12);
    hook.watchDecodes([0.5, -1]);
    for (const step of [10, 20, 20]) {
      state = { ...state, weightsStep: step };
      listeners.get('weights')?.();
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(Array.from(asked[0]!)).toEqual([0.5, -1]);
    expect(hook.decodes.map((d) => d.step)).toEqual([10, 20, 20]);
    expect(hook.decodes[1]!.hash).toBe(hook.decodes[2]!.hash);
    expect(hook.decodes[0]!.hash).not.toBe(hook.decodes[1]!.hash);
  });

  it('evaluates the current weights on the test subset through the client', async () => {
    const state = initialState({ dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 }, 'wasm');
    const metrics = { elbo: -150.5, recon: 144, kl: 6.5, objective: -150.5, full: false, count: 1000 };
    const asked: boolean[] = [];
    const base = { getState: () => state, subscribe: () => () => {}, decode: async () => new Float32Array(784), getLatent: () => null, getDisentanglement: () => null };
    const hook = createDebugHook({ post: () => {}, snapshotStep: () => null, client: { ...base, evaluate: async (full) => (asked.push(full), { metrics }) } });
    expect(await hook.evaluateSubset()).toEqual(metrics);
    expect(asked).toEqual([false]);
  });

  it('reads the latent snapshot in brief, with its factors, and the latest MIG', () => {
    const state = initialState({ dataset: 'shapes', model: { ...DEFAULT_MODEL, inputDim: 1024 }, hyper: DEFAULT_HYPER, seed: 1 }, 'wasm');
    const latent = {
      step: 40,
      kind: 'vae' as const,
      dim: 2,
      count: 4,
      mu: new Float32Array(8),
      logvar: null,
      labels: new Uint8Array([0, 1, 2, 0]),
      factors: { names: ['shape', 'posX'], sizes: [3, 32], values: new Uint8Array([0, 5, 1, 6, 2, 7, 0, 8]) },
    };
    const mig = { step: 40, mig: 0.2, mi: [[1, 0], [0, 1]], factorEntropy: [1.1, 3.4], migGap: [0.3, 0.1], factorNames: ['shape', 'posX'] };
    let shown: typeof latent | null = null;
    const client = {
      getState: () => state,
      subscribe: () => () => {},
      decode: async () => new Float32Array(1024),
      evaluate: () => Promise.reject(new Error('not in this test')),
      getLatent: () => shown,
      getDisentanglement: () => (shown ? mig : null),
    };
    const hook = createDebugHook({ post: () => {}, snapshotStep: () => null, client });
    expect([hook.latent(), hook.disentanglement()]).toEqual([null, null]);
    shown = latent;
    expect(hook.latent()).toEqual({ step: 40, count: 4, dim: 2, factors: { names: ['shape', 'posX'], sizes: [3, 32], valueCount: 8, first: [0, 5, 1, 6, 2, 7] } });
    expect(hook.disentanglement()).toEqual(mig);
    shown = { ...latent, factors: undefined } as unknown as typeof latent;
    expect(hook.latent()!.factors).toBeNull();
  });
});
