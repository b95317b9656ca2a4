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
    const base = { getState: () => state, subscribe: () => () => {}, decode: async () => new Float32Array(784) };
    const hook = createDebugHook({ post: () => {}, snapshotStep: () => null, client: { ...base, evaluate: async (full) => (asked.push(full), { metrics }) } });
    expect(await hook.evaluateSubset()).toEqual(metrics);
    expect(asked).toEqual([false]);
  });
});
