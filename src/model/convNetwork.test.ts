// The conv network on TF.js's CPU backend: the Keras example's layers and parameter count, its
// seeded PyTorch-default initialisation, the weight round trip and its shape checks, the AE
// variant, gradients through the convolutions (against finite differences), training, and the
// TF.js-free forward pass (mlp.ts + convForward.ts) against TF.js.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerProblem, networkPlan, parameterCount } from './layerPlan';
import { decodeLogits, encodeMlp } from './mlp';
import { createNetwork } from './network';
import './registerGradientsNode';
import { Trainer } from './trainer';
import { DEFAULT_HYPER, isConvLayer, type ConvWeights, type ModelConfig, type NetworkWeights } from './types';

const conv28: ModelConfig = { arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] };
const conv32: ModelConfig = { ...conv28, inputDim: 1024, latentDim: 4 };
const images = (n: number, dim: number, seed: number) => tf.tidy(() => tf.step(tf.sub(tf.randomUniform([n, dim], 0, 1, 'float32', seed), 0.7))) as tf.Tensor2D;
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the conv network’s layers', () => {
  it('has the Keras example’s layers at 28×28: 7×7×64 between convolutions and dense layers, 134,165 parameters (latent 2)', () => {
    const p = networkPlan(conv28);
    const convs = p.encoder.filter((s) => s.op === 'conv').map((s) => s.op !== 'dense' && [s.inChannels, s.outChannels, s.inSide, s.outSide, s.stride]);
    expect(convs).toEqual([[1, 32, 28, 14, 2], [32, 64, 14, 7, 2]]);
    expect(p.encoder[2]).toEqual({ op: 'dense', inDim: 7 * 7 * 64, outDim: 16 });
    expect(p.head).toEqual({ op: 'dense', inDim: 16, outDim: 2 });
    expect(p.decoder[0]).toEqual({ op: 'dense', inDim: 2, outDim: 7 * 7 * 64 });
    const convTs = p.decoder.slice(1).map((s) => s.op !== 'dense' && [s.op, s.inChannels, s.outChannels, s.inSide, s.outSide, s.stride]);
    expect(convTs).toEqual([['convT', 64, 64, 7, 14, 2], ['convT', 64, 32, 14, 28, 2], ['convT', 32, 1, 28, 28, 1]]);
    expect(parameterCount(conv28)).toBe(134_165);
    // The AE has no log σ² head (16·2 + 2 fewer).
    expect(parameterCount({ ...conv28, kind: 'ae' })).toBe(134_165 - 34);
  });

  it('is the same with 8×8 maps for 32×32 inputs', () => {
    const p = networkPlan(conv32);
    expect(p.encoder[2]).toEqual({ op: 'dense', inDim: 8 * 8 * 64, outDim: 16 });
    expect(p.decoder.at(-1)).toMatchObject({ op: 'convT', inSide: 32, outSide: 32, outChannels: 1 });
    const net = createNetwork(conv32, 3);
    const x = images(2, 1024, 1);
    const { mu, logvar } = net.encode(x);
    const out = net.decode(mu);
    expect([mu.shape, logvar?.shape, out.shape]).toEqual([[2, 4], [2, 4], [2, 1024]]);
    tf.dispose([x, mu, logvar!, out]);
    net.dispose();
  });
});

describe('createNetwork with arch conv', () => {
  it('holds exactly the parameters of the plan as variables, encoder first', () => {
    const net = createNetwork(conv28, 1);
    const size = (vs: tf.Variable[]) => vs.reduce((a, v) => a + v.size, 0);
    expect(size(net.variables)).toBe(134_165);
    expect(size(net.encoderVariables)).toBe(320 + 18_496 + 50_192 + 2 * 34);
    expect(net.variables.slice(0, 2).map((v) => v.shape)).toEqual([[3, 3, 1, 32], [32]]);
    expect(net.decoderVariables.at(-2)?.shape).toEqual([3, 3, 1, 32]);
    net.dispose();
  });

  it('starts from PyTorch’s default initialisation, the same for the same seed', () => {
    const a = createNetwork(conv28, 7).getWeights();
    const b = createNetwork(conv28, 7).getWeights();
    const c = createNetwork(conv28, 8).getWeights();
    expect(a).toEqual(b);
    expect(a.encoder[0].W).not.toEqual(c.encoder[0].W);
    // U(−1/√fan_in, 1/√fan_in) for W and b; Conv2DTranspose's fan_in is out·k·k as PyTorch computes it.
    const fanIns = [1 * 9, 32 * 9, 3136, 16, 2, 64 * 9, 32 * 9, 1 * 9];
    const layers = [...a.encoder, a.mu, ...a.decoder];
    layers.forEach((l, k) => {
      const bound = 1 / Math.sqrt(fanIns[k]);
      const all = [...l.W, ...l.b];
      expect(Math.max(...all.map(Math.abs))).toBeLessThanOrEqual(bound);
      // Spread over the range, not bunched near 0.
      expect(Math.max(...all.map(Math.abs))).toBeGreaterThan(0.8 * bound);
    });
  });

  it('encodes flat images to [n, latent] and decodes back to [n, inputDim]; log σ² is clamped', () => {
    const net = createNetwork(conv28, 1);
    const x = images(3, 784, 2);
    const { mu, logvar } = net.encode(x);
    const logits = net.decode(mu);
    expect([mu.shape, logvar?.shape, logits.shape]).toEqual([[3, 2], [3, 2], [3, 784]]);
    expect(logits.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([x, mu, logvar!, logits]);
    net.dispose();
  });

  it('round-trips its weights and refuses weights of another shape, changing nothing', () => {
    const a = createNetwork(conv28, 1);
    const b = createNetwork(conv28, 2);
    const z = tf.tensor2d([[0.5, -1], [2, 0.25]]);
    const before = b.decode(z).dataSync();
    const w = a.getWeights();
    const bad: NetworkWeights = { ...w, decoder: [...w.decoder] };
    const last = w.decoder[3] as ConvWeights;
    bad.decoder[3] = { ...last, stride: 2, outSide: 56 };
    expect(() => b.setWeights(bad)).toThrow(/decoder\.3 is Conv2DTranspose 32→1 .* stride 2, 28→56/);
    expect(() => b.setWeights(createNetwork({ ...conv28, arch: undefined, hidden: [8] }, 1).getWeights())).toThrow(/config/);
    expect(maxAbsDiff(b.decode(z).dataSync(), before)).toBe(0);
    b.setWeights(w);
    expect(b.getWeights()).toEqual(w);
    expect(maxAbsDiff(b.decode(z).dataSync(), a.decode(z).dataSync())).toBe(0);
    z.dispose();
    a.dispose();
    b.dispose();
  });

  it('shares its layers between the AE and the VAE of one seed; the AE has no log σ²', () => {
    const vae = createNetwork(conv28, 4);
    const ae = createNetwork({ ...conv28, kind: 'ae' }, 4);
    const x = images(2, 784, 3);
    const q = ae.encode(x);
    expect(q.logvar).toBeNull();
    const [wa, wv] = [ae.getWeights(), vae.getWeights()];
    expect(wa.encoder).toEqual(wv.encoder);
    expect(wa.decoder).toEqual(wv.decoder);
    expect(wa.logvar).toBeNull();
    expect(() => ae.setWeights({ ...wa, logvar: wv.logvar })).toThrow(/AE has no logvar/);
    tf.dispose([x, q.mu]);
    vae.dispose();
    ae.dispose();
  });

  it('passes gradients through the convolutions that match finite differences', () => {
    const net = createNetwork({ ...conv28, kind: 'ae' }, 5);
    const x = images(2, 784, 4);
    const loss = () => tf.tidy(() => tf.sum(tf.square(tf.sigmoid(net.decode(net.encode(x).mu)))) as tf.Scalar);
    const { grads } = tf.variableGrads(loss, net.variables);
    const gs = net.variables.map((v) => grads[v.name].dataSync());
    // Every layer gets a gradient, the first convolution's filter included.
    for (const g of gs) expect(g.some((v) => v !== 0) && g.every(Number.isFinite)).toBe(true);
    // Central differences at the steepest entry of the first Conv2D's filter, of the first
    // Conv2DTranspose's filter and of its bias (the steepest, so float32 rounding stays small).
    for (const vi of [0, net.encoderVariables.length + 2, net.encoderVariables.length + 3]) {
      const v = net.variables[vi];
      const values = v.dataSync().slice();
      const idx = Array.from(gs[vi], Math.abs).reduce((best, g, i, all) => (g > all[best] ? i : best), 0);
      const h = 5e-3;
      const at = (delta: number) => {
        const moved = values.slice();
        moved[idx] += delta;
        v.assign(tf.tensor(moved, v.shape));
        return loss().dataSync()[0];
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      v.assign(tf.tensor(values, v.shape));
      expect(Math.abs(gs[vi][idx] - numeric)).toBeLessThanOrEqual(0.1 * Math.abs(numeric));
    }
    tf.dispose(Object.values(grads));
    x.dispose();
    net.dispose();
  });

  // Few and small steps: TF.js's CPU convolutions take seconds per step under load.
  it('trains: 3 Adam steps on one batch move every layer and lower the loss, with no tensor left behind', () => {
    const net = createNetwork({ ...conv28, kind: 'ae' }, 1);
    const start = net.getWeights();
    const trainer = new Trainer(net, { ...DEFAULT_HYPER, learningRate: 1e-2 }, 1);
    const x = images(2, 784, 5);
    const first = trainer.step(x);
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 2; i++) last = trainer.step(x);
    expect(tf.memory().numTensors).toBe(before);
    expect(first.ok && last.ok).toBe(true);
    if (first.ok && last.ok) expect(-last.metrics.elbo).toBeLessThan(-first.metrics.elbo);
    const end = net.getWeights();
    const layers = (w: NetworkWeights) => [...w.encoder, w.mu, ...w.decoder];
    layers(end).forEach((l, k) => expect(maxAbsDiff(l.W, layers(start)[k].W)).toBeGreaterThan(1e-4));
    x.dispose();
    trainer.dispose();
    net.dispose();
  }, 300_000);
});

describe('the TF.js-free forward pass of the conv network', () => {
  it.each([conv28, conv32])('decodes and encodes as TF.js does (max |Δ| ≤ 1e-5 on logits) for inputDim $inputDim', (config) => {
    const net = createNetwork(config, 9);
    const w = net.getWeights();
    expect(w.decoder.slice(1).every(isConvLayer)).toBe(true);
    const n = 3;
    const z = tf.randomNormal([n, config.latentDim], 0, 1.5, 'float32', 3) as tf.Tensor2D;
    const want = net.decode(z);
    const got = decodeLogits(w, z.dataSync() as Float32Array, n);
    expect(got.length).toBe(n * config.inputDim);
    expect(maxAbsDiff(got, want.dataSync())).toBeLessThanOrEqual(1e-5);
    const x = images(n, config.inputDim, 6);
    const q = net.encode(x);
    const plain = encodeMlp(w, x.dataSync() as Float32Array, n);
    expect(maxAbsDiff(plain.mu, q.mu.dataSync())).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(plain.logvar!, q.logvar!.dataSync())).toBeLessThanOrEqual(1e-5);
    tf.dispose([z, want, x, q.mu, q.logvar!]);
    net.dispose();
  });

  it('names a layer whose weights do not fit', () => {
    const w = createNetwork(conv28, 1).getWeights();
    const plan = networkPlan(conv28);
    expect(layerProblem('encoder.0', w.encoder[0], plan.encoder[0])).toBeNull();
    expect(layerProblem('encoder.0', w.encoder[1], plan.encoder[0])).toMatch(/encoder\.0 is Conv2D 32→64 channels.*expected Conv2D 1→32 channels/);
    expect(layerProblem('decoder.0', w.decoder[1], plan.decoder[0])).toMatch(/expected dense 2×3136/);
  });
});
