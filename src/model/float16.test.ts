// Half precision against an independent reference: every finite half's value from the IEEE 754
// formula, and for a value the nearest of them, ties to the even bit pattern. Midpoints between
// neighbours (exact in float32) check the ties; subnormals and the underflow edge are included.
import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from './float16';
import { mulberry32 } from './prng';

/** The value of a half's bits by the formula (not by the code under test). */
function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** Non-negative finite halves in value order (bits 0x0000 … 0x7bff are already ascending). */
const POSITIVE = Array.from({ length: 0x7c00 }, (_, h) => h);

/** The nearest half to a float32 value ≥ 0, ties to even; values beyond the largest round by the same rule (to Inf past the midpoint). */
function reference(v: number): number {
  let lo = 0;
  let hi = POSITIVE.length - 1;
  if (v >= halfValue(hi)) {
    const next = 2 ** 16; // where the next step (0x7c00 as a finite) would be
    return v - halfValue(hi) < next - v ? hi : 0x7c00;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (halfValue(mid) <= v) lo = mid;
    else hi = mid;
  }
  const [a, b] = [v - halfValue(lo), halfValue(hi) - v];
  if (a < b) return lo;
  if (b < a) return hi;
  return lo % 2 === 0 ? lo : hi;
}

describe('float16', () => {
  it('decodes every bit pattern as the IEEE 754 formula says', () => {
    for (let h = 0; h < 0x10000; h++) {
      const want = halfValue(h);
      const got = fromFloat16Bits(h);
      if (Number.isNaN(want)) expect(got).toBeNaN();
      else expect(got).toBe(want);
    }
  });

  it('rounds to the nearest half, ties to even, across normals, subnormals and the underflow edge', () => {
    const values: number[] = [0, 1e-45, 2 ** -126, 1e-20, 2 ** -40, 2 ** -32, 2 ** -26, 2 ** -25, 2 ** -25 * 1.0001, 2 ** -24, 1.5 * 2 ** -24, 2.5 * 2 ** -24, 2 ** -14, 65504, 65519, 65520];
    // Every midpoint between neighbouring halves in a few decades (exact in float32), and a little either side.
    for (const start of [0, 0x0200, 0x03fe, 0x0400, 0x3c00, 0x7800]) {
      for (let h = start; h < start + 40 && h < 0x7bff; h++) {
        const mid = (halfValue(h) + halfValue(h + 1)) / 2;
        values.push(mid, Math.fround(mid * (1 + 2 ** -20)), Math.fround(mid * (1 - 2 ** -20)));
      }
    }
    const rand = mulberry32(5);
    for (let i = 0; i < 4000; i++) values.push(Math.fround(2 ** (rand() * 44 - 28)));
    for (const v of values.map(Math.fround)) {
      expect(toFloat16Bits(v), `${v}`).toBe(reference(v));
      expect(toFloat16Bits(-v), `${-v}`).toBe(reference(v) | 0x8000);
    }
  });
});
