// Compare's promise, checked on the batches themselves: the VAE and the AE see the same images at
// the same step. Every batch drawn is recorded per sampler (one per model) through a spy on
// BatchSampler.next, hashed, and the two models' sequences compared step by step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuController, mnistConfig, recordBatches } from './controllerFixtures';

const config = mnistConfig();

describe('Compare: both models train on identical batches', () => {
  const batches = recordBatches();
  afterAll(() => batches.restore());

  const h = cpuController({ train: 200, test: 300 });
  const { controller } = h;
  beforeAll(async () => {
    await h.init(config, { backend: 'cpu' });
    await h.idle();
  });

  it('the batch hashes of the VAE and the AE agree at every step, across an epoch boundary', async () => {
    await controller.handle({ type: 'reset', config });
    await controller.handle({ type: 'setView', view: 'compare' });
    await h.idle();
    batches.clear();
    // 200 training images at batch 32: an epoch is 7 batches. Chunk sizes follow the machine's
    // speed (a loaded machine trains a step or two per chunk), so step until both models have
    // crossed an epoch boundary.
    let sequences: number[][] = [];
    const record = () => {
      sequences = batches.hashes();
      return Math.min(...sequences.map((s) => s.length));
    };
    for (let round = 0; round < 50 && (sequences.length < 2 || record() <= 7); round++) {
      await controller.handle({ type: 'step', chunks: 4 });
      await h.idle();
      record();
    }

    expect(sequences).toHaveLength(2);
    const [a, b] = sequences;
    // One model may be a chunk ahead when the loop drains: compare the steps both trained.
    const common = Math.min(a.length, b.length);
    expect(common).toBeGreaterThan(7);
    expect(b.slice(0, common)).toEqual(a.slice(0, common));
    // The hashes really tell batches apart (a constant would pass the comparison above).
    expect(new Set(a).size).toBeGreaterThan(a.length / 2);
  });
});
