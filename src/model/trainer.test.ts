import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importanceWeightedLogpx } from './logpx';
import { createNetwork } from './network';
import './registerGradientsNode';
import { Trainer } from './trainer';
import { DEFAULT_HYPER, type Hyper, type ModelConfig, type NetworkWeights } from './types';

// Tiny, because the CPU backend's elementwise ops (Adam's update) dominate test time.
const cfg: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [8] };
const batch = (n: number, seed: number) => tf.randomUniform([n, 784], 0, 1, 'float32', seed) as tf.Tensor2D;
const flat = (w: NetworkWeights) => [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder].flatMap((l) => [...l.W, ...l.b]);

function setup(seed = 1, hyper: Partial<Hyper> = {}, config = cfg) {
  const net = createNetwork(config, seed);
  const trainer = new Trainer(net, { ...DEFAULT_HYPER, ...hyper }, seed);
  return { net, trainer, dispose: () => (trainer.dispose(), net.dispose()) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Trainer.step', () => {
  it('leaks no tensor over 200 steps, evaluation and log p(x)', async () => {
    const { trainer, dispose } = setup();
    const x = batch(16, 2);
    trainer.step(x); // creates Adam's moment variables
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) expect(trainer.step(x).ok).toBe(true);
    trainer.setHyper({ samples: 3, reparam: false, likelihood: 'gaussian' });
    trainer.step(x);
    trainer.evaluate(x, 5);
    await trainer.logpx(x, 7);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    dispose();
  });

  it('skips a NaN batch: ok false, weights unchanged, and training goes on', () => {
    const { net, trainer, dispose } = setup();
    const x = batch(8, 3);
    trainer.step(x);
    const before = net.getWeights();
    const values = x.arraySync();
    values[2][100] = NaN;
    const bad = tf.tensor2d(values);
    const r = trainer.step(bad);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toBe('nan');
    expect(Number.isNaN(r.metrics.elbo)).toBe(true);
    expect(net.getWeights()).toEqual(before);
    expect(trainer.stepCount).toBe(1);
    expect(trainer.step(x).ok).toBe(true);
    expect(flat(net.getWeights())).not.toEqual(flat(before));
    tf.dispose([x, bad]);
    dispose();
  });

  it('repeats its first losses for the same seed, not for another', () => {
    const run = (seed: number) => {
      const { trainer, dispose } = setup(seed);
      const losses = [4, 5, 6].map((s) => {
        const x = batch(16, s);
        const r = trainer.step(x);
        x.dispose();
        return r.metrics.objective;
      });
      dispose();
      return losses;
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
  });

  it('reports recon + β·kl as the objective and the true ELBO beside it', () => {
    const { trainer, dispose } = setup(1, { beta: 3 });
    const x = batch(8, 9);
    const { metrics: m } = trainer.step(x);
    expect(m.objective).toBeCloseTo(m.recon + 3 * m.kl, 3);
    expect(m.elbo).toBeCloseTo(-(m.recon + m.kl), 3);
    x.dispose();
    dispose();
  });

  it('applies a new learning rate to the next step', () => {
    const { net, trainer, dispose } = setup(1, { warmStart: false });
    const x = batch(8, 10);
    const maxChange = () => {
      const before = flat(net.getWeights());
      trainer.step(x);
      return Math.max(...flat(net.getWeights()).map((w, i) => Math.abs(w - before[i])));
    };
    // Adam's first steps move each weight by about the learning rate.
    expect(maxChange()).toBeLessThan(1.5e-3);
    trainer.setHyper({ learningRate: 0.05 });
    expect(trainer.hyper.learningRate).toBe(0.05);
    expect(maxChange()).toBeGreaterThan(0.02);
    expect(() => trainer.setHyper({ learningRate: -1 })).toThrow(/learning rate/);
    x.dispose();
    dispose();
  });
});

describe('Trainer.evaluate and logpx', () => {
  it('evaluates repeatably, whatever the batch size, with β in the objective only', () => {
    const { trainer, dispose } = setup(1, { beta: 2 });
    const x = batch(30, 11);
    const a = trainer.evaluate(x, 7);
    expect(trainer.evaluate(x, 7)).toEqual(a);
    expect(a.objective).toBeCloseTo(a.recon + 2 * a.kl, 3);
    expect(a.elbo).toBeCloseTo(-(a.recon + a.kl), 3);
    // Another batching draws other ε but estimates the same expectation.
    expect(Math.abs(trainer.evaluate(x, 30).elbo - a.elbo)).toBeLessThan(5);
    x.dispose();
    dispose();
  });

  it('gives the AE kl 0 and elbo = −recon', async () => {
    const { trainer, dispose } = setup(1, {}, { ...cfg, kind: 'ae' });
    const x = batch(16, 12);
    trainer.step(x);
    const m = trainer.evaluate(x);
    expect(m.kl).toBe(0);
    expect(m.elbo).toBe(-m.recon);
    expect(m.objective).toBe(m.recon);
    await expect(trainer.logpx(x, 5)).rejects.toThrow(/VAE/);
    x.dispose();
    dispose();
  });

  it('estimates log p(x) ≥ the K-sample ELBO, equal at K = 1, and reports progress', async () => {
    const { trainer, dispose } = setup(5);
    const x = batch(12, 13);
    for (let i = 0; i < 5; i++) trainer.step(x);
    const one = await trainer.logpx(x, 1);
    expect(one.logpx).toBeCloseTo(one.elbo, 4);
    const many = await trainer.logpx(x, 200);
    expect(many.logpx).toBeGreaterThan(many.elbo);
    expect(Math.abs(many.elbo - trainer.evaluate(x).elbo)).toBeLessThan(5);
    expect(await trainer.logpx(x, 200)).toEqual(many);
    // 64 rows at a time: one image per batch, its 200 samples in four chunks.
    const progress: number[] = [];
    const chunked = await importanceWeightedLogpx(trainer.net, x, 200, trainer.hyper, 9, (d, t) => progress.push(d / t), 64);
    expect(progress).toHaveLength(12);
    expect(progress[11]).toBe(1);
    expect(chunked.logpx).toBeGreaterThan(chunked.elbo);
    expect(Math.abs(chunked.logpx - many.logpx)).toBeLessThan(1);
    x.dispose();
    dispose();
  });
});

describe('the fast start', () => {
  it('steps at 4× the set rate for 300 steps, eases back by step 1,000, and is off when asked', () => {
    const { trainer, dispose } = setup(1, { warmStart: true, learningRate: 1e-3 });
    expect(trainer.effectiveLearningRate).toBeCloseTo(4e-3, 9);
    trainer.stepCount = 299;
    expect(trainer.effectiveLearningRate).toBeCloseTo(4e-3, 9);
    trainer.stepCount = 650;
    expect(trainer.effectiveLearningRate).toBeCloseTo(2.5e-3, 9);
    trainer.stepCount = 1000;
    expect(trainer.effectiveLearningRate).toBe(1e-3);
    trainer.setHyper({ warmStart: false });
    trainer.stepCount = 0;
    expect(trainer.effectiveLearningRate).toBe(1e-3);
    dispose();
  });

  it('moves the weights about 4× as far on the first step', () => {
    const change = (warmStart: boolean) => {
      const { net, trainer, dispose } = setup(1, { warmStart });
      const x = batch(8, 10);
      const before = flat(net.getWeights());
      trainer.step(x);
      const moved = Math.max(...flat(net.getWeights()).map((w, i) => Math.abs(w - before[i])));
      x.dispose();
      dispose();
      return moved;
    };
    expect(change(true) / change(false)).toBeCloseTo(4, 1);
  });
});
