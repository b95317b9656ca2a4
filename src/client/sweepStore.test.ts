// The page's kept sweep models: filed from the worker's messages, counted in models and bytes,
// a sweep that would pass the bound refused before it starts (never an older one dropped), a
// running one not discarded, a lost worker stopping the running sweep with its models kept; and
// the Model B settings that open a sweep model (only what differs from Model A).
import { describe, expect, it } from 'vitest';
import { parameterCount } from '../model/layerPlan';
import { DEFAULT_HYPER, type NetworkWeights } from '../model/types';
import type { SessionConfig, SweepModelResult } from '../shared/protocol';
import { sweepModelB } from './sweepFlow';
import { MAX_KEPT_BYTES, MAX_KEPT_MODELS, SweepStore } from './sweepStore';

const config: SessionConfig = { dataset: 'mnist', model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [8] }, hyper: { ...DEFAULT_HYPER }, seed: 1 };
const dense = (inDim: number, outDim: number) => ({ inDim, outDim, W: new Float32Array(inDim * outDim), b: new Float32Array(outDim) });
const weights = (): NetworkWeights => ({ config: config.model, encoder: [dense(784, 8)], mu: dense(8, 2), logvar: dense(8, 2), decoder: [dense(2, 8), dense(8, 784)] });
const test = { elbo: -150, recon: 140, kl: 10, objective: 150, full: true, count: 10000 };
const result = (sweepId: number, index: number, beta: number): SweepModelResult => ({
  sweepId, index, beta, step: 60, config: { ...config, hyper: { ...config.hyper, beta } }, test, mig: null, weights: weights(),
});

describe('SweepStore', () => {
  it('keeps each finished model with its weights and counts them in models and bytes', () => {
    const store = new SweepStore();
    let told = 0;
    store.subscribe(() => told++);
    const id = store.begin([0.5, 2], 60);
    expect(store.get().active?.id).toBe(id);
    store.progress({ sweepId: id, phase: 'training', index: 0, of: 2, step: 30, steps: 60 });
    store.model(result(id, 0, 0.5));
    store.model(result(id, 1, 2));
    store.progress({ sweepId: id, phase: 'done', index: 1, of: 2, step: 60, steps: 60 });
    const snap = store.get();
    expect(snap.active).toBeNull();
    expect(snap.keptModels).toBe(2);
    // Every parameter as a float32: the weights' bytes are 4 × the parameter count.
    expect(snap.keptBytes).toBe(2 * 4 * parameterCount(config.model));
    expect(store.find(id, 1)?.beta).toBe(2);
    expect(told).toBe(5);
  });

  it('refuses a sweep that would pass the bound, and one while another runs; discarding makes room', () => {
    const store = new SweepStore();
    const values = Array.from({ length: 8 }, (_, i) => i + 1);
    const first = store.begin(values, 10);
    expect(store.refusal([1], config)).toEqual({ reason: 'running' });
    values.forEach((b, i) => store.model(result(first, i, b)));
    store.progress({ sweepId: first, phase: 'done', index: 7, of: 8, step: 10, steps: 10 });
    expect(store.refusal([1, 2, 3, 4], config)).toBeNull();
    expect(store.refusal([1, 2, 3, 4, 5], config)).toEqual({ reason: 'models', kept: 8, adding: 5, max: MAX_KEPT_MODELS });
    // A wide network: the bytes bound bites before the count.
    const wide = { ...config, model: { ...config.model, hidden: [2048, 2048, 2048] } };
    const r = store.refusal([1, 2], wide);
    expect(r).toMatchObject({ reason: 'bytes', maxBytes: MAX_KEPT_BYTES });
    expect(store.get().keptModels).toBe(8);
    store.discard(first);
    expect(store.get()).toMatchObject({ keptModels: 0, keptBytes: 0, sweeps: [] });
    expect(store.refusal([1, 2, 3, 4, 5], config)).toBeNull();
  });

  it('does not discard a running sweep; a lost worker stops it, keeping its models and saying why', () => {
    const store = new SweepStore();
    const id = store.begin([1, 4], 60);
    store.model(result(id, 0, 1));
    store.discard(id);
    expect(store.get().keptModels).toBe(1);
    store.lost('The training worker restarted.');
    expect(store.get()).toMatchObject({ active: null, keptModels: 1, note: 'The training worker restarted.' });
    expect(store.get().sweeps[0]?.progress.phase).toBe('cancelled');
    // A sweep cancelled before any model finished leaves nothing to keep.
    const empty = store.begin([2], 60);
    store.progress({ sweepId: empty, phase: 'cancelled', index: 0, of: 1, step: 12, steps: 60 });
    expect(store.get().sweeps.map((s) => s.id)).toEqual([id]);
  });
});

describe('sweepModelB', () => {
  it('names only what differs from Model A', () => {
    expect(sweepModelB(config, { ...config, hyper: { ...config.hyper, beta: 8 } })).toEqual({ beta: 8 });
    expect(sweepModelB(config, config)).toEqual({});
  });
});
