// The CLI's Shapes path end to end on a tiny model: the data train.ts loads (cliData.ts), one
// epoch through trainEpoch as train.ts runs it, the JSON line's disentanglement fields, and a
// checkpoint that reads back as a 1024-input Shapes model.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchSampler, toFloat32 } from '../src/data';
import { EVAL_SIZE, FACTOR_NAMES, FACTOR_SIZES } from '../src/data/shapes';
import { createNetwork, DEFAULT_HYPER, parseCheckpoint, serializeCheckpoint, Trainer, type ModelConfig } from '../src/model';
import '../src/model/registerGradientsNode';
import { CliDataError, loadCliData } from './cliData';
import { latentFields } from '../src/model/latentEval';
import { trainEpoch } from './trainEpoch';

const quiet = () => {};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the CLI on Shapes', () => {
  it('trains a tiny VAE for an epoch and reports MIG, the latent × factor MI matrix and KL per dimension', async () => {
    const data = await loadCliData({ dataset: 'shapes', trainSize: 256, seed: 1 }, quiet);
    expect(data).toMatchObject({ dim: 1024, trainCount: 256 });
    expect(data.test).toMatchObject({ dataset: 'shapes', count: EVAL_SIZE, height: 32, width: 32 });
    expect(data.factors).toHaveLength(FACTOR_NAMES.length);
    const batch = data.trainBatch([0, 255]);
    expect(batch).toHaveLength(2 * 1024);
    expect(Math.max(...batch)).toBeLessThanOrEqual(1);
    expect(batch.some((v) => v > 0.5)).toBe(true);

    // The first 2,000 evaluation images, so the test's evaluation on the plain-JS CPU backend
    // takes seconds (all 10,000 take about 15 s there); the code path is the CLI's.
    const n = 2000;
    const small = {
      ...data,
      test: { ...data.test, count: n, pixels: data.test.pixels.subarray(0, n * 1024), labels: data.test.labels.subarray(0, n) },
      factors: data.factors!.map((f) => f.subarray(0, n)),
    };
    const config: ModelConfig = { kind: 'vae', inputDim: 1024, latentDim: 3, hidden: [32] };
    const hyper = { ...DEFAULT_HYPER, beta: 4, batchSize: 64 };
    const net = createNetwork(config, 1);
    const trainer = new Trainer(net, hyper, 1);
    const xTest = tf.tensor2d(toFloat32(small.test.pixels, null, 1024), [n, 1024]);
    const run = { net, trainer, sampler: new BatchSampler(small.trainCount, hyper.batchSize, 1), data: small, xTest, hyper, backend: 'cpu', threads: 1, log: quiet };
    const { line, testMetrics } = trainEpoch(run, 1);

    expect(line).toMatchObject({ epoch: 1, step: 4, backend: 'cpu' });
    // Images per CPU second of the process (the bench's load-robust rate): the CPU did work.
    expect(line.imagesPerCpuSec).toBeGreaterThan(0);
    expect(Number.isFinite(line.imagesPerCpuSec)).toBe(true);
    expect(line.objective).toEqual({ train: expect.any(Number), test: testMetrics.objective });
    const mig = line.mig as number;
    expect(mig).toBeGreaterThanOrEqual(0);
    expect(mig).toBeLessThanOrEqual(1);
    const mi = line.mi as number[][];
    expect(mi).toHaveLength(3);
    for (const row of mi) {
      expect(row).toHaveLength(FACTOR_NAMES.length);
      for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(line.factorNames).toEqual(FACTOR_NAMES);
    // The factor entropies over these images: a little under log of each factor's size (a sample of 2,000).
    const entropy = line.factorEntropy as number[];
    FACTOR_NAMES.forEach((name, k) => {
      expect(entropy[k]).toBeLessThanOrEqual(Math.log(FACTOR_SIZES[name]) + 1e-4);
      expect(entropy[k]).toBeGreaterThan(Math.log(FACTOR_SIZES[name]) - 0.15);
    });
    // MIG is the mean of the per-factor gaps, and each gap is (best − second best MI) / H.
    const gap = line.migGap as number[];
    FACTOR_NAMES.forEach((_, k) => {
      const col = mi.map((row) => row[k]).sort((a, b) => b - a);
      expect(gap[k]).toBeCloseTo((col[0] - col[1]) / entropy[k], 2);
    });
    expect(mig).toBeCloseTo(gap.reduce((s, g) => s + g, 0) / gap.length, 3);
    // KL per dimension over the same images sums to the test KL.
    const kl = line.klPerDim as number[];
    expect(kl).toHaveLength(3);
    expect(kl.reduce((s, v) => s + v, 0)).toBeCloseTo(testMetrics.kl, 2);
    expect(line).not.toHaveProperty('migNote');
    expect(JSON.parse(JSON.stringify(line))).toEqual(line);

    const bytes = serializeCheckpoint({
      format: 'vae-playground', version: 1, dataset: 'shapes', config, hyper, seed: 1, step: trainer.stepCount, epoch: 1,
      createdAt: new Date(0).toISOString(), history: { epochs: [line] }, testMetrics, weights: net.getWeights(),
    });
    const back = parseCheckpoint(bytes);
    expect(back.config).toEqual(config);
    expect(back.dataset).toBe('shapes');
    tf.dispose(xTest);
    trainer.dispose();
    net.dispose();
  }, 30_000);

  it('says why there is no MIG (latent dimension 1, a factor that never varies), gives the AE no KL per dimension, and leaks no tensor', () => {
    const x = tf.tidy(() => tf.randomUniform([40, 1024], 0, 1, 'float32', 3) as tf.Tensor2D);
    const factors = FACTOR_NAMES.map((_, k) => Uint8Array.from({ length: 40 }, (_, i) => Math.floor(i / (k + 1)) % 3));
    const one = createNetwork({ kind: 'vae', inputDim: 1024, latentDim: 1, hidden: [8] }, 1);
    const ae = createNetwork({ kind: 'ae', inputDim: 1024, latentDim: 2, hidden: [8] }, 1);
    const vae = createNetwork({ kind: 'vae', inputDim: 1024, latentDim: 2, hidden: [8] }, 1);
    const before = tf.memory().numTensors;
    const f1 = latentFields(one, x, factors);
    expect(f1.mig).toBeUndefined();
    expect(f1.migNote).toMatch(/latent dimension 1.*at least 2/);
    expect(f1.klPerDim).toHaveLength(1);
    const fa = latentFields(ae, x, factors);
    expect(fa.klPerDim).toBeUndefined();
    expect(fa.mi).toHaveLength(2);
    // MNIST and Fashion have no factors: KL per dimension only.
    const fm = latentFields(vae, x, null);
    expect(Object.keys(fm)).toEqual(['klPerDim']);
    const still = latentFields(ae, x, [...factors.slice(0, 4), new Uint8Array(40)]);
    expect(still.mig).toBeUndefined();
    expect(still.migNote).toMatch(/^no MIG: .*factor 4 has the same value on every image/);
    expect(tf.memory().numTensors).toBe(before);
    for (const net of [one, ae, vae]) net.dispose();
    tf.dispose(x);
  });

  it('refuses a training set larger than the grid leaves', async () => {
    await expect(loadCliData({ dataset: 'shapes', trainSize: 800_000, seed: 1 }, quiet)).rejects.toThrow(CliDataError);
    await expect(loadCliData({ dataset: 'shapes', trainSize: 800_000, seed: 1 }, quiet)).rejects.toThrow(/at most 727280 for shapes/);
  });
});
