// Shapes in the training worker, in Node on the CPU backend: the worker draws the evaluation set
// (with the progress bar) and trains on batches drawn from factor tuples; its latent snapshots
// carry each point's factors; MIG comes with each full snapshot and on request, or a note where it
// is not defined (latent dimension 1, a dataset without factors); a checkpoint whose input size is
// not its dataset's is refused with a note, the model unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { EVAL_SIZE, FACTOR_NAMES, FACTOR_SIZES, makeEvalSet, SHAPES_DATA_SEED } from '../data/shapes';
import { createNetwork, serializeCheckpoint } from '../model';
import { NO_FACTORS_NOTE } from '../model/latentEval';
import { DEFAULT_HYPER } from '../model/types';
import type { FromTrainer, SessionConfig } from '../shared/protocol';
import { cpuController, type Msg, SHAPES_CONFIG as shapes } from './controllerFixtures';

describe('the training worker on Shapes (CPU backend)', () => {
  const h = cpuController({ train: 200, test: 100 });
  let initMsgs: FromTrainer[];
  const evalSet = makeEvalSet(SHAPES_DATA_SEED);
  beforeAll(async () => {
    await h.init(shapes);
    initMsgs = await h.drain();
  }, 60_000);

  it('draws the evaluation set with a progress bar, then is ready with the Shapes config', () => {
    const drawing = h.of('progress', initMsgs).filter((p) => /Shapes/.test(p.label));
    expect(drawing.length).toBeGreaterThan(2);
    expect(drawing.every((p) => p.stage === 'upload' && p.total === EVAL_SIZE)).toBe(true);
    expect(drawing.at(-1)!.loaded).toBe(EVAL_SIZE);
    expect(h.of('ready', initMsgs)[0]!.config).toMatchObject({ dataset: 'shapes', model: { inputDim: 1024 } });
  });

  it('posts the codes of all 10,000 evaluation images with their factors, row-major, and 32×32 reconstructions', () => {
    const latent = h.of('latent', initMsgs)[0]!;
    expect([latent.count, latent.dim]).toEqual([EVAL_SIZE, 3]);
    const factors = latent.factors!;
    expect(factors.names).toEqual([...FACTOR_NAMES]);
    expect(factors.sizes).toEqual(FACTOR_NAMES.map((n) => FACTOR_SIZES[n]));
    expect(factors.values).toHaveLength(EVAL_SIZE * FACTOR_NAMES.length);
    for (const i of [0, 1, 4321, EVAL_SIZE - 1]) {
      FACTOR_NAMES.forEach((n, k) => expect(factors.values[i * FACTOR_NAMES.length + k], `${i} ${n}`).toBe(evalSet.factors[n][i]));
    }
    expect(Array.from(latent.labels.subarray(0, 50))).toEqual(Array.from(evalSet.factors.shape.subarray(0, 50)));
    const recon = h.of('recon', initMsgs)[0]!;
    expect(recon.count).toBe(8);
    expect([recon.inputs.length, recon.outputs.length]).toEqual([8 * 1024, 8 * 1024]);
  });

  it('scores MIG with the full snapshot: a number in [0, 1], a latent × factor MI matrix, the entropies of the factors', () => {
    const d = h.of('disentanglement', initMsgs)[0]!;
    expect(d.step).toBe(0);
    expect(d.mig).toBeGreaterThanOrEqual(0);
    expect(d.mig).toBeLessThanOrEqual(1);
    expect(d.factorNames).toEqual([...FACTOR_NAMES]);
    expect(d.mi).toHaveLength(3);
    expect(d.mi.every((row) => row.length === FACTOR_NAMES.length && row.every((v) => v >= 0))).toBe(true);
    // H(shape) over a near-uniform draw of 3 shapes is close to log 3.
    expect(d.factorEntropy[0]).toBeCloseTo(Math.log(3), 2);
    expect(d.mig).toBeCloseTo(d.migGap.reduce((s, g) => s + g, 0) / d.migGap.length, 10);
    expect(d.note).toBeUndefined();
  });

  it('trains on batches drawn from factor tuples, and measures MIG again on request at the new step', async () => {
    const stepped = await h.send({ type: 'step', chunks: 2 });
    const trained = h.of('metrics', stepped).filter((m) => m.train.elbo.length > 0);
    expect(trained.length).toBe(2);
    expect(trained.every((m) => m.train.elbo.every((e) => Number.isFinite(e) && e < 0))).toBe(true);
    const step = trained.at(-1)!.step;
    const measured = await h.send({ type: 'measureDisentanglement' });
    const progress = h.of('progress', measured).filter((p) => p.stage === 'evaluate');
    expect(progress.at(-1)).toMatchObject({ loaded: 1, total: 1 });
    const [d] = h.of('disentanglement', measured);
    expect(d).toMatchObject({ step });
    expect(d!.mig).not.toBeNull();
  });

  it('scores MIG at each epoch end, after the full test pass of that step', async () => {
    // 60,000 training images in batches of 4,096: an epoch is 15 steps.
    await h.send({ type: 'reset', config: { ...shapes, hyper: { ...shapes.hyper, batchSize: 4096 } } });
    const msgs: FromTrainer[] = [];
    for (let i = 0; i < 40; i++) {
      msgs.push(...(await h.send({ type: 'step', chunks: 1 })));
      if (h.of('metrics', msgs).some((m) => m.epoch >= 1 && m.train.elbo.length > 0)) break;
    }
    const end = h.of('metrics', msgs).find((m) => m.epoch >= 1 && m.train.elbo.length > 0)!;
    expect(end.step).toBe(15);
    const fullTest = msgs.findIndex((m) => m.type === 'metrics' && m.test?.full === true && m.step === end.step);
    const migAt = msgs.findIndex((m) => m.type === 'disentanglement' && m.step === end.step);
    expect(fullTest).toBeGreaterThan(-1);
    expect(migAt).toBeGreaterThan(fullTest);
    expect((msgs[migAt] as Msg<'disentanglement'>).mig).not.toBeNull();
    // A whole epoch on the CPU backend: about 90 s on a busy 2-core machine.
  }, 300_000);

  it('answers MIG on latent dimension 1 with a note, not a crash', async () => {
    await h.send({ type: 'reset', config: { ...shapes, model: { ...shapes.model, latentDim: 1 } } });
    const [d] = h.of('disentanglement', await h.send({ type: 'measureDisentanglement' }));
    expect(d).toMatchObject({ mig: null, mi: [], factorNames: [] });
    expect(d!.note).toMatch(/latent dimension 1/);
  });

  it('refuses a checkpoint whose input size is not its dataset’s, naming both, and keeps the model', async () => {
    const net = createNetwork({ kind: 'vae', inputDim: 1024, latentDim: 2, hidden: [8] }, 1);
    const weights = net.getWeights();
    net.dispose();
    const bytes = serializeCheckpoint({
      format: 'vae-playground',
      version: 1,
      dataset: 'mnist',
      config: weights.config,
      hyper: DEFAULT_HYPER,
      seed: 1,
      step: 10,
      epoch: 0,
      createdAt: '2026-12-03T00:00:00.000Z',
      weights,
    });
    const msgs = await h.send({ type: 'load', id: 5, bytes });
    const [err] = h.of('error', msgs);
    expect(err).toMatchObject({ id: 5, code: 'checkpoint', recoverable: true });
    expect(err!.message).toMatch(/1024 inputs but mnist images are 28×28 = 784 pixels.*unchanged/);
    expect(h.of('loaded', msgs)).toEqual([]);
  });

  it('loads a Shapes checkpoint (Shapes is in the worker’s dataset list)', async () => {
    await h.send({ type: 'reset', config: shapes });
    const [saved] = h.of('saved', await h.send({ type: 'save', id: 6 }));
    const msgs = await h.send({ type: 'load', id: 7, bytes: saved!.bytes });
    expect(h.of('loaded', msgs)[0]).toMatchObject({ id: 7, config: { dataset: 'shapes', model: { inputDim: 1024, latentDim: 3 } } });
  });

  it('on a dataset without factors: latent snapshots carry none, and MIG on request is a note', async () => {
    const mnist: SessionConfig = { ...shapes, dataset: 'mnist', model: { ...shapes.model, inputDim: 784 } };
    const msgs = await h.send({ type: 'reset', config: mnist });
    expect(h.of('latent', msgs)[0]!.factors).toBeUndefined();
    expect(h.of('disentanglement', msgs)).toEqual([]);
    const [d] = h.of('disentanglement', await h.send({ type: 'measureDisentanglement' }));
    expect(d).toMatchObject({ mig: null, note: NO_FACTORS_NOTE });
  });
});
