import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, DEFAULT_MODEL } from '../model/types';
import { applyTrainerMessage, initialState, MAX_NOTICES } from './clientState';
import type { FromTrainer, SessionConfig } from '../shared/protocol';

const config: SessionConfig = { dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 };
const start = initialState(config, 'auto');
const apply = (msgs: FromTrainer[]) => msgs.reduce((s, m, i) => applyTrainerMessage(s, m, i + 1), start);

describe('applyTrainerMessage', () => {
  it('goes starting → loading → ready and records the backend and what was tried', () => {
    const loading = apply([{ type: 'progress', stage: 'download', loaded: 5, total: 10, label: 'Downloading MNIST' }]);
    expect(loading.phase).toBe('loading');
    expect(loading.progress).toEqual({ stage: 'download', loaded: 5, total: 10, label: 'Downloading MNIST' });
    const tried = [{ backend: 'webgl' as const, ok: true }];
    const ready = applyTrainerMessage(loading, { type: 'ready', backend: 'webgl', tried, config }, 9);
    expect(ready).toMatchObject({ phase: 'ready', backend: 'webgl', tried, progress: null });
  });

  it('clears progress when a stage completes, and the warm-up bar at the first metrics', () => {
    const done = apply([{ type: 'progress', stage: 'upload', loaded: 1, total: 1, label: 'Images uploaded' }]);
    expect(done.progress).toBeNull();
    const warming = apply([{ type: 'progress', stage: 'warmup', loaded: 0, total: 1, label: 'Compiling' }]);
    expect(warming.progress?.stage).toBe('warmup');
    const train = { firstStep: 0, elbo: [-500], recon: [490], kl: [10], objective: [500] };
    const after = applyTrainerMessage(warming, { type: 'metrics', step: 1, epoch: 0, epochProgress: 0.002, train, imagesPerSec: 300 }, 2);
    expect(after).toMatchObject({ progress: null, step: 1, imagesPerSec: 300, epochProgress: 0.002 });
  });

  it('an unrecoverable error before ready is fatal; a NaN is a warning that keeps the phase', () => {
    const fatal = apply([{ type: 'error', code: 'dataset', message: 'HTTP 404', recoverable: false }]);
    expect(fatal.phase).toBe('error');
    expect(fatal.notices).toEqual([{ id: 1, level: 'error', code: 'dataset', message: 'HTTP 404' }]);
    const ready = apply([{ type: 'ready', backend: 'cpu', tried: [], config }]);
    const nan = applyTrainerMessage(ready, { type: 'error', code: 'nan', message: 'NaN at step 9', recoverable: true }, 5);
    expect(nan.phase).toBe('ready');
    expect(nan.notices[0]).toMatchObject({ id: 5, level: 'warning', code: 'nan' });
  });

  it('leaves errors that answer a request (they carry its id) to the request', () => {
    const s = apply([{ type: 'error', code: 'checkpoint', message: 'not a checkpoint', recoverable: true, id: 3 }]);
    expect(s).toBe(start);
  });

  it('does not repeat an identical notice and keeps only the newest few', () => {
    const err = (message: string): FromTrainer => ({ type: 'error', code: 'internal', message, recoverable: true });
    const twice = apply([err('same'), err('same')]);
    expect(twice.notices.map((n) => n.id)).toEqual([2]);
    const many = apply(Array.from({ length: MAX_NOTICES + 3 }, (_, i) => err(`problem ${i}`)));
    expect(many.notices).toHaveLength(MAX_NOTICES);
    expect(many.notices[MAX_NOTICES - 1]?.message).toBe(`problem ${MAX_NOTICES + 2}`);
  });

  it('returns the same object for messages without slow state, so React does not re-render', () => {
    const latent: FromTrainer = { type: 'latent', step: 1, kind: 'vae', dim: 2, count: 0, mu: new Float32Array(), logvar: null, labels: new Uint8Array() };
    expect(applyTrainerMessage(start, latent, 1)).toBe(start);
  });

  it('takes running, step and epoch from state messages, and the config from a load', () => {
    const s = apply([{ type: 'state', running: true, step: 40, epoch: 1 }]);
    expect(s).toMatchObject({ running: true, step: 40, epoch: 1 });
    const other = { ...config, dataset: 'fashion' as const };
    expect(applyTrainerMessage(s, { type: 'loaded', id: 1, config: other, step: 900 }, 2)).toMatchObject({ config: other, step: 900 });
  });
});
