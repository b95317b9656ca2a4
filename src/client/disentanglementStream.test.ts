// The 'disentanglement' message on the page: filed into its model's stream under its own topic,
// a later one replacing the earlier, a note passed on as it came; an epoch's MIG joins the test
// point of its step (the CSV's mig column and a checkpoint's curves), the full one preferred.
import { describe, expect, it } from 'vitest';
import { curvesCsv } from '../components/exportPanels';
import type { DisentanglementSnapshot, FromTrainer, TestMetrics } from '../shared/protocol';
import { isHistoryRecord } from '../shared/historyRecord';
import { MetricsStore } from './metricsStore';
import { absorb, ModelStreams } from './modelStreams';

const figures: DisentanglementSnapshot = {
  step: 900,
  mig: 0.21,
  mi: [
    [0.9, 0.1, 0.0, 0.0, 0.0],
    [0.1, 0.0, 0.0, 1.4, 0.0],
  ],
  factorEntropy: [1.0986, 1.79, 3.69, 3.47, 3.47],
  migGap: [0.73, 0.05, 0.0, 0.37, 0.0],
  factorNames: ['shape', 'scale', 'orientation', 'posX', 'posY'],
};
const msg = (d: DisentanglementSnapshot): FromTrainer => ({ type: 'disentanglement', ...d });
const test = (full: boolean): TestMetrics => ({ elbo: -60, recon: 50, kl: 10, objective: 60, full, count: full ? 10_000 : 1000 });

describe('the disentanglement message', () => {
  it('is filed into the stream under its topic, without its type, the newest replacing the older', () => {
    const stream = new ModelStreams().current;
    expect(stream.disentanglement).toBeNull();
    expect(absorb(stream, msg(figures))).toBe('disentanglement');
    expect(stream.disentanglement).toEqual(figures);
    expect(stream.disentanglement).not.toHaveProperty('type');
    const note = { step: 950, mig: null, mi: [], factorEntropy: [], migGap: [], factorNames: [], note: 'no MIG with latent dimension 1: …' };
    expect(absorb(stream, msg(note))).toBe('disentanglement');
    expect(stream.disentanglement).toEqual(note);
  });

  it('puts an epoch’s MIG on the full test point of its step, not on the subset point or another step', () => {
    const stream = new ModelStreams().current;
    stream.metrics.appendTest(test(false), 900);
    stream.metrics.appendTest(test(true), 900);
    stream.metrics.appendTest(test(false), 1000);
    const version = stream.metrics.history.version;
    absorb(stream, msg(figures));
    expect(stream.metrics.history.test.map((t) => t.mig)).toEqual([undefined, 0.21, undefined]);
    expect(stream.metrics.history.version).toBe(version + 1);
    // A checkpoint's curves keep it and read back.
    expect(isHistoryRecord(stream.metrics.record())).toBe(true);
    expect(isHistoryRecord({ ...stream.metrics.record(), test: [{ ...test(true), step: 1, mig: 'high' }] })).toBe(false);
  });

  it('leaves the curves alone when no test point has that step, or when MIG is not defined', () => {
    const store = new MetricsStore();
    store.appendTest(test(true), 500);
    expect(store.noteMig(400, 0.3)).toBe(false);
    const stream = new ModelStreams().current;
    stream.metrics.appendTest(test(true), 900);
    absorb(stream, msg({ ...figures, mig: null, note: 'no MIG: …' }));
    expect(stream.metrics.history.test[0]!.mig).toBeUndefined();
  });
});

describe('the curves CSV with MIG', () => {
  it('adds a mig column, filled on the test points it was measured at, empty elsewhere', () => {
    const csv = curvesCsv({
      steps: [1],
      elbo: [-70],
      recon: [60],
      kl: [10],
      objective: [70],
      test: [
        { step: 1, elbo: -65, recon: 55, kl: 10, objective: 65, full: false },
        { step: 2, elbo: -64, recon: 54, kl: 10, objective: 64, full: true, mig: 0.125 },
      ],
    });
    expect(csv).toBe('step,neg_elbo,recon,kl,objective,split,mig\n1,70,60,10,70,train,\n1,65,55,10,65,test,\n2,64,54,10,64,test-full,0.125\n');
  });

  it('has no mig column for a run without MIG', () => {
    const csv = curvesCsv({ steps: [], elbo: [], recon: [], kl: [], objective: [], test: [{ step: 2, elbo: -64, recon: 54, kl: 10, objective: 64, full: true }] });
    expect(csv).toBe('step,neg_elbo,recon,kl,objective,split\n2,64,54,10,64,test-full\n');
  });
});
