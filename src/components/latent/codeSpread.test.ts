import { describe, expect, it } from 'vitest';
import { codeSpread, meanSd } from './codeSpread';

describe('codeSpread', () => {
  it('gives min, max and the population sd of each dimension of row-major codes', () => {
    // Three codes in two dimensions: (1, 10), (2, 10), (3, 10).
    const mu = new Float32Array([1, 10, 2, 10, 3, 10]);
    const [a, b] = codeSpread(mu, 3, 2);
    expect(a).toEqual({ min: 1, max: 3, sd: Math.sqrt(2 / 3) });
    expect(b).toEqual({ min: 10, max: 10, sd: 0 });
    expect(meanSd([a!, b!])).toBeCloseTo(Math.sqrt(2 / 3) / 2, 12);
  });

  it('keeps the digits of a tight cluster far from the origin', () => {
    const mu = new Float64Array([1e6 + 1, 1e6 - 1, 1e6 + 1, 1e6 - 1]);
    expect(codeSpread(mu, 4, 1)[0]!.sd).toBeCloseTo(1, 9);
  });

  it('reads only the first `count` codes, and says NaN when there are none', () => {
    const mu = new Float32Array([0, 0, 5, 5]);
    expect(codeSpread(mu, 1, 2)).toEqual([{ min: 0, max: 0, sd: 0 }, { min: 0, max: 0, sd: 0 }]);
    const none = codeSpread(mu, 0, 2);
    expect(none).toHaveLength(2);
    expect(Number.isNaN(none[0]!.sd)).toBe(true);
    expect(Number.isNaN(meanSd([]))).toBe(true);
  });
});
