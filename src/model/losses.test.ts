import '@tensorflow/tfjs-backend-cpu';
import './registerGradientsNode';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bernoulliLogLik, gaussianLogLik, klDivergence, lossTerms } from './losses';
import { createNetwork } from './network';
import { DEFAULT_HYPER, type ModelConfig } from './types';

const small = (kind: 'vae' | 'ae'): ModelConfig => ({ kind, inputDim: 784, latentDim: 3, hidden: [32, 16] });
const batch = (n: number, seed = 11) => tf.randomUniform([n, 784], 0, 1, 'float32', seed) as tf.Tensor2D;
const read = (t: tf.Tensor) => {
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('klDivergence', () => {
  it('is exactly 0 at μ = 0, log σ² = 0', () => {
    expect(read(klDivergence(tf.zeros([4, 5]), tf.zeros([4, 5])))).toEqual([0, 0, 0, 0]);
  });

  it('equals a Monte Carlo estimate of E_q[log q(z) − log p(z)]', () => {
    const mu = [0.5, -1.2, 2.0];
    const logvar = [-0.7, 0.4, -2.0];
    const analytic = read(klDivergence(tf.tensor2d([mu]), tf.tensor2d([logvar])))[0];
    const N = 200_000;
    const eps = tf.randomNormal([N, 3], 0, 1, 'float32', 5).dataSync();
    let sum = 0;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < 3; j++) {
        const e = eps[i * 3 + j];
        const z = mu[j] + Math.exp(logvar[j] / 2) * e;
        // log q − log p; the log 2π terms cancel.
        sum += -0.5 * (e * e + logvar[j]) + 0.5 * z * z;
      }
    }
    expect(analytic).toBeGreaterThan(1);
    expect(Math.abs(sum / N - analytic)).toBeLessThan(0.03);
  });
});

describe('bernoulliLogLik', () => {
  it('equals the naive formula where that is finite', () => {
    const logits = [-5, -1.3, -0.2, 0.1, 0.7, 2.5, 4.9];
    const xs = [0, 0.1, 0.5, 0.9, 1, 0.3, 0.8];
    const naive = logits.reduce((s, l, i) => {
      const p = 1 / (1 + Math.exp(-l));
      return s + xs[i] * Math.log(p) + (1 - xs[i]) * Math.log(1 - p);
    }, 0);
    const [stable] = read(bernoulliLogLik(tf.tensor2d([xs]), tf.tensor2d([logits])));
    expect(stable).toBeCloseTo(naive, 4);
  });

  it('stays finite at ℓ = ±100, where log(sigmoid) in float32 is −∞', () => {
    const x = tf.tensor2d([[0.5, 0.5]]);
    const l = tf.tensor2d([[100, -100]]);
    const naive = read(tf.sum(tf.add(tf.mul(x, tf.log(tf.sigmoid(l))), tf.mul(tf.sub(1, x), tf.log(tf.sub(1, tf.sigmoid(l)))))));
    expect(naive[0]).toBe(-Infinity);
    // Each pixel: −(max(ℓ,0) − ℓ/2 + log(1 + e^−100)) = −50.
    expect(read(bernoulliLogLik(x, l))[0]).toBeCloseTo(-100, 4);
  });
});

describe('gaussianLogLik', () => {
  it('equals −‖x − sigmoid(ℓ)‖²/(2σ²) − (D/2)·log(2πσ²)', () => {
    const xs = Array.from({ length: 784 }, (_, i) => (i % 17) / 16);
    const ls = Array.from({ length: 784 }, (_, i) => Math.sin(i) * 3);
    for (const sigma of [1, 0.1]) {
      const sq = xs.reduce((s, x, i) => s + (x - 1 / (1 + Math.exp(-ls[i]))) ** 2, 0);
      const expected = -sq / (2 * sigma * sigma) - 392 * Math.log(2 * Math.PI * sigma * sigma);
      const [got] = read(gaussianLogLik(tf.tensor2d([xs]), tf.tensor2d([ls]), sigma));
      expect(Math.abs(got - expected) / Math.abs(expected)).toBeLessThan(1e-5);
    }
  });
});

describe('lossTerms', () => {
  const gradNorms = (vars: tf.Variable[], f: () => tf.Scalar) => {
    const { value, grads } = tf.variableGrads(f, vars);
    value.dispose();
    const norms = vars.map((v) => (grads[v.name] ? read(tf.norm(grads[v.name]))[0] : 0));
    tf.dispose(grads);
    return norms;
  };

  it('sends reconstruction gradient to the encoder only with the reparameterization trick', () => {
    const net = createNetwork(small('vae'), 1);
    const x = batch(16);
    const recon = (reparam: boolean) => () => lossTerms(net, x, { ...DEFAULT_HYPER, reparam }, 3).recon;
    const kl = () => lossTerms(net, x, { ...DEFAULT_HYPER, reparam: false }, 3).kl;
    expect(gradNorms(net.encoderVariables, recon(true)).filter((g) => g > 0).length).toBeGreaterThan(0);
    expect(gradNorms(net.encoderVariables, recon(false)).every((g) => g === 0)).toBe(true);
    expect(gradNorms(net.decoderVariables, recon(false)).some((g) => g > 0)).toBe(true);
    expect(gradNorms(net.encoderVariables, kl).some((g) => g > 0)).toBe(true);
    net.dispose();
    x.dispose();
  });

  it('gives the AE no KL and no sampling', () => {
    const net = createNetwork(small('ae'), 1);
    const x = batch(8);
    const a = lossTerms(net, x, DEFAULT_HYPER, 1);
    const b = lossTerms(net, x, DEFAULT_HYPER, 999);
    expect(read(a.kl)[0]).toBe(0);
    const reconA = read(a.recon)[0];
    expect(read(b.recon)[0]).toBe(reconA);
    expect(read(a.elbo)[0]).toBe(-reconA);
    tf.dispose([a, b, x]);
    net.dispose();
  });

  it('applies β to the objective but not to the ELBO', () => {
    const net = createNetwork(small('vae'), 2);
    const x = batch(8);
    const at = (beta: number) => {
      const t = lossTerms(net, x, { ...DEFAULT_HYPER, beta }, 4);
      return { objective: read(t.objective)[0], elbo: read(t.elbo)[0], recon: read(t.recon)[0], kl: read(t.kl)[0] };
    };
    const one = at(1);
    const four = at(4);
    expect(four.elbo).toBe(one.elbo);
    expect(one.objective).toBeCloseTo(-one.elbo, 3);
    expect(four.objective).toBeCloseTo(four.recon + 4 * four.kl, 3);
    expect(four.objective - one.objective).toBeCloseTo(3 * one.kl, 3);
    net.dispose();
    x.dispose();
  });

  it('averages recon over L samples and keeps KL analytic', () => {
    const net = createNetwork(small('vae'), 3);
    const x = batch(8);
    const one = lossTerms(net, x, DEFAULT_HYPER, 5);
    const many = lossTerms(net, x, { ...DEFAULT_HYPER, samples: 8 }, 5);
    expect(read(many.kl)[0]).toBe(read(one.kl)[0]);
    expect(read(many.recon)[0]).not.toBe(read(one.recon)[0]);
    tf.dispose([one, many, x]);
    net.dispose();
  });
});

describe('the capacity objective (Burgess et al. 2018)', () => {
  it('minimises recon + γ·|KL − C(step)|, with C on its ramp, while the ELBO stays the true one', () => {
    const net = createNetwork({ kind: 'vae', inputDim: 784, latentDim: 3, hidden: [16] }, 2);
    const x = tf.tidy(() => tf.round(tf.randomUniform([8, 784], 0, 1, 'float32', 3)) as tf.Tensor2D);
    const h = { ...DEFAULT_HYPER, objective: 'capacity' as const, gamma: 100, cMax: 20, rampSteps: 1000 };
    const read = (t: ReturnType<typeof lossTerms>) => {
      const out = { objective: t.objective.dataSync()[0], elbo: t.elbo.dataSync()[0], recon: t.recon.dataSync()[0], kl: t.kl.dataSync()[0] };
      tf.dispose(t);
      return out;
    };
    for (const step of [0, 250, 1000, 5000]) {
      const t = read(lossTerms(net, x, h, 7, step));
      const c = 20 * Math.min(1, step / 1000);
      expect(t.objective).toBeCloseTo(t.recon + 100 * Math.abs(t.kl - c), 2);
      expect(t.elbo).toBeCloseTo(-(t.recon + t.kl), 3);
    }
    // The β objective ignores the capacity settings when it is not chosen.
    const beta = read(lossTerms(net, x, { ...h, objective: 'beta', beta: 2 }, 7, 500));
    expect(beta.objective).toBeCloseTo(beta.recon + 2 * beta.kl, 3);
    tf.dispose(x);
    net.dispose();
  });
});
