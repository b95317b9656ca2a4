import { describe, expect, it } from 'vitest';
import type { FromTrainer } from '../shared/protocol';
import { absorb, ModelStreams, shownModel } from './modelStreams';

const chunk = (firstStep: number, n: number, model: 'a' | 'b'): FromTrainer => ({
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
  it('shows Model A first in Compare and Model B in the AE view', () => {
    expect(shownModel('compare')).toBe('a');
    expect(shownModel('vae')).toBe('a');
    expect(shownModel('ae')).toBe('b');
  });

  it('files a hidden model’s curves, codes and counters under that model, not the shown one', () => {
    const s = new ModelStreams('a');
    expect(absorb(s.of('b'), chunk(0, 3, 'b'))).toBe('metrics');
    expect(s.of('b').metrics.history.steps).toEqual([0, 1, 2]);
    expect(s.of('b').step).toBe(3);
    expect(s.current.metrics.history.steps).toEqual([]);
    const mu = new Float32Array([1, 2]);
    const latent: FromTrainer = { type: 'latent', step: 3, kind: 'ae', dim: 2, count: 1, mu, logvar: null, labels: new Uint8Array([4]), model: 'b' };
    expect(absorb(s.of('b'), latent)).toBe('latent');
    expect(s.of('b').latent).toEqual({ step: 3, kind: 'ae', dim: 2, count: 1, mu, logvar: null, labels: new Uint8Array([4]) });
    expect(absorb(s.of('b'), { type: 'state', running: false, step: 5, epoch: 1, model: 'b' })).toBeNull();
    expect(s.of('b').epoch).toBe(1);
  });

  it('switching keeps the counters of the model left and gives back those of the model shown', () => {
    const s = new ModelStreams('a');
    expect(s.show('a', { step: 9, epoch: 0, weightsStep: 9 })).toBeNull();
    expect(s.show('b', { step: 40, epoch: 1, weightsStep: 38 })).toEqual({ step: 0, epoch: 0, weightsStep: -1 });
    expect(s.active).toBe('b');
    expect(s.show('a', { step: 7, epoch: 0, weightsStep: 7 })).toEqual({ step: 40, epoch: 1, weightsStep: 38 });
    expect(s.show('b', { step: 41, epoch: 1, weightsStep: 41 })).toEqual({ step: 7, epoch: 0, weightsStep: 7 });
  });

  it('new weights for everything empty the hidden models and leave the shown one to its owner', () => {
    const s = new ModelStreams('a');
    absorb(s.current, chunk(0, 2, 'a'));
    absorb(s.of('b'), chunk(0, 2, 'b'));
    s.of('b').weightsStep = 2;
    s.clearOthers();
    expect(s.of('b').metrics.history.steps).toEqual([]);
    expect(s.of('b').weightsStep).toBe(-1);
    expect(s.of('b').decoder.step).toBe(-1);
    expect(s.current.metrics.history.steps).toEqual([0, 1]);
  });
});
