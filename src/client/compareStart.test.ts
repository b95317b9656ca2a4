import { describe, expect, it } from 'vitest';
import type { PretrainedEntry } from '../model/pretrainedIndex';
import { DEFAULT_HYPER } from '../model/types';
import { planCompare, shippedPair, type CompareFacts } from './compareStart';
import type { SessionConfig } from '../shared/protocol';

const config: SessionConfig = { dataset: 'mnist', model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] }, hyper: DEFAULT_HYPER, seed: 1 };

function entry(id: string, dataset: string, model: 'vae' | 'ae', step = 2345): PretrainedEntry {
  return {
    id,
    title: id,
    dataset,
    model,
    latent: 2,
    hidden: [512, 256],
    hyper: DEFAULT_HYPER,
    step,
    epochs: 5,
    test: { elbo: -150, recon: 145, kl: 5 },
    command: '',
    seed: 1,
    files: { checkpoint: `${id}.vaeckpt`, firstPaint: `${id}.vaefp` },
    bytes: { checkpoint: 1, firstPaint: 1 },
  };
}
const MODELS = [entry('mnist-vae-2d', 'mnist', 'vae'), entry('mnist-ae-2d', 'mnist', 'ae'), entry('fashion-vae-2d', 'fashion', 'vae')];
const facts = (f: Partial<CompareFacts>): CompareFacts => ({ config, vaeStep: 0, aeStep: 0, pretrained: null, settled: true, models: MODELS, ...f });

describe('shippedPair', () => {
  it('finds the MNIST VAE and AE of the same shape and step', () => {
    expect(shippedPair(MODELS, config)?.ae.id).toBe('mnist-ae-2d');
  });
  it('has none for Fashion-MNIST (no shipped AE), another latent size or other layers', () => {
    expect(shippedPair(MODELS, { ...config, dataset: 'fashion' })).toBeNull();
    expect(shippedPair(MODELS, { ...config, model: { ...config.model, latentDim: 8 } })).toBeNull();
    expect(shippedPair(MODELS, { ...config, model: { ...config.model, hidden: [512] } })).toBeNull();
  });
  it('pairs only checkpoints of one step', () => {
    expect(shippedPair([MODELS[0]!, entry('mnist-ae-2d', 'mnist', 'ae', 1000)], config)).toBeNull();
  });
});

describe('planCompare: both models start at one step', () => {
  it('keeps a pair that is already level (both new, or both trained the same steps)', () => {
    expect(planCompare(facts({}))).toMatchObject({ kind: 'keep', step: 0, asks: false });
    expect(planCompare(facts({ vaeStep: 300, aeStep: 300 }))).toMatchObject({ kind: 'keep', step: 300 });
  });

  it('puts the shipped AE beside the shipped VAE without asking (the classroom start)', () => {
    const plan = planCompare(facts({ vaeStep: 2345, pretrained: 'mnist-vae-2d' }));
    expect(plan).toMatchObject({ kind: 'shipped', vae: null, step: 2345, asks: false, lost: 0 });
    if (plan.kind === 'shipped') expect(plan.ae.id).toBe('mnist-ae-2d');
  });

  it('reloads the shipped VAE too when it trained on, and asks, counting the steps lost', () => {
    const plan = planCompare(facts({ vaeStep: 2600, pretrained: 'mnist-vae-2d' }));
    expect(plan).toMatchObject({ kind: 'shipped', step: 2345, asks: true, lost: 2600 });
    if (plan.kind === 'shipped') expect(plan.vae?.id).toBe('mnist-vae-2d');
    // The AE's own training counts too.
    expect(planCompare(facts({ vaeStep: 2345, aeStep: 40, pretrained: 'mnist-vae-2d' }))).toMatchObject({ kind: 'shipped', vae: null, asks: true, lost: 40 });
  });

  it('reloads the VAE while the startup’s checkpoint is still on its way to the worker', () => {
    const plan = planCompare(facts({ vaeStep: 2345, pretrained: 'mnist-vae-2d', settled: false }));
    expect(plan).toMatchObject({ kind: 'shipped', asks: false });
    if (plan.kind === 'shipped') expect(plan.vae?.id).toBe('mnist-vae-2d');
  });

  it('starts both from new weights where no AE is shipped, asking only for training of the user’s own', () => {
    const fashion = { ...config, dataset: 'fashion' as const };
    expect(planCompare(facts({ config: fashion, vaeStep: 2345, pretrained: 'fashion-vae-2d' }))).toMatchObject({ kind: 'fresh', step: 0, asks: false, lost: 0 });
    expect(planCompare(facts({ config: fashion, vaeStep: 120 }))).toMatchObject({ kind: 'fresh', asks: true, lost: 120 });
  });

  it('starts both fresh when the index could not be read', () => {
    expect(planCompare(facts({ models: [], vaeStep: 50 }))).toMatchObject({ kind: 'fresh', asks: true, lost: 50 });
  });
});
