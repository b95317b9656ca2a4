import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import './registerGradientsNode';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAPACITY_PARAMS, capacityAt, capacityObjective, DEFAULT_CAPACITY, validateCapacity } from './capacity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('capacity annealing', () => {
  it('raises C linearly from 0 to C_max over the ramp, then holds it', () => {
    const s = { cMax: 20, rampSteps: 1000 };
    expect(capacityAt(0, s)).toBe(0);
    expect(capacityAt(250, s)).toBe(5);
    expect(capacityAt(500, s)).toBe(10);
    expect(capacityAt(1000, s)).toBe(20);
    expect(capacityAt(1_000_000, s)).toBe(20);
    expect(capacityAt(0, { cMax: 7, rampSteps: 0 })).toBe(7);
    expect(() => capacityAt(-1, s)).toThrow(RangeError);
    expect(() => capacityAt(NaN, s)).toThrow(RangeError);
  });

  it('computes recon + γ·|KL − C| without leaking tensors', () => {
    const s = { gamma: 100, cMax: 10, rampSteps: 200 };
    const recon = tf.scalar(80);
    const klBelow = tf.scalar(3);
    const klAbove = tf.scalar(9);
    const before = tf.memory().numTensors;
    const below = capacityObjective(recon, klBelow, 100, s); // C = 5: 80 + 100·2
    const above = capacityObjective(recon, klAbove, 100, s); // 80 + 100·4
    const atEnd = capacityObjective(recon, klAbove, 5000, s); // C = 10: 80 + 100·1
    expect(tf.memory().numTensors).toBe(before + 3);
    expect(below.dataSync()[0]).toBeCloseTo(280, 4);
    expect(above.dataSync()[0]).toBeCloseTo(480, 4);
    expect(atEnd.dataSync()[0]).toBeCloseTo(180, 4);
    tf.dispose([recon, klBelow, klAbove, below, above, atEnd]);
    expect(tf.memory().numTensors).toBe(before - 3);
  });

  it('pushes KL toward C: gradient −γ below it, +γ above it, 1 on recon', () => {
    const s = { gamma: 1000, cMax: 10, rampSteps: 0 };
    const grad = (klValue: number) =>
      tf.tidy(() => {
        const [dRecon, dKl] = tf.grads((r: tf.Tensor, k: tf.Tensor) => capacityObjective(r as tf.Scalar, k as tf.Scalar, 0, s))([tf.scalar(50), tf.scalar(klValue)]);
        return [dRecon.dataSync()[0], dKl.dataSync()[0]];
      });
    const before = tf.memory().numTensors;
    expect(grad(4)).toEqual([1, -1000]);
    expect(grad(12)).toEqual([1, 1000]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('works inside a caller’s tidy (the result survives only if returned)', () => {
    const before = tf.memory().numTensors;
    const kept = tf.tidy(() => capacityObjective(tf.scalar(1), tf.scalar(2), 0, DEFAULT_CAPACITY));
    expect(kept.dataSync()[0]).toBeCloseTo(1 + 2 * DEFAULT_CAPACITY.gamma, 3);
    expect(tf.memory().numTensors).toBe(before + 1);
    kept.dispose();
  });

  it('has defaults inside their own ranges and refuses settings outside them, naming each', () => {
    expect(validateCapacity(DEFAULT_CAPACITY)).toEqual([]);
    expect(DEFAULT_CAPACITY).toEqual({ gamma: 100, cMax: 15, rampSteps: 5000 });
    for (const p of Object.values(CAPACITY_PARAMS)) {
      expect(p.default).toBeGreaterThanOrEqual(p.valid.min);
      expect(p.default).toBeLessThanOrEqual(p.valid.max);
    }
    const problems = validateCapacity({ gamma: 0, cMax: -1, rampSteps: 2.5 });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^γ must be in \[1, 10000\], got 0$/);
    expect(problems[1]).toMatch(/^C_max/);
    expect(problems[2]).toMatch(/^the ramp must be an integer/);
    expect(validateCapacity({ gamma: NaN, cMax: 15, rampSteps: 5000 })).toHaveLength(1);
    expect(validateCapacity({ gamma: 1000, cMax: 15, rampSteps: 2e7 })).toHaveLength(1);
  });
});
