import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateModelConfig } from './config';
import { createNetwork } from './network';
import './registerGradientsNode';
import { denseOnly, LOGVAR_MAX, LOGVAR_MIN, type ModelConfig } from './types';

const cfg: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 4, hidden: [64, 32] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createNetwork', () => {
  it('mirrors the encoder in the decoder, with Glorot-uniform weights and zero biases', () => {
    const net = createNetwork(cfg, 1);
    const w = net.getWeights();
    expect(denseOnly(w.encoder, 'test').map((l) => [l.inDim, l.outDim])).toEqual([[784, 64], [64, 32]]);
    expect([w.mu.inDim, w.mu.outDim, w.logvar?.outDim]).toEqual([32, 4, 4]);
    expect(denseOnly(w.decoder, 'test').map((l) => [l.inDim, l.outDim])).toEqual([[4, 32], [32, 64], [64, 784]]);
    const limit = Math.sqrt(6 / (784 + 64));
    const first = w.encoder[0].W;
    expect(Math.max(...first.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...first.map(Math.abs))).toBeGreaterThan(0.95 * limit);
    expect(w.encoder[0].b.every((b) => b === 0)).toBe(true);
    expect(net.variables.length).toBe(net.encoderVariables.length + net.decoderVariables.length);
    net.dispose();
  });

  it('gives identical weights for the same seed and different ones for another', () => {
    const [a, b, c] = [createNetwork(cfg, 7), createNetwork(cfg, 7), createNetwork(cfg, 8)];
    expect(a.getWeights().decoder[1].W).toEqual(b.getWeights().decoder[1].W);
    expect(a.getWeights().decoder[1].W).not.toEqual(c.getWeights().decoder[1].W);
    // The AE of a seed shares every layer it has with the VAE of that seed.
    const ae = createNetwork({ ...cfg, kind: 'ae' }, 7);
    expect(ae.getWeights().decoder[2].W).toEqual(a.getWeights().decoder[2].W);
    expect(ae.getWeights().logvar).toBeNull();
    [a, b, c, ae].forEach((n) => n.dispose());
  });

  it('returns copies, and setWeights restores them', () => {
    const net = createNetwork(cfg, 1);
    const w = net.getWeights();
    const saved = w.mu.W[0];
    w.mu.W[0] = 123;
    expect(net.getWeights().mu.W[0]).toBe(saved);
    const other = createNetwork(cfg, 2);
    other.setWeights(w);
    expect(other.getWeights().mu.W[0]).toBe(123);
    net.dispose();
    other.dispose();
  });

  it('rejects weights of another shape and changes nothing', () => {
    const net = createNetwork(cfg, 1);
    const before = net.getWeights();
    const wider = createNetwork({ ...cfg, hidden: [64, 48] }, 1);
    expect(() => net.setWeights(wider.getWeights())).toThrow(/config/);
    wider.dispose();
    const bad = net.getWeights();
    bad.decoder[2] = { ...bad.decoder[2], W: new Float32Array(10) };
    expect(() => net.setWeights(bad)).toThrow(/decoder\.2 .*expected 64×784/);
    expect(net.getWeights()).toEqual(before);
    net.dispose();
  });

  it('clamps log σ² and has no logvar head in the AE', () => {
    const net = createNetwork(cfg, 1);
    const w = net.getWeights();
    w.logvar!.b.fill(50);
    w.logvar!.b[1] = -50;
    net.setWeights(w);
    const x = tf.ones([2, 784]) as tf.Tensor2D;
    const { mu, logvar } = net.encode(x);
    const lv = logvar!.dataSync();
    expect(Math.max(...lv)).toBe(LOGVAR_MAX);
    expect(Math.min(...lv)).toBe(LOGVAR_MIN);
    tf.dispose([mu, logvar!, x]);
    const ae = createNetwork({ ...cfg, kind: 'ae' }, 1);
    const enc = ae.encode(tf.zeros([1, 784]));
    expect(enc.logvar).toBeNull();
    enc.mu.dispose();
    net.dispose();
    ae.dispose();
  });

  it('has the gradients TF.js autodiff gives for the same layers', () => {
    const net = createNetwork(cfg, 5);
    const x = tf.randomUniform([6, 784], 0, 1, 'float32', 1) as tf.Tensor2D;
    // Any scalar that depends on every variable through both heads and the decoder.
    const loss = (mu: tf.Tensor2D, logvar: tf.Tensor2D, logits: tf.Tensor2D) =>
      tf.add(tf.sum(tf.mul(logits, tf.sub(x, 0.5))), tf.sum(tf.mul(logvar, mu))) as tf.Scalar;
    const ofNet = () => {
      const { mu, logvar } = net.encode(x);
      return loss(mu, logvar!, net.decode(mu));
    };
    // The same network written with plain ops, from the variables in their documented order.
    const ofPlainOps = () => {
      const v = net.variables as tf.Tensor2D[];
      const dense = (h: tf.Tensor2D, i: number) => tf.add(tf.matMul(h, v[i]), v[i + 1]) as tf.Tensor2D;
      const h = tf.relu(dense(tf.relu(dense(x, 0)), 2));
      const mu = dense(h, 4);
      const logvar = tf.clipByValue(dense(h, 6), LOGVAR_MIN, LOGVAR_MAX);
      const logits = dense(tf.relu(dense(tf.relu(dense(mu, 8)), 10)), 12);
      return loss(mu, logvar, logits);
    };
    tf.tidy(() => {
      const a = tf.variableGrads(ofNet, net.variables);
      const b = tf.variableGrads(ofPlainOps, net.variables);
      expect(a.value.dataSync()[0]).toBeCloseTo(b.value.dataSync()[0], 3);
      for (const v of net.variables) {
        const scale = tf.max(tf.abs(b.grads[v.name])).dataSync()[0];
        const diff = tf.max(tf.abs(tf.sub(a.grads[v.name], b.grads[v.name]))).dataSync()[0];
        expect(diff).toBeLessThanOrEqual(1e-5 * Math.max(1, scale));
      }
    });
    x.dispose();
    net.dispose();
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const net = createNetwork(cfg, 3);
    const x = tf.zeros([3, 784]) as tf.Tensor2D;
    const { mu, logvar } = net.encode(x);
    const logits = net.decode(mu);
    tf.dispose([mu, logvar!, logits, x]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('validateModelConfig', () => {
  it('accepts the default and names each problem', () => {
    expect(validateModelConfig(cfg)).toEqual([]);
    const problems = validateModelConfig({ kind: 'vae', inputDim: 100, latentDim: 65, hidden: [4, 512, 512, 512, 512] });
    expect(problems.join('\n')).toMatch(/inputDim must be 784/);
    expect(problems.join('\n')).toMatch(/latentDim must be an integer 1–64, got 65/);
    expect(problems.join('\n')).toMatch(/1–4 layer sizes/);
    expect(validateModelConfig({ ...cfg, hidden: [4] })).toEqual(['hidden layer 1 must be an integer 8–2048, got 4']);
    expect(validateModelConfig({ ...cfg, latentDim: 2.5 })).toHaveLength(1);
    expect(() => createNetwork({ ...cfg, latentDim: 0 }, 1)).toThrow(/Invalid model config: latentDim/);
  });
});
