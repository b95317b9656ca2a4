import { describe, expect, it } from 'vitest';
import {
  downsampleMinMax,
  ema,
  formatNats,
  formatStep,
  logTicks,
  nearestIndex,
  pathData,
  smoothingFor,
  spreadTicks,
  symexp,
  symlog,
  yDomain,
} from './lossChartScales';

describe('ema', () => {
  it('starts at the first value (debiased) and follows a step change', () => {
    const s = ema([10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.9);
    expect(s[0]).toBeCloseTo(10, 12);
    expect(s[2]).toBeCloseTo(10, 12);
    expect(s[3]).toBeLessThan(10);
    expect(s[3]).toBeGreaterThan(5);
    expect(s[29]).toBeLessThan(1);
    for (let i = 4; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]);
  });
  it('is the identity with smoothing 0 and skips non-finite values', () => {
    expect(Array.from(ema([3, 1, 4], 0))).toEqual([3, 1, 4]);
    const s = ema([NaN, 2, Infinity, 4], 0.5);
    expect(s[0]).toBeNaN();
    expect(s[1]).toBe(2);
    expect(s[2]).toBe(2);
    // weights after two finite values: (0.5·2·0.5 + 0.5·4) / (0.25 + 0.5)
    expect(s[3]).toBeCloseTo((0.25 * 2 + 0.5 * 4) / 0.75, 12);
  });
});

describe('downsampleMinMax', () => {
  const n = 20_000;
  const xs = Array.from({ length: n }, (_, i) => i);
  const ys = xs.map((i) => Math.sin(i / 50) * 10 + 100);
  ys[12_345] = 999; // one spike
  ys[777] = -50; // one dip

  it('draws 20k points as at most two per column and keeps the extremes', () => {
    const out = downsampleMinMax(xs, ys, 0, n - 1, 600);
    expect(out.x.length).toBeLessThanOrEqual(1200);
    expect(out.x.length).toBeGreaterThan(600);
    expect(Math.max(...out.y)).toBe(999);
    expect(Math.min(...out.y)).toBe(-50);
    expect(out.x).toContain(12_345);
    expect(out.x).toContain(777);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
  });
  it('keeps the first and last point', () => {
    const flat = xs.map(() => 5);
    const out = downsampleMinMax(xs, flat, 0, n - 1, 100);
    expect(out.x[0]).toBe(0);
    expect(out.x[out.x.length - 1]).toBeGreaterThan(n - 1 - n / 100);
  });
  it('returns short series unchanged except non-finite values', () => {
    const out = downsampleMinMax([1, 2, 3, 4], [5, NaN, 7, 8], 1, 4, 100);
    expect(out).toEqual({ x: [1, 3, 4], y: [5, 7, 8] });
  });
});

describe('yDomain', () => {
  it('anchors positive losses at 0 on a linear axis', () => {
    expect(yDomain([[150, 540], [3, 9]], false)).toEqual([0, 540 * 1.05]);
  });
  it('pads a domain that crosses 0 and never returns an empty one', () => {
    const [lo, hi] = yDomain([[-100, 50]], false);
    expect(lo).toBeLessThan(-100);
    expect(hi).toBeGreaterThan(50);
    expect(yDomain([[-4, -4]], false)).toEqual([-5, -3]);
    expect(yDomain([[0, 0]], false)).toEqual([0, 1]);
    expect(yDomain([[], [NaN]], false)).toEqual([0, 1]);
  });
  it('stays finite on the log axis with 0 and negative values', () => {
    for (const data of [[0, 0], [0, 500], [-1600, -10, 40], [1e-9, 2e-9]]) {
      const [lo, hi] = yDomain([data], true);
      expect(Number.isFinite(lo) && Number.isFinite(hi)).toBe(true);
      expect(hi).toBeGreaterThan(lo);
      expect(lo).toBeLessThanOrEqual(Math.min(...data));
      expect(hi).toBeGreaterThanOrEqual(Math.max(...data));
    }
  });
  it('symlog and symexp are inverse and odd', () => {
    for (const v of [-1000, -1, 0, 0.5, 3, 1e6]) expect(symexp(symlog(v))).toBeCloseTo(v, 6);
    expect(symlog(-7)).toBe(-symlog(7));
  });
});

describe('logTicks', () => {
  it('gives 1-2-5 ticks inside the domain, at most max', () => {
    const t = logTicks([0, 600]);
    expect(t.length).toBeLessThanOrEqual(8);
    expect(t).toContain(0);
    expect(t).toContain(100);
    expect(t).toContain(500);
    expect(t.every((v) => v >= 0 && v <= 600)).toBe(true);
  });
  it('mirrors into negative values', () => {
    const t = logTicks([-2000, 50]);
    expect(t).toContain(-1000);
    expect(t).toContain(0);
    expect(t).toContain(10);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
  });
});

describe('nearestIndex', () => {
  it('finds the closest step', () => {
    const steps = [10, 20, 30, 40];
    expect(nearestIndex(steps, 0)).toBe(0);
    expect(nearestIndex(steps, 24)).toBe(1);
    expect(nearestIndex(steps, 26)).toBe(2);
    expect(nearestIndex(steps, 99)).toBe(3);
    expect(nearestIndex([], 5)).toBe(-1);
  });
});

describe('formatting', () => {
  it('formats nats with tabular-friendly precision', () => {
    expect(formatNats(164.234)).toBe('164.2');
    expect(formatNats(3.14159)).toBe('3.14');
    expect(formatNats(1234.5)).toBe('1,235');
    expect(formatNats(-12.5)).toBe('−12.5');
    expect(formatNats(NaN)).toBe('–');
    expect(formatNats(undefined)).toBe('–');
  });
  it('formats steps', () => {
    expect(formatStep(1200)).toBe('1,200');
    expect(formatStep(23_456)).toBe('23.5k');
  });
});

describe('smoothingFor', () => {
  it('does not smooth short runs and caps the window at 100 steps', () => {
    expect(smoothingFor(0)).toBe(0);
    expect(smoothingFor(100)).toBe(0);
    expect(smoothingFor(1000)).toBeCloseTo(0.9, 12);
    expect(smoothingFor(20_000)).toBeCloseTo(0.99, 12);
    expect(smoothingFor(1e9)).toBeCloseTo(0.99, 12);
    for (let n = 100; n < 20_000; n += 700) expect(smoothingFor(n + 700)).toBeGreaterThanOrEqual(smoothingFor(n));
  });
});

describe('pathData', () => {
  it('draws through the scaled points and skips unplottable ones', () => {
    const double = (v: number) => v * 2;
    expect(pathData([0, 1, 2], [5, NaN, 1.234], double, (v) => v)).toBe('M0,5L4,1.2');
    expect(pathData([], [], double, double)).toBe('');
  });
});

describe('spreadTicks', () => {
  it('keeps the larger of two ticks that would overlap', () => {
    const px = (v: number) => 200 - 40 * symlog(v);
    // 1 and 2 are 16 px apart: 2 stays, 1 goes; 0 is 44 px below 2 and stays.
    expect(spreadTicks([0, 1, 2, 10, 100], px, 20)).toEqual([0, 2, 10, 100]);
    // 0 is 28 px below 1: with a 30 px gap it goes.
    expect(spreadTicks([0, 1, 10, 100], px, 30)).toEqual([1, 10, 100]);
    expect(spreadTicks([], px, 10)).toEqual([]);
  });
});
