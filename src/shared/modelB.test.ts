import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../model/types';
import {
  applyModelB,
  DEFAULT_MODEL_B,
  modelBDiff,
  modelBHyper,
  modelBNeedsNewWeights,
  primarySlot,
  sameModelB,
  sharedHyper,
  slotOfKind,
} from './modelB';
import type { SessionConfig } from './protocol';

const a: SessionConfig = {
  dataset: 'mnist',
  model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] },
  hyper: { ...DEFAULT_HYPER, beta: 1 },
  seed: 3,
};

describe('Model B: the settings in which Compare’s second model differs from Model A', () => {
  it('is by default an AE with A’s layers and everything else A’s', () => {
    const b = applyModelB(a, DEFAULT_MODEL_B);
    expect(b.model).toEqual({ ...a.model, kind: 'ae' });
    expect(b.hyper).toEqual(a.hyper);
    expect(b.seed).toBe(a.seed);
    expect(modelBDiff(a, DEFAULT_MODEL_B)).toEqual({ kind: 'ae' });
  });

  it('takes its own network and objective settings over A’s, and never shares A’s arrays', () => {
    const b = applyModelB(a, { kind: 'vae', beta: 4, latentDim: 10, hidden: [256], likelihood: 'gaussian', sigmaX: 0.5, samples: 3, reparam: false });
    expect(b.model).toEqual({ kind: 'vae', inputDim: 784, latentDim: 10, hidden: [256] });
    expect(b.hyper).toMatchObject({ beta: 4, likelihood: 'gaussian', sigmaX: 0.5, samples: 3, reparam: false, learningRate: a.hyper.learningRate, batchSize: a.hyper.batchSize });
    const same = applyModelB(a, {});
    expect(same.model.hidden).toEqual(a.model.hidden);
    expect(same.model.hidden).not.toBe(a.model.hidden);
  });

  it('needs new weights for kind, latent dimension and layers only', () => {
    expect(modelBNeedsNewWeights(a, DEFAULT_MODEL_B, { kind: 'ae', beta: 4 })).toBe(false);
    expect(modelBNeedsNewWeights(a, {}, { beta: 4, samples: 2, reparam: false, likelihood: 'gaussian' })).toBe(false);
    expect(modelBNeedsNewWeights(a, DEFAULT_MODEL_B, {})).toBe(true);
    expect(modelBNeedsNewWeights(a, {}, { latentDim: 3 })).toBe(true);
    expect(modelBNeedsNewWeights(a, {}, { hidden: [256] })).toBe(true);
    // The same network said two ways (A's value, or B's own equal to it) is no change.
    expect(modelBNeedsNewWeights(a, {}, { latentDim: 2, hidden: [512, 256], kind: 'vae' })).toBe(false);
  });

  it('a live change for A reaches B without the settings B holds apart', () => {
    expect(sharedHyper({ beta: 2, learningRate: 3e-4, samples: 4 }, { beta: 4 })).toEqual({ learningRate: 3e-4, samples: 4 });
    expect(sharedHyper({ beta: 2 }, DEFAULT_MODEL_B)).toEqual({ beta: 2 });
    expect(modelBHyper(a, { beta: 4 })).toEqual({ beta: 4, likelihood: a.hyper.likelihood, sigmaX: a.hyper.sigmaX, samples: a.hyper.samples, reparam: a.hyper.reparam });
  });

  it('names only the settings that differ from A, whoever holds them', () => {
    expect(modelBDiff(a, { beta: 1, latentDim: 2, kind: 'vae' })).toEqual({});
    expect(modelBDiff(a, { beta: 4, hidden: [512, 256] })).toEqual({ beta: 4 });
    expect(sameModelB({ kind: 'ae', hidden: [8] }, { hidden: [8], kind: 'ae' })).toBe(true);
    expect(sameModelB({ kind: 'ae' }, { kind: 'ae', beta: 4 })).toBe(false);
  });

  it('may differ in architecture: MLP against Conv is new weights, and an MLP names no architecture', () => {
    const conv = applyModelB(a, { arch: 'conv' });
    expect(conv.model.arch).toBe('conv');
    expect(a.model.arch).toBeUndefined();
    expect(modelBNeedsNewWeights(a, {}, { arch: 'conv' })).toBe(true);
    expect(modelBDiff(a, { arch: 'conv' })).toEqual({ arch: 'conv' });
    // A's MLP said without a name, B's said as 'mlp': the same network, no new weights, no difference.
    expect(modelBNeedsNewWeights(a, {}, { arch: 'mlp' })).toBe(false);
    expect(modelBDiff(a, { arch: 'mlp' })).toEqual({});
    expect('arch' in applyModelB(a, { arch: 'mlp' }).model).toBe(false);
    // Over a conv A, B may be the MLP.
    const convA: SessionConfig = { ...a, model: { ...a.model, arch: 'conv' } };
    expect(modelBDiff(convA, { arch: 'mlp' })).toEqual({ arch: 'mlp' });
    expect(applyModelB(convA, { arch: 'mlp' }).model.arch).toBeUndefined();
  });

  it('fills slot A in the VAE view and Compare, slot B in the AE view', () => {
    expect(primarySlot('vae')).toBe('a');
    expect(primarySlot('compare')).toBe('a');
    expect(primarySlot('ae')).toBe('b');
    expect(slotOfKind('vae')).toBe('a');
    expect(slotOfKind('ae')).toBe('b');
  });
});
