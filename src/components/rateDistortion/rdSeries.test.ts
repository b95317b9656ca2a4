import { describe, expect, it } from 'vitest';
import { rdSeries } from './rdSeries';

const t = (step: number, recon: number, kl: number) => ({ step, recon, kl, elbo: -(recon + kl), objective: recon + kl, full: false, count: 1000 });

describe('a model’s path in the rate–distortion plane', () => {
  it('follows its test points in step order; its point is the latest, −ELBO = R + D', () => {
    const s = rdSeries('a', 'VAE', 'vae', { test: [t(200, 160, 4), t(100, 190, 2), t(300, NaN, 1), t(400, 150, 5)] });
    expect(s.path).toEqual([
      { rate: 2, distortion: 190 },
      { rate: 4, distortion: 160 },
      { rate: 5, distortion: 150 },
    ]);
    expect(s.latest).toEqual({ rate: 5, distortion: 150, step: 400, negElbo: 155 });
    expect(s.hasRate).toBe(true);
  });

  it('puts an AE on the D axis: it has no rate', () => {
    const s = rdSeries('b', 'AE', 'ae', { test: [t(10, 170, 0), t(20, 140, 0)] });
    expect(s.hasRate).toBe(false);
    expect(s.path.every((p) => p.rate === 0)).toBe(true);
    expect(s.latest).toMatchObject({ rate: 0, distortion: 140, negElbo: 140 });
  });

  it('has no point before its first test pass', () => {
    expect(rdSeries('a', 'VAE', 'vae', { test: [] })).toMatchObject({ path: [], latest: null });
  });
});
