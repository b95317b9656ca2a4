import { describe, expect, it } from 'vitest';
import type { ChunkSeries, TestMetrics } from '../shared/protocol';
import { isHistoryRecord, MAX_TEST_POINTS, MAX_TRAIN_POINTS, MetricsStore, thinIndices } from './metricsStore';

function chunk(firstStep: number, n: number): ChunkSeries {
  const values = Array.from({ length: n }, (_, i) => -(firstStep + i));
  return {
    firstStep,
    elbo: values,
    recon: values.map((v) => -v * 0.9),
    kl: values.map((v) => -v * 0.1),
    objective: values.map((v) => -v),
  };
}
const testPoint: TestMetrics = { elbo: -150, recon: 140, kl: 10, objective: 150, full: false, count: 1000 };

describe('thinIndices', () => {
  it('keeps the first and last index, in increasing order, halving the oldest half', () => {
    const keep = thinIndices(11);
    expect(keep).toEqual([0, 2, 4, 5, 6, 7, 8, 9, 10]);
    const big = thinIndices(20_001);
    expect(big[0]).toBe(0);
    expect(big[big.length - 1]).toBe(20_000);
    expect(big.every((v, i) => i === 0 || v > (big[i - 1] as number))).toBe(true);
    expect(big.length).toBe(15_001);
  });
});

describe('MetricsStore', () => {
  it('appends one entry per step with the right step numbers and bumps the version', () => {
    const store = new MetricsStore();
    const v0 = store.history.version;
    store.appendChunk(chunk(0, 3));
    store.appendChunk(chunk(3, 2), testPoint);
    const h = store.history;
    expect(h.version).toBe(v0 + 2);
    expect(h.steps).toEqual([0, 1, 2, 3, 4]);
    expect(h.elbo).toEqual([-0, -1, -2, -3, -4]);
    expect(h.recon[4]).toBeCloseTo(3.6);
    expect(h.test).toEqual([{ ...testPoint, step: 4 }]);
  });

  it('rewinds when steps go back (training resumed from an earlier snapshot)', () => {
    const store = new MetricsStore();
    store.appendChunk(chunk(0, 10), testPoint);
    store.appendTest(testPoint, 5);
    store.appendChunk(chunk(6, 3));
    const h = store.history;
    expect(h.steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.elbo.slice(-3)).toEqual([-6, -7, -8]);
    expect(h.test.map((t) => t.step)).toEqual([5]);
  });

  it('records a test point at the step given', () => {
    const store = new MetricsStore();
    store.appendTest({ ...testPoint, full: true, count: 10_000 }, 468);
    expect(store.history.test[0]).toMatchObject({ step: 468, full: true, count: 10_000 });
    expect(store.history.version).toBe(1);
  });

  it('thins train points past the cap, keeping first, last and order, arrays in step', () => {
    const store = new MetricsStore();
    let step = 0;
    while (step < MAX_TRAIN_POINTS * 3) {
      store.appendChunk(chunk(step, 97));
      step += 97;
    }
    const h = store.history;
    expect(h.steps.length).toBeLessThanOrEqual(MAX_TRAIN_POINTS);
    expect(h.steps.length).toBeGreaterThan(MAX_TRAIN_POINTS / 2);
    expect(h.steps[0]).toBe(0);
    expect(h.steps[h.steps.length - 1]).toBe(step - 1);
    expect(h.steps.every((s, i) => i === 0 || s > (h.steps[i - 1] as number))).toBe(true);
    for (const arr of [h.elbo, h.recon, h.kl, h.objective]) expect(arr.length).toBe(h.steps.length);
    h.steps.forEach((s, i) => expect(h.elbo[i]).toBe(-s));
  });

  it('thins test points past their cap too', () => {
    const store = new MetricsStore();
    for (let i = 0; i <= MAX_TEST_POINTS; i++) store.appendTest(testPoint, i);
    const t = store.history.test;
    expect(t.length).toBeLessThanOrEqual(MAX_TEST_POINTS);
    expect(t[0]?.step).toBe(0);
    expect(t[t.length - 1]?.step).toBe(MAX_TEST_POINTS);
  });

  it('clear empties every series and still bumps the version', () => {
    const store = new MetricsStore();
    store.appendChunk(chunk(0, 5), testPoint);
    const v = store.history.version;
    store.clear();
    expect(store.history.steps).toEqual([]);
    expect(store.history.test).toEqual([]);
    expect(store.history.version).toBe(v + 1);
  });
});

describe('saved histories', () => {
  it('record() and clear(saved) round-trip the curves', () => {
    const store = new MetricsStore();
    store.appendChunk(chunk(0, 4), testPoint);
    const saved = store.record();
    expect(isHistoryRecord(saved)).toBe(true);
    const other = new MetricsStore();
    other.clear(saved);
    expect(other.record()).toEqual(saved);
    saved.elbo[0] = 123;
    expect(other.history.elbo[0]).not.toBe(123);
  });

  it('isHistoryRecord rejects what a checkpoint from elsewhere might hold', () => {
    const good = { steps: [0], elbo: [-1], recon: [1], kl: [0], objective: [1], test: [] };
    expect(isHistoryRecord(good)).toBe(true);
    expect(isHistoryRecord(null)).toBe(false);
    expect(isHistoryRecord({ ...good, elbo: [-1, -2] })).toBe(false);
    expect(isHistoryRecord({ ...good, kl: ['0'] })).toBe(false);
    expect(isHistoryRecord({ ...good, test: [{ step: 0 }] })).toBe(false);
    expect(isHistoryRecord([{ epoch: 1, elbo: -150 }])).toBe(false);
  });
});
