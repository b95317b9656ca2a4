// The sweep's points: R = test KL, D = test reconstruction, −ELBO = R + D, labelled by β, named
// with their figures; the sweep's number joins the names once two sweeps are kept.
import { describe, expect, it } from 'vitest';
import { SweepStore } from '../../client/sweepStore';
import { DEFAULT_HYPER, type NetworkWeights } from '../../model/types';
import type { SessionConfig } from '../../shared/protocol';
import { translator } from '../i18n/translate';
import { sweepPoints } from './sweepPoints';

const config: SessionConfig = { dataset: 'mnist', model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [4] }, hyper: { ...DEFAULT_HYPER }, seed: 1 };
const dense = (inDim: number, outDim: number) => ({ inDim, outDim, W: new Float32Array(inDim * outDim), b: new Float32Array(outDim) });
const weights: NetworkWeights = { config: config.model, encoder: [dense(784, 4)], mu: dense(4, 2), logvar: dense(4, 2), decoder: [dense(2, 4), dense(4, 784)] };

function add(store: SweepStore, betas: number[], kl: (b: number) => number): void {
  const id = store.begin(betas, 60);
  betas.forEach((beta, index) =>
    store.model({ sweepId: id, index, beta, step: 60, config, weights, mig: beta === 4 ? 0.25 : null, test: { elbo: -(150 + kl(beta)), recon: 150, kl: kl(beta), objective: 0, full: true, count: 10000 } }),
  );
  store.progress({ sweepId: id, phase: 'done', index: betas.length - 1, of: betas.length, step: 60, steps: 60 });
}

describe('sweepPoints', () => {
  it('places each model at (KL, reconstruction), labels it with its β and names it with its figures', () => {
    const store = new SweepStore();
    add(store, [0.5, 4], (b) => 10 / b);
    const [a, b] = sweepPoints(store.get(), translator('en'));
    expect(a).toMatchObject({ beta: 0.5, rate: 20, distortion: 150, negElbo: 170, label: 'β = 0.5', name: 'Sweep model β = 0.5 · R 20.0 · D 150.0 · −ELBO 170.0' });
    expect(b?.name).toBe('Sweep model β = 4 · R 2.50 · D 150.0 · −ELBO 152.5 · MIG 0.25');
    expect(sweepPoints(store.get(), translator('ja'))[0]?.name).toBe('スイープのモデル β = 0.5 · R 20.0 · D 150.0 · −ELBO 170.0');
  });

  it('adds the sweep’s number once two sweeps are kept', () => {
    const store = new SweepStore();
    add(store, [1], () => 5);
    add(store, [1], () => 6);
    expect(sweepPoints(store.get(), translator('en')).map((p) => p.label)).toEqual(['β = 1 (Sweep 1)', 'β = 1 (Sweep 2)']);
  });
});
