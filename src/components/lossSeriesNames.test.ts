import { describe, expect, it } from 'vitest';
import { translator } from './i18n/translate';
import { seriesName } from './lossSeriesNames';

describe('seriesName', () => {
  const en = translator('en');
  const ja = translator('ja');
  const names = { a: 'VAE', b: 'VAE · β = 4' };

  it('names a single model’s curves by their term', () => {
    expect(seriesName('elbo', en)).toBe('−ELBO');
    expect(seriesName('kl', en)).toBe('KL');
  });

  it('in Compare, names whose curve each is, Model B by its settings, not “Model B”', () => {
    expect(seriesName('recon', en, names)).toBe('VAE reconstruction');
    expect(seriesName('aeRecon', en, names)).toBe('VAE · β = 4 reconstruction');
    expect(seriesName('aeKl', en, names)).toBe('VAE · β = 4 KL');
    expect(seriesName('aeKl', ja, names)).toContain('VAE · β = 4');
    expect(seriesName('aeKl', ja, names)).not.toBe(seriesName('aeKl', en, names));
  });
});
