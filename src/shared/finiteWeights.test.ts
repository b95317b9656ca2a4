import { describe, expect, it } from 'vitest';
import type { NetworkWeights } from '../model/types';
import { weightsFinite } from './finiteWeights';

const dense = (i: number, o: number, fill = 0.1) => ({ inDim: i, outDim: o, W: new Float32Array(i * o).fill(fill), b: new Float32Array(o) });
const net = (kind: 'vae' | 'ae'): NetworkWeights => ({
  config: { kind, inputDim: 4, latentDim: 2, hidden: [3] },
  encoder: [dense(4, 3)],
  mu: dense(3, 2),
  logvar: kind === 'vae' ? dense(3, 2) : null,
  decoder: [dense(2, 3), dense(3, 4)],
});

describe('weightsFinite', () => {
  it('accepts ordinary weights of a VAE and an AE', () => {
    expect(weightsFinite(net('vae'))).toBe(true);
    expect(weightsFinite(net('ae'))).toBe(true);
  });

  it.each([NaN, Infinity, -Infinity])('finds a single %s anywhere, biases and the logvar head included', (bad) => {
    for (const pick of [(w: NetworkWeights) => w.encoder[0]!.W, (w: NetworkWeights) => w.logvar!.b, (w: NetworkWeights) => w.decoder[1]!.b]) {
      const w = net('vae');
      const values = pick(w);
      values[values.length - 1] = bad;
      expect(weightsFinite(w)).toBe(false);
    }
  });
});
