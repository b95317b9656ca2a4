import { describe, expect, it } from 'vitest';
import { historyFromEpochs } from './epochHistory';
import { isHistoryRecord } from '../shared/historyRecord';

// Two lines as scripts/train.ts writes them (β = 1, so no objective field).
const cli = {
  epochs: [
    { epoch: 1, step: 469, train: { elbo: -186.2, recon: 181.0, kl: 5.2 }, test: { elbo: -167.0, recon: 162.2, kl: 4.8 }, imagesPerSec: 719 },
    { epoch: 2, step: 938, train: { elbo: -163.1, recon: 158.1, kl: 5.0 }, test: { elbo: -159.8, recon: 154.7, kl: 5.1 }, imagesPerSec: 789 },
  ],
};

describe('historyFromEpochs', () => {
  it("turns the CLI's epoch lines into the page's curves: one train point per epoch, a full test point at its end", () => {
    const h = historyFromEpochs(cli, 10_000, 1);
    expect(isHistoryRecord(h)).toBe(true);
    expect(h?.steps).toEqual([469, 938]);
    expect(h?.elbo).toEqual([-186.2, -163.1]);
    expect(h?.objective[0]).toBeCloseTo(186.2, 6);
    expect(h?.test[1]).toEqual({ step: 938, elbo: -159.8, recon: 154.7, kl: 5.1, objective: 154.7 + 5.1, full: true, count: 10_000 });
  });

  it('weights KL by β in the objective, or takes the objective the CLI recorded', () => {
    expect(historyFromEpochs(cli, 10_000, 4)?.objective[1]).toBeCloseTo(158.1 + 4 * 5.0, 6);
    const recorded = { epochs: [{ ...cli.epochs[0], objective: { train: 200, test: 190 } }] };
    const h = historyFromEpochs(recorded, 10_000, 4);
    expect(h?.objective).toEqual([200]);
    expect(h?.test[0].objective).toBe(190);
  });

  it('gives nothing for anything else: the page history, no epochs, bad numbers, steps out of order', () => {
    expect(historyFromEpochs(undefined, 10_000, 1)).toBeNull();
    expect(historyFromEpochs({ steps: [1], elbo: [-500] }, 10_000, 1)).toBeNull();
    expect(historyFromEpochs({ epochs: [] }, 10_000, 1)).toBeNull();
    expect(historyFromEpochs({ epochs: [{ ...cli.epochs[0], train: { elbo: NaN, recon: 1, kl: 1 } }] }, 10_000, 1)).toBeNull();
    expect(historyFromEpochs({ epochs: [cli.epochs[1], cli.epochs[0]] }, 10_000, 1)).toBeNull();
  });
});
