// Compare's promise, checked on the batches themselves: the VAE and the AE see the same images at
// the same step. Every batch drawn is recorded per sampler (one per model) through a spy on
// BatchSampler.next, hashed, and the two models' sequences compared step by step.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BatchSampler } from '../data';
import { crc32 } from '../model/crc32';
import { DEFAULT_HYPER } from '../model/types';
import type { FromTrainer, SessionConfig } from '../shared/protocol';
import { syntheticSource } from './syntheticDataset';
import { TrainerController } from './trainerController';

const config: SessionConfig = {
  dataset: 'mnist',
  model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [16] },
  hyper: { ...DEFAULT_HYPER, batchSize: 32 },
  seed: 5,
};

const hashOf = (indices: Int32Array | number[]) => crc32(new Uint8Array(Int32Array.from(indices).buffer));

describe('Compare: both models train on identical batches', () => {
  const next = vi.spyOn(BatchSampler.prototype, 'next');
  afterAll(() => next.mockRestore());

  let controller: TrainerController;
  beforeAll(async () => {
    controller = new TrainerController({
      post: (_msg: FromTrainer) => {},
      selectBackend: async () => {
        await tf.setBackend('cpu');
        return { backend: 'cpu', tried: [{ backend: 'cpu', ok: true }] };
      },
      openSource: () => syntheticSource(200, 300).source,
      contextLost: () => false,
    });
    await controller.handle({ type: 'init', config, backend: 'cpu', baseUrl: 'memory:/' });
    while (controller.hasWork) await controller.work();
  });

  it('the batch hashes of the VAE and the AE agree at every step, across an epoch boundary', async () => {
    await controller.handle({ type: 'reset', config });
    await controller.handle({ type: 'setView', view: 'compare' });
    while (controller.hasWork) await controller.work();
    next.mockClear();
    // 200 training images at batch 32: an epoch is 7 batches. Chunk sizes follow the machine's
    // speed (a loaded machine trains a step or two per chunk), so step until both models have
    // crossed an epoch boundary.
    const perSampler = new Map<unknown, number[]>();
    const record = () => {
      perSampler.clear();
      next.mock.contexts.forEach((sampler, call) => {
        const batch = next.mock.results[call].value as { indices: Int32Array };
        perSampler.set(sampler, [...(perSampler.get(sampler) ?? []), hashOf(batch.indices)]);
      });
      return Math.min(...[...perSampler.values()].map((s) => s.length));
    };
    for (let round = 0; round < 50 && (perSampler.size < 2 || record() <= 7); round++) {
      await controller.handle({ type: 'step', chunks: 4 });
      for (let i = 0; i < 10_000 && controller.hasWork; i++) await controller.work();
      record();
    }

    const sequences = [...perSampler.values()];
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
