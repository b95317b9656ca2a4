// The β sweep on Shapes: each finished model carries its MIG over the evaluation set (as the
// CLI's --sweep-beta line does), beside R and D on the same images.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { EVAL_SIZE } from '../data/shapes';
import { cpuController, SHAPES_CONFIG } from './controllerFixtures';

describe('the β sweep on Shapes', () => {
  it('reports MIG with each model, and frees every tensor', async () => {
    const h = cpuController({ train: 200, test: 100 });
    await h.init(SHAPES_CONFIG);
    await h.idle();
    const before = tf.memory().numTensors;
    await h.controller.handle({ type: 'sweepStart', sweepId: 1, values: [1, 4], steps: 3 });
    await h.idle();
    expect(tf.memory().numTensors).toBe(before);
    const models = h.of('sweepModel');
    expect(models.map((m) => m.beta)).toEqual([1, 4]);
    for (const m of models) {
      expect(m.test.count).toBe(EVAL_SIZE);
      expect(m.mig).toBeGreaterThanOrEqual(0);
      expect(m.mig).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});
