// AE vs VAE in the training worker, end to end in Node on the CPU backend: switching the view
// keeps each model's weights and step, Compare trains both in lockstep (equal step counts),
// and a reset or view change leaks no tensors.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FromTrainer, ModelTag } from '../shared/protocol';
import { cpuController, mnistConfig, type Msg as Of } from './controllerFixtures';

const config = mnistConfig();

function harness() {
  const h = cpuController({ train: 200, test: 300 });
  const about = <T extends 'metrics' | 'weights' | 'state' | 'latent'>(msgs: FromTrainer[], type: T, model: ModelTag) =>
    h.of(type, msgs).filter((m) => (m as { model?: ModelTag }).model === model);
  const lastState = (msgs: FromTrainer[], model: ModelTag) => about(msgs, 'state', model).at(-1) as Of<'state'> | undefined;
  const lastWeights = (msgs: FromTrainer[], model: ModelTag) => about(msgs, 'weights', model).at(-1) as Of<'weights'> | undefined;
  const trainedSteps = (msgs: FromTrainer[], model: ModelTag) =>
    (about(msgs, 'metrics', model) as Array<Of<'metrics'>>).reduce((n, m) => n + m.train.elbo.length, 0);
  return { ...h, about, lastState, lastWeights, trainedSteps };
}

describe('ModelSlots through TrainerController (CPU backend, synthetic data)', () => {
  let h: ReturnType<typeof harness>;
  beforeAll(async () => {
    h = harness();
    await h.init(config, { backend: 'cpu' });
    await h.drain();
  });

  it('tags every per-model message with its model and says which view is in force', async () => {
    await h.controller.handle({ type: 'step', chunks: 3 });
    const msgs = await h.drain();
    for (const m of msgs) {
      if (['metrics', 'latent', 'weights', 'recon', 'state'].includes(m.type)) expect((m as { model?: string }).model).toBe('a');
    }
    expect(h.lastState(msgs, 'a')?.step).toBeGreaterThan(0);
  });

  it('switching VAE → AE → VAE keeps the VAE’s step and weights; the AE starts fresh, then keeps its own', async () => {
    const evaluate = async () => {
      await h.controller.handle({ type: 'evaluate', id: 7, full: false });
      return h.of('evaluated', await h.drain())[0]?.metrics;
    };
    const vaeStep = h.lastState(await (async () => (await h.controller.handle({ type: 'pause' }), h.drain()))(), 'a')?.step;
    expect(vaeStep).toBeGreaterThan(0);
    const vaeTest = await evaluate();
    expect(vaeTest?.kl).toBeGreaterThan(0);

    await h.controller.handle({ type: 'setView', view: 'ae' });
    let msgs = await h.drain();
    expect(h.of('view', msgs)).toEqual([expect.objectContaining({ view: 'ae', config: expect.objectContaining({ model: expect.objectContaining({ kind: 'ae' }) }) })]);
    expect(h.lastState(msgs, 'b')?.step).toBe(0);
    await h.controller.handle({ type: 'step', chunks: 2 });
    msgs = await h.drain();
    const aeStep = h.lastState(msgs, 'b')?.step ?? 0;
    expect(aeStep).toBeGreaterThan(0);
    expect(h.trainedSteps(msgs, 'a')).toBe(0);
    // An AE reports no KL, and evaluation now answers for the AE.
    expect(h.about(msgs, 'metrics', 'b').flatMap((m) => (m as Of<'metrics'>).train.kl).every((v) => v === 0)).toBe(true);
    expect((await evaluate())?.kl).toBe(0);

    await h.controller.handle({ type: 'setView', view: 'vae' });
    msgs = await h.drain();
    expect(h.lastState(msgs, 'a')?.step).toBe(vaeStep);
    // Already on the page: the same weights are not sent again.
    expect(h.about(msgs, 'weights', 'a')).toHaveLength(0);
    await h.controller.handle({ type: 'setView', view: 'ae' });
    expect(h.lastState(await h.drain(), 'b')?.step).toBe(aeStep);
    await h.controller.handle({ type: 'setView', view: 'vae' });
    await h.drain();
    // The same weights, so the same (seeded) evaluation, to the last bit.
    expect(await evaluate()).toEqual(vaeTest);
  });

  it('Compare trains both in lockstep, the same number of steps each', async () => {
    await h.controller.handle({ type: 'reset', config });
    await h.drain();
    await h.controller.handle({ type: 'setView', view: 'compare' });
    let msgs = await h.drain();
    expect(h.of('view', msgs).at(-1)?.view).toBe('compare');
    expect(h.lastState(msgs, 'a')?.step).toBe(0);
    expect(h.lastState(msgs, 'b')?.step).toBe(0);
    await h.controller.handle({ type: 'step', chunks: 4 });
    msgs = await h.drain();
    const vae = h.trainedSteps(msgs, 'a');
    expect(vae).toBeGreaterThan(0);
    expect(h.trainedSteps(msgs, 'b')).toBe(vae);
    expect(h.lastState(msgs, 'b')?.step).toBe(h.lastState(msgs, 'a')?.step);
    // Both pause with a full snapshot each.
    expect(h.about(msgs, 'latent', 'a').length).toBeGreaterThan(0);
    expect(h.about(msgs, 'latent', 'b').length).toBeGreaterThan(0);
  });

  it('a new β reaches both models; Reset in Compare gives both new weights and stays in Compare', async () => {
    await h.controller.handle({ type: 'setHyper', hyper: { beta: 3 } });
    await h.controller.handle({ type: 'step', chunks: 1 });
    const msgs = await h.drain();
    const vaeChunk = h.about(msgs, 'metrics', 'a').find((m) => (m as Of<'metrics'>).train.elbo.length > 0) as Of<'metrics'>;
    const i = 0;
    expect(vaeChunk.train.objective[i]).toBeCloseTo(vaeChunk.train.recon[i]! + 3 * vaeChunk.train.kl[i]!, 2);

    await h.controller.handle({ type: 'reset', config });
    const after = await h.drain();
    expect(h.of('view', after).at(-1)?.view).toBe('compare');
    expect(h.lastState(after, 'a')?.step).toBe(0);
    expect(h.lastState(after, 'b')?.step).toBe(0);
  });

  it('Compare’s AE from a checkpoint stands at its step; the model behind trains the steps it lacks, so both stay level', async () => {
    // An AE of the same shape, saved at a step of its own.
    await h.controller.handle({ type: 'setView', view: 'ae' });
    await h.controller.handle({ type: 'reset', config: { ...config, model: { ...config.model, kind: 'ae' } } });
    await h.controller.handle({ type: 'step', chunks: 3 });
    await h.drain();
    await h.controller.handle({ type: 'save', id: 21 });
    const saved = h.of('saved', await h.drain())[0];
    expect(saved).toBeDefined();
    const aeBytes = saved!.bytes;
    const aeSaved = await (async () => {
      await h.controller.handle({ type: 'pause' });
      return h.lastState(await h.drain(), 'b')?.step ?? -1;
    })();
    expect(aeSaved).toBeGreaterThan(0);

    // A new VAE, then Compare with the saved AE beside it, in one message: answered for 'ae' with its step.
    await h.controller.handle({ type: 'setView', view: 'vae' });
    await h.controller.handle({ type: 'reset', config });
    await h.drain();
    await h.controller.handle({ type: 'loadPartner', id: 23, bytes: aeBytes.slice(0) });
    let msgs = await h.drain();
    expect(h.of('view', msgs).at(-1)?.view).toBe('compare');
    expect(h.of('loaded', msgs)).toEqual([expect.objectContaining({ id: 23, model: 'b', step: aeSaved })]);
    expect(h.about(msgs, 'latent', 'b').length).toBeGreaterThan(0);
    // The VAE (step 0) was behind: standing still, it trained the steps it lacked, no more.
    expect(h.lastState(msgs, 'a')?.step).toBe(aeSaved);
    expect(h.trainedSteps(msgs, 'b')).toBe(0);

    // Steps go to both alike.
    await h.controller.handle({ type: 'step', chunks: 6 });
    msgs = await h.drain();
    const vaeEnd = h.lastState(msgs, 'a')?.step ?? -1;
    const aeEnd = h.lastState(msgs, 'b')?.step ?? -2;
    expect(vaeEnd).toBeGreaterThan(aeSaved);
    expect(aeEnd).toBe(vaeEnd);

    // Paused between the VAE's chunk and the AE's: the AE still trains the steps it lacks.
    await h.controller.handle({ type: 'play' });
    for (let i = 0; i < 3; i++) await h.controller.work();
    await h.controller.handle({ type: 'pause' });
    msgs = await h.drain();
    expect(h.lastState(msgs, 'b')?.step).toBe(h.lastState(msgs, 'a')?.step);
    expect(h.lastState(msgs, 'a')?.step).toBeGreaterThan(vaeEnd);

    // A VAE checkpoint is not an AE: refused, both stay.
    await h.controller.handle({ type: 'save', id: 24 });
    const vaeBytes = h.of('saved', await h.drain())[0]!.bytes;
    await h.controller.handle({ type: 'loadPartner', id: 25, bytes: vaeBytes.slice(0) });
    msgs = await h.drain();
    expect(h.of('error', msgs)).toEqual([expect.objectContaining({ id: 25, code: 'checkpoint' })]);
    expect(h.of('loaded', msgs)).toEqual([]);

    // A trained VAE loaded in Compare is shown alone (the page decides what goes beside it).
    await h.controller.handle({ type: 'load', id: 26, bytes: vaeBytes });
    msgs = await h.drain();
    expect(h.of('view', msgs).at(-1)?.view).toBe('vae');
    expect(h.trainedSteps(msgs, 'b')).toBe(0);
  });

  it('leaks no tensors across view switches and resets', async () => {
    await h.controller.handle({ type: 'setView', view: 'vae' });
    await h.controller.handle({ type: 'reset', config });
    await h.drain();
    const base = tf.memory().numTensors;
    for (const view of ['ae', 'compare', 'vae', 'ae', 'vae'] as const) {
      await h.controller.handle({ type: 'setView', view });
      await h.controller.handle({ type: 'step', chunks: 1 });
      await h.drain();
    }
    // Parked models hold tensors while kept; a reset in single view lets them go.
    expect(tf.memory().numTensors).toBeGreaterThan(base);
    await h.controller.handle({ type: 'reset', config });
    await h.drain();
    expect(tf.memory().numTensors).toBe(base);
  });
});

describe('Compare any two: Model B with settings of its own', () => {
  let h: ReturnType<typeof harness>;
  beforeAll(async () => {
    h = harness();
    await h.init(config, { backend: 'cpu' });
    // A link's Model B reaches the worker before Compare spawns it (client.ts).
    await h.controller.handle({ type: 'setModelB', settings: { beta: 4 } });
    await h.controller.handle({ type: 'setView', view: 'compare' });
    await h.drain();
  });
  /** β each model trained with, read off its chunks: objective = recon + β·KL. */
  const betaOf = (msgs: FromTrainer[], model: ModelTag) => {
    const chunk = h.about(msgs, 'metrics', model).find((m) => (m as Of<'metrics'>).train.kl.length > 0) as Of<'metrics'> | undefined;
    if (!chunk) throw new Error(`no chunk of ${model}`);
    const { objective, recon, kl } = chunk.train;
    return (objective[0]! - recon[0]!) / kl[0]!;
  };

  it('trains a β = 4 VAE beside A’s β = 1 on equal steps; A’s live β leaves B’s own', async () => {
    await h.controller.handle({ type: 'step', chunks: 2 });
    let msgs = await h.drain();
    expect(betaOf(msgs, 'a')).toBeCloseTo(1, 3);
    expect(betaOf(msgs, 'b')).toBeCloseTo(4, 3);
    expect(h.about(msgs, 'latent', 'b').at(-1)).toMatchObject({ kind: 'vae' });
    expect(h.lastState(msgs, 'b')?.step).toBe(h.lastState(msgs, 'a')?.step);

    // A shared live setting (the learning rate) reaches both; β is B's own, so B keeps 4.
    await h.controller.handle({ type: 'setHyper', hyper: { beta: 2, learningRate: 3e-4 } });
    await h.controller.handle({ type: 'step', chunks: 1 });
    msgs = await h.drain();
    expect(betaOf(msgs, 'a')).toBeCloseTo(2, 3);
    expect(betaOf(msgs, 'b')).toBeCloseTo(4, 3);

    // B's own live setting changes B alone.
    await h.controller.handle({ type: 'setModelB', settings: { beta: 0.5 } });
    await h.controller.handle({ type: 'step', chunks: 1 });
    msgs = await h.drain();
    expect(betaOf(msgs, 'a')).toBeCloseTo(2, 3);
    expect(betaOf(msgs, 'b')).toBeCloseTo(0.5, 3);
  });

  it('a setting that needs new weights resets Model B only; switching views keeps both as they were', async () => {
    await h.controller.handle({ type: 'pause' });
    const before = await h.drain();
    const aStep = h.lastState(before, 'a')?.step ?? (await (async () => (await h.controller.handle({ type: 'step', chunks: 1 }), h.lastState(await h.drain(), 'a')?.step))());
    expect(aStep).toBeGreaterThan(0);

    await h.controller.handle({ type: 'setModelB', settings: { beta: 0.5, latentDim: 3 } });
    let msgs = await h.drain();
    // New weights for B, at step 0, of the new shape; A untouched (it trains nothing, sends no new weights).
    expect((h.about(msgs, 'state', 'b')[0] as Of<'state'> | undefined)?.step).toBe(0);
    expect(h.lastWeights(msgs, 'b')?.weights.config.latentDim).toBe(3);
    expect(h.about(msgs, 'weights', 'a')).toHaveLength(0);
    expect(h.trainedSteps(msgs, 'a')).toBe(0);
    // Standing still, B trains the steps it lacks (on the batches A saw at those steps): level again.
    expect(h.trainedSteps(msgs, 'b')).toBe(aStep);
    expect(h.lastState(msgs, 'b')?.step).toBe(aStep);
    expect(h.about(msgs, 'latent', 'b').at(-1)).toMatchObject({ dim: 3 });

    // Then both go on alike.
    await h.controller.handle({ type: 'step', chunks: 1 });
    msgs = await h.drain();
    const level = h.lastState(msgs, 'a')?.step;
    expect(level).toBeGreaterThan(aStep!);
    expect(h.lastState(msgs, 'b')?.step).toBe(level);

    // To the VAE view and back: B is parked, not rebuilt.
    await h.controller.handle({ type: 'setView', view: 'vae' });
    await h.drain();
    await h.controller.handle({ type: 'setView', view: 'compare' });
    msgs = await h.drain();
    expect(h.lastState(msgs, 'b')?.step).toBe(level);
    expect(h.lastWeights(msgs, 'b')?.weights.config.latentDim ?? 3).toBe(3);

    // The AE view shows Model B as an AE: a VAE B becomes one (new weights for B only).
    await h.controller.handle({ type: 'setView', view: 'ae' });
    msgs = await h.drain();
    expect(h.of('view', msgs).at(-1)?.config.model).toMatchObject({ kind: 'ae', latentDim: 3 });
    expect(h.lastState(msgs, 'b')?.step).toBe(0);
    await h.controller.handle({ type: 'setView', view: 'vae' });
    expect(h.lastState(await h.drain(), 'a')?.step).toBe(level);
  });
});
