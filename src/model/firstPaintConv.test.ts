// A conv network's first-paint file: its decoder's convolutions travel as float16 in TF.js's
// filter layout (never int8), come back as conv layers, and decode as the checkpoint does.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FirstPaintError, parseFirstPaint, serializeFirstPaint, type FirstPaint } from './firstPaint';
import { decodeMeans } from './mlp';
import { createNetwork } from './network';
import { DEFAULT_HYPER, type ModelConfig } from './types';

const conv: ModelConfig = { arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function sample(): FirstPaint {
  const net = createNetwork(conv, 3);
  const w = net.getWeights();
  net.dispose();
  const count = 50;
  const mu = Float32Array.from({ length: count * 2 }, (_, i) => Math.sin(i) * 2);
  const logvar = Float32Array.from({ length: count * 2 }, (_, i) => -1 - Math.cos(i));
  return {
    id: 'mnist-conv-vae-2d', dataset: 'mnist', config: conv, hyper: DEFAULT_HYPER, seed: 1, step: 1407, epoch: 3,
    decoder: w.decoder, count, mu, logvar, labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
  };
}

describe('a conv network’s first paint', () => {
  it('round-trips the conv decoder as float16 and decodes within 0.02 of the float32 weights', () => {
    const fp = sample();
    const back = parseFirstPaint(serializeFirstPaint(fp));
    expect(back.config).toEqual(conv);
    expect(back.decoder[0]).toMatchObject({ inDim: 2, outDim: 3136 });
    expect(back.decoder.slice(1)).toMatchObject([
      { op: 'convT', inChannels: 64, outChannels: 64, inSide: 7, outSide: 14 },
      { op: 'convT', inChannels: 64, outChannels: 32, inSide: 14, outSide: 28 },
      { op: 'convT', inChannels: 32, outChannels: 1, inSide: 28, outSide: 28, stride: 1 },
    ]);
    const got = decodeMeans(back, fp.mu, fp.count);
    const want = decodeMeans(fp, fp.mu, fp.count);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst).toBeGreaterThan(0); // float16, not a copy
    expect(worst).toBeLessThan(0.02);
    expect(back.mu.length).toBe(fp.mu.length);
  });

  it('refuses int8 for a convolution', () => {
    const fp = sample();
    const fake = { q: new Int8Array(9 * 64 * 64), scale: new Float32Array(64) };
    expect(() => serializeFirstPaint(fp, [null, fake])).toThrow(FirstPaintError);
    expect(() => serializeFirstPaint(fp, [null, fake])).toThrow(/only dense decoder layers can be stored as int8/);
  });
});
