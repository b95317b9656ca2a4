import { describe, expect, it } from 'vitest';
import { fitScale, MIN_SCALE } from './FitBox';

describe('fitScale', () => {
  it('keeps a formula that fits at full size', () => {
    expect(fitScale(300, 320)).toBe(1);
    expect(fitScale(320, 320)).toBe(1);
  });
  it('shrinks a wider one just enough, rounded down so it really fits', () => {
    const s = fitScale(400, 320);
    expect(s).toBe(0.8);
    expect(400 * s).toBeLessThanOrEqual(320);
    expect(fitScale(333, 320)).toBe(0.96);
  });
  it('never below the minimum: the rest scrolls inside the box', () => {
    expect(fitScale(1000, 320)).toBe(MIN_SCALE);
  });
  it('leaves unmeasured boxes alone', () => {
    expect(fitScale(0, 320)).toBe(1);
    expect(fitScale(400, 0)).toBe(1);
    expect(fitScale(NaN, 320)).toBe(1);
  });
});
