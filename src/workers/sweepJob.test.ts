// The in-app β sweep, through the training worker's dispatcher: one model per β on identical
// batches (a hash of each batch's image indices, step by step, per model), the same step budget,
// test figures with −ELBO = R + D, no tensor left behind, pause/resume/cancel, Train pausing the
// sweep, bad lists refused, and a finished model opened as Compare's Model B with Model A kept.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cpuController, mnistConfig, recordBatches } from './controllerFixtures';

const config = mnistConfig();
// 200 training images at batch 32: an epoch is 7 batches.
const h = cpuController({ train: 200, test: 300 });
const { controller, of } = h;
const drain = () => h.idle(20_000);

beforeAll(async () => {
  await h.init(config, { backend: 'cpu' });
  await drain();
});

beforeEach(() => {
  h.sent.length = 0;
});

describe('the in-app β sweep', () => {
  const batches = recordBatches();
  afterAll(() => batches.restore());

  it('trains one model per β on identical batches for the same steps, reports R, D and −ELBO, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    batches.clear();
    await controller.handle({ type: 'sweepStart', sweepId: 1, values: [0.5, 2, 8], steps: 9 });
    await drain();
    expect(tf.memory().numTensors).toBe(before);

    // Each model's sampler, in order of first use, with the hash of every batch it drew.
    const sequences = batches.hashes();
    expect(sequences).toHaveLength(3);
    for (const s of sequences) expect(s).toHaveLength(9);
    expect(sequences[1]).toEqual(sequences[0]);
    expect(sequences[2]).toEqual(sequences[0]);
    // Nine steps cross an epoch boundary (7 batches): the order reshuffles, and the hash sees it.
    expect(new Set(sequences[0]).size).toBeGreaterThan(6);

    const models = of('sweepModel');
    expect(models.map((m) => m.beta)).toEqual([0.5, 2, 8]);
    for (const m of models) {
      expect(m.step).toBe(9);
      expect(m.config.hyper.beta).toBe(m.beta);
      expect(m.config.seed).toBe(config.seed);
      expect(m.test.full).toBe(true);
      expect(m.test.count).toBe(300);
      expect(m.test.kl).toBeGreaterThan(0);
      expect(-m.test.elbo).toBeCloseTo(m.test.kl + m.test.recon, 3);
      expect(m.weights.encoder[0]!.W).toBeInstanceOf(Float32Array);
      expect(m.mig).toBeNull();
    }
    // Same start, same batches: β alone moved them apart.
    expect(models[0]!.test.kl).not.toBe(models[2]!.test.kl);
    const progress = of('sweep');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', of: 3, index: 2, step: 9 });
    expect(progress.some((p) => p.phase === 'training' && p.index === 1 && p.step > 0 && p.step < 9)).toBe(true);
    // The user's model did not train meanwhile.
    expect(of('metrics').filter((m) => m.train.elbo.length > 0)).toHaveLength(0);
  });

  it('pauses, resumes and cancels; a cancelled sweep frees its model', async () => {
    const before = tf.memory().numTensors;
    await controller.handle({ type: 'sweepStart', sweepId: 2, values: [1, 4], steps: 50 });
    await controller.work();
    await controller.handle({ type: 'sweepControl', action: 'pause' });
    expect(controller.hasWork).toBe(false);
    expect(of('sweep').at(-1)?.phase).toBe('paused');
    await controller.handle({ type: 'sweepControl', action: 'resume' });
    expect(controller.hasWork).toBe(true);
    await controller.work();
    await controller.handle({ type: 'sweepControl', action: 'cancel' });
    expect(of('sweep').at(-1)?.phase).toBe('cancelled');
    await drain();
    expect(tf.memory().numTensors).toBe(before);
    expect(of('sweepModel')).toHaveLength(0);
  });

  it('Train pauses a running sweep, and resuming the sweep pauses training', async () => {
    await controller.handle({ type: 'sweepStart', sweepId: 3, values: [1, 2], steps: 40 });
    await controller.work();
    await controller.handle({ type: 'play' });
    expect(of('sweep').at(-1)?.phase).toBe('paused');
    await controller.work();
    await controller.handle({ type: 'sweepControl', action: 'resume' });
    expect(of('state').at(-1)?.running).toBe(false);
    await controller.handle({ type: 'sweepControl', action: 'cancel' });
    await drain();
  });

  it('refuses a bad list, a bad budget and a second sweep, in words, and starts nothing', async () => {
    await controller.handle({ type: 'sweepStart', sweepId: 4, values: [0, -1], steps: 10 });
    await controller.handle({ type: 'sweepStart', sweepId: 5, values: [1, 2], steps: 0 });
    expect(of('error').map((e) => e.message)).toEqual([expect.stringMatching(/not a valid list: 0, -1/), expect.stringMatching(/whole number from 1 to 100000, got 0/)]);
    expect(of('sweep')).toHaveLength(0);
    await controller.handle({ type: 'sweepStart', sweepId: 6, values: [1, 2], steps: 20 });
    await controller.handle({ type: 'sweepStart', sweepId: 7, values: [1, 2], steps: 20 });
    expect(of('error').at(-1)?.message).toMatch(/already running/);
    await controller.handle({ type: 'sweepControl', action: 'cancel' });
    await drain();
  });

  it('opens a finished model as Compare’s Model B at Model A’s step; Model A keeps its weights', async () => {
    await controller.handle({ type: 'sweepStart', sweepId: 8, values: [4], steps: 5 });
    await drain();
    const [model] = of('sweepModel');
    if (!model) throw new Error('no sweep model');
    await controller.handle({ type: 'step', chunks: 2 });
    await drain();
    const stepA = of('state').filter((s) => s.model !== 'b').at(-1)?.step ?? -1;
    expect(stepA).toBeGreaterThan(0);
    h.sent.length = 0;
    const { weights, config: sweepConfig, test } = model;
    await controller.handle({ type: 'openSweepModel', id: 41, settings: { beta: 4 }, config: sweepConfig, weights, test });
    await drain();
    expect(of('error')).toHaveLength(0);
    expect(of('view').at(-1)?.view).toBe('compare');
    expect(of('loaded')[0]).toMatchObject({ id: 41, model: 'b', step: stepA, config: { hyper: { beta: 4 } } });
    expect(of('loaded')[0]?.history?.test[0]?.kl).toBe(test.kl);
    const w = of('weights');
    const b = w.find((m) => m.model === 'b');
    expect(Array.from(b?.weights.decoder[0]?.W.slice(0, 5) ?? [])).toEqual(Array.from(weights.decoder[0]!.W.slice(0, 5)));
    // Model A stands where it stood (its weights were already on the page at that step).
    expect(of('state').filter((m) => m.model === 'a').at(-1)?.step).toBe(stepA);
    expect(w.some((m) => m.model === 'a')).toBe(false);

    h.sent.length = 0;
    const wrong = { ...sweepConfig, model: { ...sweepConfig.model, latentDim: 3 } };
    await controller.handle({ type: 'openSweepModel', id: 42, settings: { beta: 4, latentDim: 3 }, config: wrong, weights, test });
    expect(of('error')[0]).toMatchObject({ id: 42, code: 'checkpoint' });
    expect(of('loaded')).toHaveLength(0);
  });
});
