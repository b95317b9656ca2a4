import { describe, expect, it } from 'vitest';
import { likelihoodConstant, type Regime } from './chartEvents';
import { ema } from './lossChartScales';
import { labelRows, segmentStarts, smoothSegments, thinTestMarks, withoutConstant } from './lossChartSeries';

describe('sparse history is not smoothed', () => {
  // Five per-epoch points of a pretrained model, then live per-step training.
  const epochSteps = [469, 938, 1407, 1876, 2345];
  const epochValues = [165.2, 152.4, 147.9, 145.1, 143.3];
  const liveSteps = Array.from({ length: 50 }, (_, i) => 2346 + i);
  const liveValues = liveSteps.map((_, i) => 143 + (i % 2 ? 1 : -1));
  const steps = [...epochSteps, ...liveSteps];
  const values = [...epochValues, ...liveValues];

  it('passes through every sparse value exactly', () => {
    const sm = smoothSegments(steps, values, 0.9);
    for (let i = 0; i < epochSteps.length; i++) expect(sm[i]).toBe(epochValues[i]);
  });

  it('smooths the dense part on its own, from its first value (the last epoch point, one step before)', () => {
    const sm = smoothSegments(steps, values, 0.9);
    const own = ema([epochValues[4], ...liveValues], 0.9);
    expect(Array.from(sm.slice(epochSteps.length - 1))).toEqual(Array.from(own));
    // A plain EMA over everything lags above the live values: the line drawn over them, the old bug.
    const plain = ema(values, 0.9);
    expect(plain[epochSteps.length + 5]).toBeGreaterThan(sm[epochSteps.length + 5] + 1);
  });

  it('restarts at a gap and at a cut, not elsewhere', () => {
    expect(segmentStarts([1, 2, 3, 40, 41, 42], [])).toEqual([0, 3]);
    expect(segmentStarts([1, 2, 3, 4, 5, 6], [3])).toEqual([0, 3]);
    expect(segmentStarts([2, 4, 6, 8], [])).toEqual([0]);
    expect(segmentStarts([], [])).toEqual([]);
  });

  it('does not smear a σ change across the cut', () => {
    const s = [1, 2, 3, 4, 5, 6];
    const v = [740, 740, 740, -1000, -1000, -1000];
    const sm = smoothSegments(s, v, 0.9, [3]);
    sm.forEach((y, i) => expect(y).toBeCloseTo(v[i], 9));
  });
});

describe('the view without the constant', () => {
  const regimes: Regime[] = [
    { after: -Infinity, likelihood: 'bernoulli', sigmaX: 1 },
    { after: 10, likelihood: 'gaussian', sigmaX: 1 },
    { after: 20, likelihood: 'gaussian', sigmaX: 0.1 },
  ];

  it('subtracts each step’s own constant, nothing from Bernoulli steps', () => {
    const c1 = likelihoodConstant({ likelihood: 'gaussian', sigmaX: 1 }, 784);
    const c01 = likelihoodConstant({ likelihood: 'gaussian', sigmaX: 0.1 }, 784);
    const shown = withoutConstant([10, 11, 20, 21], [150, 750, 760, -1050], regimes, 784);
    expect(shown[0]).toBe(150);
    expect(shown[1]).toBeCloseTo(750 - c1, 9);
    expect(shown[2]).toBeCloseTo(760 - c1, 9);
    expect(shown[3]).toBeCloseTo(-1050 - c01, 9);
    // The jump at σ 1 → 0.1 is mostly the constant: without it the curve stays near its scale.
    expect(Math.abs(shown[3] - shown[2])).toBeLessThan(Math.abs(-1050 - 760) / 2);
  });
});

describe('test rings', () => {
  it('keeps full-test rings and the newest, thins subset rings closer than the gap', () => {
    const px = [0, 10, 20, 30, 40, 50, 60];
    const full = [false, false, false, true, false, false, false];
    expect(thinTestMarks(px, full, 25)).toEqual([true, false, false, true, false, false, true]);
    expect(thinTestMarks(px, px.map(() => false), 5)).toEqual(px.map(() => true));
    expect(thinTestMarks([0, NaN, 50], [false, true, false], 10)).toEqual([true, false, true]);
  });
});

describe('marker labels', () => {
  it('go to the next row when they would overlap, and back to the first when there is room', () => {
    expect(labelRows([[0, 40], [20, 60], [200, 240]], 3)).toEqual([0, 1, 0]);
    expect(labelRows([[0, 50], [10, 60], [20, 70], [30, 80]], 2)).toEqual([0, 1, 1, 1]);
    // A label flipped left of its line (near the right edge) is placed by its real span.
    expect(labelRows([[300, 340], [250, 295]], 3)).toEqual([0, 0]);
    expect(labelRows([[300, 340], [260, 310]], 3)).toEqual([1, 0]);
  });
});
