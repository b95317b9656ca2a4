import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../../model/types';
import type { SessionConfig } from '../../shared/protocol';
import { translator } from '../i18n/translate';
import { patchModelB } from './ModelBPanel';
import { modelPair } from './modelPair';

const a: SessionConfig = {
  dataset: 'mnist',
  model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] },
  hyper: { ...DEFAULT_HYPER, beta: 1 },
  seed: 1,
};
const en = translator('en');

describe('modelPair', () => {
  it('keeps the default pair’s names, VAE and AE', () => {
    expect(modelPair(a, undefined, en).label).toEqual({ a: 'VAE', b: 'AE' });
  });

  it('names each model by the settings in which they differ, the architecture among them', () => {
    expect(modelPair(a, { beta: 4 }, en).label).toEqual({ a: 'VAE · β = 1', b: 'VAE · β = 4' });
    const arch = modelPair(a, { arch: 'conv' }, en);
    expect(arch.label).toEqual({ a: 'VAE · MLP', b: 'VAE · Conv' });
    expect(arch.config.b.model.arch).toBe('conv');
    expect(arch.sharedZ).toBe(true);
    expect(modelPair(a, { latentDim: 10 }, en).sharedZ).toBe(false);
  });
});

describe('patchModelB', () => {
  it('keeps B’s own settings, and a value set back to A’s is shared again', () => {
    expect(patchModelB(a, {}, { arch: 'conv' })).toEqual({ arch: 'conv' });
    expect(patchModelB(a, { arch: 'conv', beta: 4 }, { arch: 'mlp' })).toEqual({ beta: 4 });
    expect(patchModelB(a, {}, { hidden: '128-64' })).toEqual({ hidden: [128, 64] });
    // Not a setting B holds apart: ignored.
    expect(patchModelB(a, {}, { learningRate: 0.01 })).toEqual({});
  });
});
