// `--sweep-beta`: the list and its flags are checked before anything trains, and the sweep's
// models differ only in β: each sees the same batches in the same order (a hash of the batch's
// image indices, step by step) for the same number of steps, and each line is its model's point
// in the rate–distortion plane.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, type ModelConfig } from '../src/model';
import '../src/model/registerGradientsNode';
import { parseTrainArgs } from './cliArgs';
import type { CliData } from './cliData';
import { stepsOfEpochs, sweepBeta, type SweepLine } from './sweep';
import { MAX_SWEEP_VALUES, parseSweepBeta } from './sweepArgs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const error = (argv: string[]) => {
  const r = parseTrainArgs(argv, 4);
  return r.kind === 'error' ? r.message : `accepted: ${JSON.stringify(r.kind === 'train' ? r.args.sweepBeta : r)}`;
};

describe('--sweep-beta: the list', () => {
  it('takes distinct values above 0, in the order given', () => {
    expect(parseSweepBeta('0.25, 1,4')).toEqual({ values: [0.25, 1, 4] });
    expect(parseSweepBeta('8')).toEqual({ values: [8] });
    const args = parseTrainArgs(['--sweep-beta', '0.25,0.5,1,2,4,8', '--steps', '300', '--latent', '2'], 4);
    expect(args.kind === 'train' && args.args).toMatchObject({ sweepBeta: [0.25, 0.5, 1, 2, 4, 8], steps: 300 });
    const plain = parseTrainArgs([], 4);
    expect(plain.kind === 'train' && plain.args).toMatchObject({ sweepBeta: null, steps: null });
  });

  it('refuses zero, negative, NaN, repeated, too large or too many values, each in words', () => {
    expect(error(['--sweep-beta', '0,1,4'])).toMatch(/every β must be above 0 .*got 0/);
    expect(error(['--sweep-beta', '1,-2'])).toMatch(/every β must be above 0.*got -2/);
    expect(error(['--sweep-beta', '1,NaN'])).toMatch(/must list numbers like 0\.25,1,4, got "NaN"/);
    expect(error(['--sweep-beta', '1,,4'])).toMatch(/must list numbers/);
    expect(error(['--sweep-beta', 'one,two'])).toMatch(/must list numbers/);
    expect(error(['--sweep-beta', '1,4,1.0'])).toBe('--sweep-beta lists 1 twice');
    expect(error(['--sweep-beta', '1,1000'])).toBe('--sweep-beta: every β must be at most 100, got 1000');
    const fifty = Array.from({ length: 50 }, (_, i) => String(i + 1)).join(',');
    expect(error(['--sweep-beta', fifty])).toBe(`--sweep-beta takes at most ${MAX_SWEEP_VALUES} values, got 50`);
    const thirteen = Array.from({ length: 13 }, (_, i) => String(i + 1)).join(',');
    expect(error(['--sweep-beta', thirteen])).toMatch(/at most 12 values, got 13/);
    expect(error(['--sweep-beta'])).toBe('--sweep-beta needs a value');
  });

  it('refuses the flags that cannot go with it', () => {
    expect(error(['--sweep-beta', '1,4', '--beta', '2'])).toBe('--sweep-beta sets β for each model; drop --beta');
    expect(error(['--sweep-beta', '1,4', '--model', 'ae'])).toMatch(/an AE has no β/);
    expect(error(['--sweep-beta', '1,4', '--objective', 'capacity'])).toMatch(/capacity objective does not use/);
    expect(error(['--steps', '100'])).toMatch(/--steps sets the step budget of each model of --sweep-beta/);
    expect(error(['--sweep-beta', '1,4', '--steps', '0'])).toMatch(/--steps must be a whole number from 1/);
    expect(error(['--sweep-beta', '1,4', '--steps', '1.5'])).toMatch(/--steps must be a whole number/);
  });
});

/** FNV-1a of a batch's image indices. */
function hashIndices(indices: Int32Array): number {
  let h = 0x811c9dc5;
  for (const i of indices) {
    h ^= i;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Seeded grey images: 784 pixels each, rows of one shared array. */
function tinyData(trainCount: number, testCount: number): CliData {
  const dim = 784;
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const train = Float32Array.from({ length: trainCount * dim }, rand);
  const testPixels = Uint8Array.from({ length: testCount * dim }, () => Math.floor(rand() * 256));
  return {
    dim,
    trainCount,
    trainBatch: (rows) => {
      const out = new Float32Array(rows.length * dim);
      Array.from(rows).forEach((r, k) => out.set(train.subarray(r * dim, (r + 1) * dim), k * dim));
      return out;
    },
    test: { dataset: 'mnist', split: 'test', count: testCount, height: 28, width: 28, pixels: testPixels, labels: new Uint8Array(testCount) },
    factors: null,
  } as CliData;
}

describe('sweepBeta', () => {
  it('trains one model per β on identical batches, for the same steps, and reports R, D and −ELBO = R + D', () => {
    const data = tinyData(90, 40);
    const xTest = tf.tensor2d(Float32Array.from(data.test.pixels, (v) => v / 255), [40, 784]);
    const config: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [16] };
    const hyper = { ...DEFAULT_HYPER, batchSize: 32, warmStart: false };
    // 90 images in batches of 32: 3 batches an epoch (the last one short), so 7 steps cross two epoch boundaries.
    const steps = 7;
    const seen: number[][] = [];
    const lines: SweepLine[] = [];
    const before = tf.memory().numTensors;
    sweepBeta(
      [0.5, 1, 4],
      { config, hyper, seed: 9, steps, data, xTest, log: () => {}, onBatch: (model, step, indices) => ((seen[model] ??= [])[step] = hashIndices(indices)) },
      (line) => lines.push(line),
    );
    expect(tf.memory().numTensors).toBe(before);
    xTest.dispose();

    expect(seen).toHaveLength(3);
    for (const model of seen) expect(model).toHaveLength(steps);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    // The hash sees the batches change: epochs reshuffle, and no two steps here took the same rows.
    expect(new Set(seen[0]).size).toBe(steps);

    expect(lines.map((l) => l.beta)).toEqual([0.5, 1, 4]);
    for (const l of lines) {
      expect(l.step).toBe(steps);
      expect(l.rate).toBeGreaterThan(0);
      expect(l.distortion).toBeGreaterThan(0);
      expect(l.negElbo).toBeCloseTo(l.rate + l.distortion, 3);
      expect(l.objective).toBeCloseTo(l.distortion + l.beta * l.rate, 3);
      expect(l).not.toHaveProperty('mig');
    }
    // Same start, same batches, same steps: β alone moves the models apart.
    expect(lines[0].rate).not.toBe(lines[2].rate);
  });

  it('a budget of epochs is the same number of steps for every model', () => {
    expect(stepsOfEpochs(2, 60_000, 128)).toBe(2 * 469);
    expect(stepsOfEpochs(1, 90, 32)).toBe(3);
  });
});
