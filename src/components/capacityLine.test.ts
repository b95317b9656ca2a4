import { describe, expect, it } from 'vitest';
import { capacityPoints } from './capacityLine';

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
