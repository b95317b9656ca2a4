import { describe, expect, it } from 'vitest';
import { capacityPoints } from './capacityLine';
import { axisDomains } from './lossChartKlAxis';

// A capacity run as the chart sees it: reconstruction falls from ~700 nats, KL climbs toward C.
const recon = [700, 400, 200, 120, 80];
const elbo = recon.map((r, i) => r + [0.5, 2, 4, 6, 7.5][i]);
const kl = [0.5, 2, 4, 6, 7.5];
const c = capacityPoints({ cMax: 15, rampSteps: 5000 }, 0, 2000).map((p) => p[1]);

describe('axisDomains', () => {
  it('puts KL and C on a right axis whose domain is theirs, not reconstruction\'s', () => {
    const d = axisDomains([{ key: 'elbo', values: elbo }, { key: 'recon', values: recon }, { key: 'kl', values: kl }], c, false);
    // Linear, anchored at 0, 5 % headroom over the larger of KL's 7.5 and C(2,000) = 6.
    expect(d.right).toEqual([0, 7.5 * 1.05]);
    // The left axis spans −ELBO and reconstruction only.
    expect(d.left).toEqual([0, 700.5 * 1.05]);
    // On the right axis KL's last value reaches 95 % of the plot's height; on the left one it was 1 %.
    expect(7.5 / d.right![1]).toBeGreaterThan(0.9);
    expect(7.5 / d.left[1]).toBeLessThan(0.02);
  });

  it('lets C set the right axis when it runs above KL, and keeps test points of KL there too', () => {
    const late = capacityPoints({ cMax: 15, rampSteps: 1000 }, 0, 4000).map((p) => p[1]);
    const d = axisDomains([{ key: 'recon', values: recon }, { key: 'kl', values: kl }, { key: 'kl', values: [9] }], late, false);
    expect(d.right).toEqual([0, 15 * 1.05]);
    expect(d.left).toEqual([0, 700 * 1.05]);
  });

  it('keeps one axis for every series without a capacity line', () => {
    const d = axisDomains([{ key: 'recon', values: recon }, { key: 'kl', values: kl }], null, false);
    expect(d.right).toBeNull();
    expect(d.left).toEqual([0, 700 * 1.05]);
  });

  it('splits the same way on the log scale, and puts Model B\'s KL on the KL axis', () => {
    const d = axisDomains([{ key: 'recon', values: recon }, { key: 'aeKl', values: [30] }, { key: 'kl', values: kl }], c, true);
    expect(d.right![1]).toBeGreaterThan(30);
    expect(d.right![1]).toBeLessThan(60);
    expect(d.left[0]).toBeGreaterThan(60);
  });

  it('gives the left axis the empty default when only KL is shown', () => {
    expect(axisDomains([{ key: 'kl', values: kl }], c, false).left).toEqual([0, 1]);
  });
});
