import { describe, expect, it } from 'vitest';
import type { FromTrainer } from '../shared/protocol';
import { absorb, ModelStreams, shownModel } from './modelStreams';

const chunk = (firstStep: number, n: number, model: 'vae' | 'ae'): FromTrainer => ({
  type: 'metrics',
  step: firstStep + n,
  epoch: 0,
  epochProgress: 0.1,
  train: {
    firstStep,
    elbo: Array.from({ length: n }, () => -200),
    recon: Array.from({ length: n }, () => 190),
    kl: Array.from({ length: n }, () => 10),
    objective: Array.from({ length: n }, () => 200),
  },
  imagesPerSec: 100,
  model,
});

describe('ModelStreams', () => {
  it('shows the VAE first in Compare', () => {
    expect(shownModel('compare')).toBe('vae');
    expect(shownModel('ae')).toBe('ae');
  });

  it('files a hidden model’s curves, codes and counters under that model, not the shown one', () => {
    const s = new ModelStreams('vae');
    expect(absorb(s.of('ae'), chunk(0, 3, 'ae'))).toBe('metrics');
    expect(s.of('ae').metrics.history.steps).toEqual([0, 1, 2]);
    expect(s.of('ae').step).toBe(3);
    expect(s.current.metrics.history.steps).toEqual([]);
    const mu = new Float32Array([1, 2]);
    const latent: FromTrainer = { type: 'latent', step: 3, kind: 'ae', dim: 2, count: 1, mu, logvar: null, labels: new Uint8Array([4]), model: 'ae' };
    expect(absorb(s.of('ae'), latent)).toBe('latent');
    expect(s.of('ae').latent).toEqual({ step: 3, kind: 'ae', dim: 2, count: 1, mu, logvar: null, labels: new Uint8Array([4]) });
    expect(absorb(s.of('ae'), { type: 'state', running: false, step: 5, epoch: 1, model: 'ae' })).toBeNull();
    expect(s.of('ae').epoch).toBe(1);
  });

  it('switching keeps the counters of the model left and gives back those of the model shown', () => {
    const s = new ModelStreams('vae');
    expect(s.show('vae', { step: 9, epoch: 0, weightsStep: 9 })).toBeNull();
    expect(s.show('ae', { step: 40, epoch: 1, weightsStep: 38 })).toEqual({ step: 0, epoch: 0, weightsStep: -1 });
    expect(s.active).toBe('ae');
    expect(s.show('vae', { step: 7, epoch: 0, weightsStep: 7 })).toEqual({ step: 40, epoch: 1, weightsStep: 38 });
    expect(s.show('ae', { step: 41, epoch: 1, weightsStep: 41 })).toEqual({ step: 7, epoch: 0, weightsStep: 7 });
  });

  it('new weights for everything empty the hidden models and leave the shown one to its owner', () => {
    const s = new ModelStreams('vae');
    absorb(s.current, chunk(0, 2, 'vae'));
    absorb(s.of('ae'), chunk(0, 2, 'ae'));
    s.of('ae').weightsStep = 2;
    s.clearOthers();
    expect(s.of('ae').metrics.history.steps).toEqual([]);
    expect(s.of('ae').weightsStep).toBe(-1);
    expect(s.of('ae').decoder.step).toBe(-1);
    expect(s.current.metrics.history.steps).toEqual([0, 1]);
  });
});
