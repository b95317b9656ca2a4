import { describe, expect, it } from 'vitest';
import { capacityCurve, capacityPoints } from './capacityLine';

describe('capacityPoints', () => {
  it('rises from 0 to C_max over the ramp, then stays flat', () => {
    expect(capacityPoints({ cMax: 15, rampSteps: 1000 }, 0, 4000)).toEqual([[0, 0], [1000, 15], [4000, 15]]);
  });
  it('ends part-way up the ramp when training has not reached its end', () => {
    expect(capacityPoints({ cMax: 20, rampSteps: 1000 }, 0, 250)).toEqual([[0, 0], [250, 5]]);
  });
  it('is flat at C_max with no ramp', () => {
    expect(capacityPoints({ cMax: 8, rampSteps: 0 }, 0, 50)).toEqual([[0, 8], [50, 8]]);
  });
  it('is one point before any step', () => {
    expect(capacityPoints({ cMax: 8, rampSteps: 100 }, 0, 0)).toEqual([[0, 0]]);
  });
});

describe('capacityCurve', () => {
  it('samples the ramp at C(step) and keeps the flat part as its two ends', () => {
    const pts = capacityCurve({ cMax: 15, rampSteps: 1000 }, 0, 4000, 4);
    expect(pts).toEqual([[0, 0], [250, 3.75], [500, 7.5], [750, 11.25], [1000, 15], [4000, 15]]);
  });
  it('puts mid-ramp points on the line, where only the vertices would leave a gap on a log axis', () => {
    const pts = capacityCurve({ cMax: 20, rampSteps: 1000 }, 0, 600);
    expect(pts.length).toBe(65);
    for (const [step, c] of pts) expect(c).toBeCloseTo((20 * step) / 1000, 9);
  });
  it('is one flat segment with no ramp', () => {
    expect(capacityCurve({ cMax: 8, rampSteps: 0 }, 0, 50)).toEqual([[0, 8], [50, 8]]);
  });
});
