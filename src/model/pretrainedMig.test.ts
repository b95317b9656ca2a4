// A Shapes model's MIG in public/pretrained/index.json: kept when it is a number in [0, 1],
// refused with its reason otherwise; and the shipped index's Shapes models carry theirs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePretrainedIndex, type PretrainedEntry } from './pretrainedIndex';
import { DEFAULT_HYPER } from './types';

const shapes: PretrainedEntry = {
  id: 'shapes-vae-6d-beta4',
  title: 'Shapes VAE 6-D β = 4',
  dataset: 'shapes',
  model: 'vae',
  latent: 6,
  hidden: [512, 256],
  hyper: { ...DEFAULT_HYPER, beta: 4 },
  step: 4690,
  epochs: 10,
  test: { elbo: -47.3, recon: 38.1, kl: 9.2 },
  mig: 0.0886,
  command: 'npm run train -- --dataset shapes --beta 4',
  seed: 1,
  files: { checkpoint: 'shapes-vae-6d-beta4.vaeckpt', firstPaint: 'shapes-vae-6d-beta4.vaefp' },
  bytes: { checkpoint: 2_700_000, firstPaint: 900_000 },
};
const index = (models: object[]) => ({ version: 1, default: 'shapes-vae-6d-beta4', models });

describe('a pretrained model’s MIG', () => {
  it('is kept when it is a number in [0, 1], and may be absent', () => {
    expect(parsePretrainedIndex(index([shapes])).models[0]!.mig).toBe(0.0886);
    const { mig: _mig, ...without } = shapes;
    expect(parsePretrainedIndex(index([without])).models[0]).not.toHaveProperty('mig');
  });

  it('is refused otherwise, naming the model', () => {
    for (const mig of [-0.1, 1.5, Number.NaN, '0.2', null]) {
      expect(() => parsePretrainedIndex(index([{ ...shapes, mig }])), String(mig)).toThrow(/shapes-vae-6d-beta4: mig must be a number in \[0, 1\]/);
    }
  });

  it('is recorded for each shipped Shapes model, higher at β = 4 than at β = 1, and highest with capacity annealing', () => {
    const shipped = parsePretrainedIndex(JSON.parse(readFileSync('public/pretrained/index.json', 'utf8'))).models.filter((m) => m.dataset === 'shapes');
    const byBeta = shipped.filter((m) => m.hyper.objective !== 'capacity');
    expect(byBeta.map((m) => m.hyper.beta).sort()).toEqual([1, 4]);
    for (const m of shipped) expect(m.mig, m.id).toBeGreaterThan(0);
    const [b1, b4] = [1, 4].map((beta) => byBeta.find((m) => m.hyper.beta === beta)!);
    expect(b4!.mig!).toBeGreaterThan(b1!.mig!);
    // The capacity-annealed model ships because it scores above β = 4 and reconstructs better (same seed, steps and latent size).
    const capacity = shipped.filter((m) => m.hyper.objective === 'capacity');
    expect(capacity).toHaveLength(1);
    expect(capacity[0]!.mig!).toBeGreaterThan(b4!.mig!);
    expect(capacity[0]!.test.recon).toBeLessThan(b4!.test.recon);
    for (const m of [b4!, capacity[0]!]) {
      expect(m.latent).toBe(b1!.latent);
      expect(m.seed).toBe(b1!.seed);
      expect(m.step).toBe(b1!.step);
    }
  });
});
