import { describe, expect, it } from 'vitest';
import { parsePretrainedIndex, type PretrainedEntry } from './pretrainedIndex';
import { DEFAULT_HYPER } from './types';

const entry: PretrainedEntry = {
  id: 'mnist-vae-2d',
  title: 'MNIST VAE 2-D',
  dataset: 'mnist',
  model: 'vae',
  latent: 2,
  hidden: [512, 256],
  hyper: DEFAULT_HYPER,
  step: 2345,
  epochs: 5,
  test: { elbo: -150.6, recon: 144.7, kl: 5.9 },
  command: 'npm run train -- --seed 1',
  seed: 1,
  files: { checkpoint: 'mnist-vae-2d.vaeckpt', firstPaint: 'mnist-vae-2d.vaefp' },
  bytes: { checkpoint: 2_140_496, firstPaint: 636_312 },
};
const index = (over: object = {}, models: object[] = [entry]) => ({ version: 1, default: 'mnist-vae-2d', models, ...over });

describe('parsePretrainedIndex', () => {
  it('accepts a well-formed index', () => {
    expect(parsePretrainedIndex(index()).models[0]).toEqual(entry);
  });

  it('refuses what the page cannot use, saying why', () => {
    expect(() => parsePretrainedIndex('[]')).toThrow(/not a JSON object/);
    expect(() => parsePretrainedIndex(index({ version: 2 }))).toThrow(/version 2/);
    expect(() => parsePretrainedIndex(index({}, []))).toThrow(/lists no models/);
    expect(() => parsePretrainedIndex(index({ default: 'other' }))).toThrow(/no listed default/);
    expect(() => parsePretrainedIndex(index({}, [entry, entry]))).toThrow(/id twice/);
    expect(() => parsePretrainedIndex(index({}, [{ ...entry, model: 'gan' }]))).toThrow(/"vae" or "ae"/);
    expect(() => parsePretrainedIndex(index({}, [{ ...entry, hyper: { ...DEFAULT_HYPER, beta: -1 } }]))).toThrow(/hyperparameters/);
    expect(() => parsePretrainedIndex(index({}, [{ ...entry, step: 1.5 }]))).toThrow(/whole numbers/);
  });

  it('only lets the index name files next to it, never a path elsewhere', () => {
    for (const checkpoint of ['../secret.vaeckpt', 'https://example.com/x.vaeckpt', '/abs.vaeckpt', '.hidden']) {
      expect(() => parsePretrainedIndex(index({}, [{ ...entry, files: { ...entry.files, checkpoint } }]))).toThrow(/files must name/);
    }
  });
});
