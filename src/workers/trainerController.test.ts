// The training worker's logic end to end in Node on the CPU backend, with two tiny synthetic
// datasets served by an in-memory DataSource: every message it posts, in order, for a
// realistic session (init, steps, snapshots, reset, checkpoints, evaluation, failures).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Trainer } from '../model';
import type { FromTrainer } from '../shared/protocol';
import { cpuController, type Msg, mnistConfig } from './controllerFixtures';
import { PREVIEW_POINTS } from './extraJobs';
import { TrainingSession } from './trainingSession';

const TRAIN = 300;
const TEST = 2100; // above PREVIEW_POINTS, so previews and full snapshots differ

const config = mnistConfig({ hidden: 32, batchSize: 64, seed: 3 });

function harness() {
  const h = cpuController({
    train: TRAIN,
    test: TEST,
    select: () => ({ backend: 'cpu', tried: [{ backend: 'webgl', ok: false, reason: 'not in Node' }, { backend: 'cpu', ok: true }] }),
  });
  const chunks = (n: number) => h.send({ type: 'step', chunks: n });
  const trained = (msgs: FromTrainer[]) => h.of('metrics', msgs).filter((m) => m.train.elbo.length > 0);
  const tests = (msgs: FromTrainer[]) => h.of('metrics', msgs).flatMap((m) => (m.test ? [m.test] : []));
  return { ...h, chunks, trained, tests };
}

describe('TrainerController (CPU backend, synthetic data)', () => {
  let h: ReturnType<typeof harness>;
  let initMsgs: FromTrainer[];
  beforeAll(async () => {
    h = harness();
    await h.init(config);
    initMsgs = await h.drain();
  });

  it('starts: reports the backend and what was tried, then posts state and the first snapshots', () => {
    const msgs = initMsgs;
    const types = msgs.map((m) => m.type);
    expect(types.indexOf('ready')).toBeLessThan(types.indexOf('latent'));
    const ready = h.of('ready', msgs)[0]!;
    expect(ready.backend).toBe('cpu');
    expect(ready.tried.map((t) => t.backend)).toEqual(['webgl', 'cpu']);
    expect(h.of('progress', msgs).some((p) => p.stage === 'download' && p.loaded === p.total)).toBe(true);
    const latent = h.of('latent', msgs)[0]!;
    expect([latent.count, latent.dim, latent.mu.length, latent.logvar?.length, latent.labels.length]).toEqual([TEST, 2, TEST * 2, TEST * 2, TEST]);
    const recon = h.of('recon', msgs)[0]!;
    expect(recon.count).toBe(8);
    expect(recon.outputs.every((v) => v > 0 && v < 1)).toBe(true);
    expect(h.of('weights', msgs)[0]!.weights.encoder[0]!.W.length).toBe(784 * 32);
    expect(h.of('state', msgs)[0]).toEqual({ type: 'state', running: false, step: 0, epoch: 0, model: 'a' });
  });

  it('steps: one metrics message per chunk with consecutive steps, a test point first, then state and snapshots', async () => {
    const msgs = await h.chunks(3);
    const metrics = h.trained(msgs);
    expect(metrics).toHaveLength(3);
    expect(metrics[0]!.train.firstStep).toBe(0);
    metrics.forEach((m, i) => {
      expect(m.step).toBe(m.train.firstStep + m.train.elbo.length);
      if (i > 0) expect(m.train.firstStep).toBe(metrics[i - 1]!.step);
      expect(m.train.elbo.every((e) => Number.isFinite(e) && e < 0)).toBe(true);
      expect(m.imagesPerSec).toBeGreaterThan(0);
    });
    // The first chunk is followed by a test point on the subset, posted before the next chunk.
    expect(msgs[1]).toMatchObject({ type: 'metrics', step: metrics[0]!.step, train: { elbo: [] }, test: { full: false, count: 1000 } });
    expect(msgs.map((m) => m.type).slice(-4)).toEqual(['state', 'latent', 'recon', 'weights']);
    expect(h.of('state', msgs)[0]).toMatchObject({ running: false, step: metrics[2]!.step });
    expect(msgs[msgs.length - 1]).toMatchObject({ type: 'weights', step: metrics[2]!.step });
  });

  let baselineTensors: number | undefined;
  it('keeps the tensor count flat across chunks and through an epoch end (full test pass)', async () => {
    const first = h.of('metrics', await h.chunks(2));
    const laterMsgs = await h.chunks(12);
    const later = h.of('metrics', laterMsgs);
    const counts = [...first, ...later].map((m) => m.numTensors);
    expect(new Set(counts).size).toBe(1);
    baselineTensors = counts[0];
    expect(h.tests(laterMsgs).some((t) => t.full && t.count === TEST)).toBe(true);
    expect(later[later.length - 1]!.epoch).toBeGreaterThanOrEqual(1);
  });

  it('applies new hyperparameters at the next chunk and rejects invalid ones with a readable error', async () => {
    await h.controller.handle({ type: 'setHyper', hyper: { batchSize: 32 } });
    const m = h.trained(await h.chunks(1))[0]!;
    expect(m.imagesPerSec).toBeGreaterThan(0);
    await h.controller.handle({ type: 'setHyper', hyper: { learningRate: -1 } });
    const [err] = h.of('error', h.take());
    expect(err).toMatchObject({ code: 'internal', recoverable: true });
    expect(err!.message).toMatch(/learning rate/);
  });

  it('saves a checkpoint and loads it back with another dataset and shape, curves included', async () => {
    await h.controller.handle({ type: 'reset', config: { ...config, dataset: 'fashion', model: { ...config.model, kind: 'ae', latentDim: 3 } } });
    const resetMsgs = await h.drain();
    expect(h.of('latent', resetMsgs)[0]).toMatchObject({ kind: 'ae', dim: 3, logvar: null, step: 0 });
    await h.chunks(2);
    const history = { steps: [0, 1], elbo: [-500, -400], recon: [480, 390], kl: [0, 0], objective: [480, 390], test: [] };
    await h.controller.handle({ type: 'save', id: 7, history });
    const saved = h.of('saved', h.take())[0]!;
    expect(saved.id).toBe(7);

    await h.controller.handle({ type: 'reset', config });
    await h.drain();
    await h.controller.handle({ type: 'load', id: 8, bytes: saved.bytes });
    const msgs = await h.drain();
    const loaded = h.of('loaded', msgs)[0]!;
    expect(loaded.config).toMatchObject({ dataset: 'fashion', model: { kind: 'ae', latentDim: 3 } });
    expect(loaded.step).toBeGreaterThan(0);
    expect(loaded.history).toEqual(history);
    expect(h.of('latent', msgs)[0]).toMatchObject({ dim: 3, step: loaded.step });
  });

  it('refuses a file that is not a checkpoint, by id, and keeps training the current model', async () => {
    await h.controller.handle({ type: 'load', id: 9, bytes: new TextEncoder().encode('not a checkpoint at all').buffer as ArrayBuffer });
    const [err] = h.of('error', h.take());
    expect(err).toMatchObject({ code: 'checkpoint', id: 9, recoverable: true });
    expect(err!.message).toMatch(/unchanged/);
    const m = h.trained(await h.chunks(1))[0]!;
    expect(m.train.elbo.length).toBeGreaterThan(0);
  });

  it('evaluates on request: the full test set, with progress', async () => {
    await h.controller.handle({ type: 'evaluate', id: 11, full: true });
    const msgs = h.take();
    expect(h.of('evaluated', msgs)[0]).toMatchObject({ id: 11, metrics: { full: true, count: TEST } });
    expect(h.of('progress', msgs).map((p) => p.stage)).toContain('evaluate');
  });

  it('while playing, previews the first PREVIEW_POINTS codes; a pause stops at once and sends all of them', async () => {
    await h.controller.handle({ type: 'play' });
    expect(h.controller.hasWork).toBe(true);
    let preview: Msg<'latent'> | undefined;
    for (let i = 0; i < 400 && !preview; i++) {
      await h.controller.work();
      preview = h.of('latent', h.take())[0];
    }
    expect(preview).toMatchObject({ count: PREVIEW_POINTS });
    expect(preview!.mu.length).toBe(PREVIEW_POINTS * 3);
    expect(preview!.labels.length).toBe(PREVIEW_POINTS);
    await h.controller.handle({ type: 'pause' });
    const atPause = h.take();
    expect(h.of('state', atPause).map((s) => s.running)).toEqual([false]);
    const after = await h.drain();
    expect(h.trained(after)).toEqual([]);
    expect(h.of('latent', after)[0]).toMatchObject({ count: TEST });
  });

  it('pressing Train while a full snapshot is owed trades it for a preview, so training starts at once', async () => {
    await h.controller.handle({ type: 'reset', config });
    await h.controller.handle({ type: 'play' });
    const first: FromTrainer[] = [];
    for (let i = 0; i < 50 && h.of('latent', first).length === 0; i++) {
      await h.controller.work();
      first.push(...h.take());
    }
    expect(h.trained(first)).toEqual([]);
    expect(h.of('latent', first)[0]).toMatchObject({ step: 0, count: PREVIEW_POINTS });
    await h.controller.work();
    expect(h.trained(h.take())).toHaveLength(1);
    await h.controller.handle({ type: 'pause' });
    await h.drain();
  });

  it('frees everything of the sessions it replaced (resets, loads, dataset switches)', async () => {
    await h.controller.handle({ type: 'reset', config });
    await h.drain();
    const m = h.trained(await h.chunks(1))[0]!;
    expect(baselineTensors).toBeDefined();
    expect(m.numTensors).toBe(baselineTensors);
  });

  describe('failures during training', () => {
    afterEach(() => {
      vi.restoreAllMocks();
      h.lost.value = false;
    });

    it('a NaN loss pauses, says at which step, and keeps the weights from before it', async () => {
      await h.drain();
      const before = h.of('weights', await h.chunks(1))[0]!;
      vi.spyOn(Trainer.prototype, 'stepAsync').mockResolvedValue({ ok: false, reason: 'nan', metrics: { elbo: NaN, recon: NaN, kl: NaN, objective: NaN } });
      await h.controller.handle({ type: 'play' });
      const msgs = await h.drain();
      const err = h.of('error', msgs)[0]!;
      expect(err).toMatchObject({ code: 'nan', recoverable: true });
      expect(err.message).toContain(`at step ${before.step};`);
      expect(h.of('state', msgs).at(-1)).toMatchObject({ running: false, step: before.step });
      const after = h.of('weights', msgs)[0];
      // No step was applied, so the snapshot is not repeated: the page already has these weights.
      expect(after).toBeUndefined();
    });

    it('a lost WebGL context moves training to WASM from the last snapshot and says so', async () => {
      await h.drain();
      const snap = h.of('weights', await h.chunks(2))[0]!;
      // Pretend the session runs on WebGL, then lose the context mid-chunk.
      await h.controller.handle({ type: 'setBackend', backend: 'webgl' });
      await h.drain();
      (h.controller as unknown as { host: { selection: { backend: string } } }).host.selection.backend = 'webgl';
      h.lost.value = true;
      vi.spyOn(TrainingSession.prototype, 'runChunk').mockImplementationOnce(() => {
        throw new Error('WebGL: CONTEXT_LOST_WEBGL');
      });
      h.choices.length = 0;
      await h.controller.handle({ type: 'play' });
      await h.controller.work();
      const msgs = h.take();
      expect(h.choices).toEqual(['wasm']);
      const err = h.of('error', msgs)[0]!;
      expect(err).toMatchObject({ code: 'context-lost', recoverable: true });
      expect(err.message).toMatch(new RegExp(`continues from step ${snap.step}`));
      expect(h.of('ready', msgs)).toHaveLength(1);
      // It was training: it goes on, on the new backend (paused here, so the next test starts still).
      expect(err.message).toContain('training goes on');
      expect(h.of('state', msgs).at(-1)).toMatchObject({ running: true, step: snap.step });
      await h.controller.handle({ type: 'pause' });
    });

    it('any other failure in a chunk pauses with a readable error instead of dying', async () => {
      await h.drain();
      vi.spyOn(TrainingSession.prototype, 'runChunk').mockImplementationOnce(() => {
        throw new RangeError('Array buffer allocation failed');
      });
      await h.controller.handle({ type: 'play' });
      await h.controller.work();
      const msgs = h.take();
      expect(h.of('error', msgs)[0]).toMatchObject({ code: 'oom', recoverable: true });
      expect(h.of('state', msgs).at(-1)).toMatchObject({ running: false });
      expect(h.trained(await h.chunks(1))).toHaveLength(1);
    });
  });
});
