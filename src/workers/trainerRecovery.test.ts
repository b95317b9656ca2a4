// What the training worker does when things go wrong inside it, in Node on the CPU backend:
// weights that went NaN, a lost WebGL context, memory running out. Nothing trained is lost.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { weightsFinite } from '../shared/finiteWeights';
import { cpuController, mnistConfig } from './controllerFixtures';
import { TrainingSession } from './trainingSession';

const config = mnistConfig({ hidden: 32, batchSize: 64 });

/** A controller whose "webgl" is really TF.js's CPU backend, so a context loss can be staged. */
async function harness() {
  const h = cpuController({
    train: 300,
    test: 200,
    select: (choice) => {
      const backend = choice === 'wasm' ? 'wasm' : 'webgl';
      return { backend, tried: [{ backend, ok: true }] };
    },
  });
  await h.init(config, { backend: 'webgl' });
  await h.idle(2_000);
  return h;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recovery inside the training worker', () => {
  it('weights gone NaN: pauses, restores the last snapshot, says so and suggests a smaller learning rate', async () => {
    const h = await harness();
    await h.controller.handle({ type: 'play' });
    // Train past a periodic snapshot taken after step 0.
    await h.until(() => h.of('weights').some((w) => w.step > 0) && h.of('metrics').at(-1)!.step > h.of('weights').at(-1)!.step);
    const snapshot = h.of('weights').at(-1)!;
    h.sent.length = 0;
    await h.controller.handle({ type: 'debug', fault: 'nan' });
    await h.until(() => h.of('error').length > 0 && !h.controller.hasWork);
    const error = h.of('error')[0]!;
    expect(error.code).toBe('nan');
    expect(error.message).toContain(`the weights were restored from step ${snapshot.step}, the last good snapshot`);
    expect(error.message).toContain('Try a smaller learning rate');
    expect(h.of('state').at(-1)).toMatchObject({ running: false, step: snapshot.step });
    // The restored weights go to the page again, bit for bit the snapshot's.
    const resent = h.of('weights').at(-1)!;
    expect(resent.step).toBe(snapshot.step);
    expect(weightsFinite(resent.weights)).toBe(true);
    expect(Array.from(resent.weights.decoder[0]!.W)).toEqual(Array.from(snapshot.weights.decoder[0]!.W));
    // And training goes on from there.
    await h.controller.handle({ type: 'step', chunks: 2 });
    await h.until(() => !h.controller.hasWork);
    expect(h.of('metrics').at(-1)!.step).toBeGreaterThan(snapshot.step);
  });

  it('a lost WebGL context: moves to WASM from the last snapshot and keeps training', async () => {
    const h = await harness();
    expect(h.of('ready')[0]!.backend).toBe('webgl');
    await h.controller.handle({ type: 'play' });
    await h.until(() => h.of('weights').some((w) => w.step > 0));
    const snapshot = h.of('weights').at(-1)!;
    h.sent.length = 0;
    h.lost.value = true;
    await h.controller.work();
    h.lost.value = false;
    const error = h.of('error')[0]!;
    expect(error.code).toBe('context-lost');
    expect(error.message).toMatch(new RegExp(`moved to wasm and continues from step ${snapshot.step}, the last snapshot; training goes on`));
    expect(h.of('ready').at(-1)!.backend).toBe('wasm');
    // The chunk that ran on the dead context posted its metrics before the loss was noticed: count only those after.
    const after = () => h.sent.slice(h.sent.findIndex((m) => m.type === 'error'));
    await h.until(() => h.of('metrics', after()).some((m) => m.train.elbo.length > 0 && m.step > snapshot.step + 1));
    expect(h.of('weights')[0]!.step).toBe(snapshot.step);
    expect(h.of('state').some((s) => s.running)).toBe(true);
    await h.controller.handle({ type: 'pause' });
  });

  it('out of memory: pauses, names the batch size and suggests a smaller one, keeps the weights', async () => {
    const h = await harness();
    await h.controller.handle({ type: 'step', chunks: 1 });
    await h.until(() => !h.controller.hasWork);
    const before = h.of('state').at(-1)!.step;
    h.sent.length = 0;
    vi.spyOn(TrainingSession.prototype, 'runChunk').mockImplementationOnce(() => {
      throw new RangeError('Array buffer allocation failed');
    });
    await h.controller.handle({ type: 'play' });
    await h.until(() => h.of('error').length > 0);
    const error = h.of('error')[0]!;
    expect(error.code).toBe('oom');
    expect(error.recoverable).toBe(true);
    expect(error.message).toMatch(/while training with batch size 64 .*a smaller batch size/);
    expect(h.of('state').at(-1)).toMatchObject({ running: false, step: before });
    await h.controller.handle({ type: 'step', chunks: 1 });
    await h.until(() => !h.controller.hasWork);
    expect(h.of('metrics').at(-1)!.step).toBeGreaterThan(before);
  });
});
