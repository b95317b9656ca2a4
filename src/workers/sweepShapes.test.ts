// The β sweep on Shapes: each finished model carries its MIG over the evaluation set (as the
// CLI's --sweep-beta line does), beside R and D on the same images.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { EVAL_SIZE } from '../data/shapes';
import { DEFAULT_HYPER } from '../model/types';
import type { FromTrainer, SessionConfig } from '../shared/protocol';
import { syntheticSource } from './syntheticDataset';
import { TrainerController } from './trainerController';

const shapes: SessionConfig = { dataset: 'shapes', model: { kind: 'vae', inputDim: 1024, latentDim: 3, hidden: [16] }, hyper: { ...DEFAULT_HYPER, batchSize: 32 }, seed: 2 };

describe('the β sweep on Shapes', () => {
  it('reports MIG with each model, and frees every tensor', async () => {
    const sent: FromTrainer[] = [];
    const controller = new TrainerController({
      post: (msg) => sent.push(msg),
      selectBackend: async () => {
        await tf.setBackend('cpu');
        return { backend: 'cpu', tried: [{ backend: 'cpu', ok: true }] };
      },
      openSource: () => syntheticSource(200, 100).source,
      contextLost: () => false,
    });
    const drain = async () => {
      for (let i = 0; i < 10_000 && controller.hasWork; i++) await controller.work();
    };
    await controller.handle({ type: 'init', config: shapes, backend: 'auto', baseUrl: 'memory:/' });
    await drain();
    const before = tf.memory().numTensors;
    await controller.handle({ type: 'sweepStart', sweepId: 1, values: [1, 4], steps: 3 });
    await drain();
    expect(tf.memory().numTensors).toBe(before);
    const models = sent.filter((m): m is Extract<FromTrainer, { type: 'sweepModel' }> => m.type === 'sweepModel');
    expect(models.map((m) => m.beta)).toEqual([1, 4]);
    for (const m of models) {
      expect(m.test.count).toBe(EVAL_SIZE);
      expect(m.mig).toBeGreaterThanOrEqual(0);
      expect(m.mig).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});
