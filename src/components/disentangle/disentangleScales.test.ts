import { describe, expect, it } from 'vitest';
import { THEMES } from '../palette';
import { bestFactors, dimensionFactor, formatShare, heatColour, latentName, normalisedMi } from './disentangleScales';

const snap = {
  // Two latents × three factors, nats.
  mi: [
    [1.0, 0.1, 0],
    [0.3, 0.9, 0],
  ],
  factorEntropy: [Math.log(3), 1.8, 0],
};

describe('normalisedMi', () => {
  it('divides each column by its factor entropy and keeps shares in [0, 1]', () => {
    const n = normalisedMi(snap);
    expect(n[0][0]).toBeCloseTo(1.0 / Math.log(3), 12);
    expect(n[1][1]).toBeCloseTo(0.5, 12);
    // A factor without entropy gives no share rather than a division by zero.
    expect(n[0][2]).toBe(0);
    expect(normalisedMi({ mi: [[5]], factorEntropy: [2] })[0][0]).toBe(1);
    expect(normalisedMi({ mi: [[NaN]], factorEntropy: [2] })[0][0]).toBe(0);
  });
});

describe('bestFactors', () => {
  it('picks, per latent, the factor it carries the largest share of', () => {
    expect(bestFactors(snap)).toEqual([
      { factor: 0, score: expect.closeTo(1.0 / Math.log(3), 12) },
      { factor: 1, score: expect.closeTo(0.5, 12) },
    ]);
  });
  it('is null for a latent that carries nothing, and takes the earlier factor on a tie', () => {
    expect(bestFactors({ mi: [[0, 0], [0.5, 0.5]], factorEntropy: [1, 1] })).toEqual([null, { factor: 0, score: 0.5 }]);
  });
});

describe('heatColour', () => {
  it('runs from the surface colour at 0 to the encoder accent at 1, clamping outside', () => {
    const c = heatColour('light');
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(c(0)).toBe(rgb(THEMES.light.surface));
    expect(c(1)).toBe(rgb(THEMES.light.encoder));
    expect(c(2)).toBe(c(1));
    expect(c(NaN)).toBe(c(0));
    expect(c(0.5)).not.toBe(c(0));
    // A square-root ramp: a quarter share is half-way in colour.
    const { surface, encoder } = THEMES.light;
    const mid = [1, 3, 5].map((i) => Math.round((parseInt(surface.slice(i, i + 2), 16) + parseInt(encoder.slice(i, i + 2), 16)) / 2));
    expect(c(0.25)).toBe(`rgb(${mid.join(', ')})`);
  });
});

describe('formatting', () => {
  it('writes shares with two decimals and names latents with subscripts', () => {
    expect(formatShare(0.6149)).toBe('0.61');
    expect(formatShare(null)).toBe('–');
    expect(latentName(2)).toBe('z₃');
    expect(latentName(11)).toBe('z₁₂');
  });
});

describe('dimensionFactor', () => {
  const s = { ...snap, factorNames: ['shape', 'posX', 'posY'] };
  it('names the factor a dimension carries most of, with its share to two decimals', () => {
    expect(dimensionFactor(s, 1, 2)).toEqual({ factor: 'posX', share: '0.50' });
    expect(dimensionFactor(s, 0, 2)).toEqual({ factor: 'shape', share: (1.0 / Math.log(3)).toFixed(2) });
  });
  it('says nothing without a snapshot of this latent size, or for a dimension carrying nothing', () => {
    expect(dimensionFactor(null, 0, 2)).toBeNull();
    expect(dimensionFactor(s, 0, 3)).toBeNull();
    expect(dimensionFactor({ mi: [[0], [0.2]], factorEntropy: [1], factorNames: ['scale'] }, 0, 2)).toBeNull();
  });
});
