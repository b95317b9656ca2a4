import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeUnits, decodeMeans, encodeMlp } from './mlp';
import { createNetwork } from './network';
import { LOGVAR_MAX, type ModelConfig } from './types';

const cfg: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 5, hidden: [96, 40] };
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('plain-JS forward pass', () => {
  it('decodes like TF.js within 1e-5, into a reused buffer', () => {
    const net = createNetwork(cfg, 3);
    // Non-zero biases, so the test also covers them.
    const w = net.getWeights();
    w.decoder.forEach((l) => l.b.forEach((_, j) => (l.b[j] = Math.sin(j) * 0.3)));
    net.setWeights(w);
    const z = tf.randomNormal([7, 5], 0, 1.5, 'float32', 1) as tf.Tensor2D;
    const expected = tf.tidy(() => tf.sigmoid(net.decode(z)).dataSync());
    const out = new Float32Array(7 * 784);
    const got = decodeMeans(net.getWeights(), z.dataSync() as Float32Array, 7, out);
    expect(got).toBe(out);
    expect(maxDiff(got, expected)).toBeLessThan(1e-5);
    expect(() => decodeMeans(w, new Float32Array(4), 1)).toThrow(/need 1×5/);
    z.dispose();
    net.dispose();
  });

  it('encodes like TF.js within 1e-5, clamping log σ² the same way', () => {
    const net = createNetwork(cfg, 4);
    const w = net.getWeights();
    w.logvar!.b[0] = 40;
    net.setWeights(w);
    const x = tf.randomUniform([6, 784], 0, 1, 'float32', 2) as tf.Tensor2D;
    const tfOut = net.encode(x);
    const js = encodeMlp(w, x.dataSync() as Float32Array, 6);
    expect(maxDiff(js.mu, tfOut.mu.dataSync())).toBeLessThan(1e-5);
    expect(maxDiff(js.logvar!, tfOut.logvar!.dataSync())).toBeLessThan(1e-5);
    expect(js.logvar![0]).toBe(LOGVAR_MAX);
    tf.dispose([x, tfOut.mu, tfOut.logvar!]);
    net.dispose();
  });

  it('gives the AE μ only', () => {
    const net = createNetwork({ ...cfg, kind: 'ae' }, 4);
    const x = new Float32Array(2 * 784).fill(0.5);
    const js = encodeMlp(net.getWeights(), x, 2);
    expect(js.logvar).toBeNull();
    const mu = tf.tidy(() => net.encode(tf.tensor2d(x, [2, 784])).mu.dataSync());
    expect(maxDiff(js.mu, mu)).toBeLessThan(1e-5);
    net.dispose();
  });
});

describe('activeUnits', () => {
  it('counts the dimensions whose μ varies across images by more than the threshold', () => {
    const n = 100;
    const mu = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      mu[i * 3] = i % 2 ? 1 : -1; // variance 1: active
      mu[i * 3 + 1] = 0.3; // constant: collapsed
      mu[i * 3 + 2] = i % 2 ? 0.05 : -0.05; // variance 0.0025: collapsed
    }
    expect(activeUnits(mu, n, 3)).toBe(1);
    expect(activeUnits(mu, n, 3, 0.001)).toBe(2);
  });
});
