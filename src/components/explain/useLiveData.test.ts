import { describe, expect, it } from 'vitest';
import type { MetricsHistory } from '../../client/clientTypes';
import { summarizeMetrics } from './useLiveData';

describe('summarizeMetrics', () => {
  it('averages the recent training steps and takes the latest test point', () => {
    const h: MetricsHistory = {
      version: 1,
      steps: [1, 2, 3, 4],
      elbo: [-200, -180, -160, -140],
      recon: [190, 170, 150, 130],
      kl: [10, 10, 10, 10],
      objective: [200, 180, 160, 140],
      test: [
        { step: 2, elbo: -175, recon: 165, kl: 10, objective: 175, full: false, count: 1000 },
        { step: 4, elbo: -150, recon: 140, kl: 10, objective: 150, full: false, count: 1000 },
      ],
    };
    const m = summarizeMetrics(h, 2);
    expect(m.train).toEqual({ elbo: -150, recon: 140, kl: 10, objective: 150, steps: 2, lastStep: 4 });
    expect(m.test).toEqual({ elbo: -150, recon: 140, kl: 10, count: 1000, step: 4 });
  });

  it('is empty before training', () => {
    const h: MetricsHistory = { version: 0, steps: [], elbo: [], recon: [], kl: [], objective: [], test: [] };
    expect(summarizeMetrics(h)).toEqual({ train: null, test: null });
  });
});
