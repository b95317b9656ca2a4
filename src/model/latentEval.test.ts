// migReport, the one MIG entry point of the worker and the CLI: figures where MIG is defined, a
// note (never a throw) where it is not.
import { describe, expect, it } from 'vitest';
import { FACTOR_NAMES } from '../data/shapes';
import { migReport, NO_FACTORS_NOTE } from './latentEval';

/** n images with two factors (4 and 5 values), latents that copy them: z0 = factor 0, z1 = factor 1. */
function copied(n = 2000): { mu: Float32Array; factors: Uint8Array[] } {
  const f0 = Uint8Array.from({ length: n }, (_, i) => i % 4);
  const f1 = Uint8Array.from({ length: n }, (_, i) => Math.floor(i / 4) % 5);
  const mu = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) [mu[2 * i], mu[2 * i + 1]] = [f0[i], f1[i]];
  return { mu, factors: [f0, f1] };
}

describe('migReport', () => {
  it('gives MIG 1 when each latent copies one factor (fewer values than bins), with its matrix and the entropies', () => {
    const { mu, factors } = copied();
    const r = migReport(mu, 2, factors, ['f0', 'f1']);
    expect(r.mig).toBeCloseTo(1, 10);
    expect(r.factorEntropy[0]).toBeCloseTo(Math.log(4), 10);
    expect(r.factorEntropy[1]).toBeCloseTo(Math.log(5), 10);
    expect(r.mi[0]![0]).toBeCloseTo(Math.log(4), 10);
    expect(r.mi[0]![1]).toBeCloseTo(0, 10);
    expect(r.migGap).toHaveLength(2);
    expect(r.factorNames).toEqual(['f0', 'f1']);
    expect(() => migReport(mu, 2, factors)).toThrow(/2 factors but 5 names/);
    expect(migReport(mu, 2, [...factors, factors[0]!, factors[1]!, factors[0]!]).factorNames).toEqual([...FACTOR_NAMES]);
    expect(r.note).toBeUndefined();
  });

  it('says why instead of scoring: no factors, latent dimension 1, a diverged model', () => {
    const { mu, factors } = copied();
    expect(migReport(mu, 2, null)).toEqual({ mig: null, mi: [], factorEntropy: [], migGap: [], factorNames: [], note: NO_FACTORS_NOTE });
    expect(migReport(mu.subarray(0, 2000), 1, factors, ['f0', 'f1']).note).toMatch(/^no MIG with latent dimension 1: .*needs at least 2$/);
    const bad = mu.slice();
    bad[7] = Number.NaN;
    const r = migReport(bad, 2, factors, ['f0', 'f1']);
    expect(r.mig).toBeNull();
    expect(r.note).toMatch(/^no MIG: .*diverged/);
  });
});
