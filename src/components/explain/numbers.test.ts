import { describe, expect, it } from 'vitest';
import { ACTIVE_THRESHOLD, activeUnits, collapseLevel } from './activeUnits';
import { codeDrift, nearestCode } from './codeStats';
import { formatNumber } from './formatNumber';
import { klTerms, klTotal } from './klDivergence';
import { richParts } from './math/Rich';

describe('formatNumber', () => {
  it('uses a true minus, separators, and never shows −0', () => {
    expect(formatNumber(-1234.567, 1)).toBe('\u22121,234.6');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(0.5, 0)).toBe('1');
    expect(formatNumber(NaN)).toBe('–');
  });
});

describe('klTerms', () => {
  it('is zero exactly at the prior and matches the closed form elsewhere', () => {
    expect(klTotal([0, 0], [0, 0])).toBe(0);
    const mu = 1.5;
    const logvar = Math.log(0.25);
    const expected = 0.5 * (mu * mu + 0.25 - logvar - 1);
    expect(klTerms([mu, 0], [logvar, 0])[0]).toBeCloseTo(expected, 12);
    expect(klTotal([mu, 0], [logvar, 0])).toBeCloseTo(expected, 12);
  });
});

describe('activeUnits', () => {
  it('counts dimensions whose μ varies by more than 0.01 across images', () => {
    // Dimension 0 varies (variance 1), dimension 1 barely (variance 0.0025), dimension 2 not at all.
    const n = 4;
    const mu = new Float32Array([-1, 0.05, 3, 1, -0.05, 3, -1, 0.05, 3, 1, -0.05, 3]);
    const a = activeUnits(mu, n, 3);
    expect(a.variances[0]).toBeCloseTo(1, 6);
    expect(a.variances[1]).toBeCloseTo(0.0025, 6);
    expect(a.isActive).toEqual([true, false, false]);
    expect(a.active).toBe(1);
    expect(collapseLevel(a)).toBe('some');
    expect(activeUnits(mu, n, 3, 0.001).active).toBe(2);
    expect(ACTIVE_THRESHOLD).toBe(0.01);
  });

  it('calls it a full collapse when no dimension is active, and fine when all are', () => {
    expect(collapseLevel(activeUnits(new Float32Array(10), 5, 2))).toBe('all');
    expect(collapseLevel(activeUnits(new Float32Array([0, 0, 1, 1, 2, 2]), 3, 2))).toBe('ok');
  });
});

describe('codeStats', () => {
  it('measures the drift toward the prior', () => {
    const d = codeDrift([1, -3], [0, Math.log(4)], 1, 2);
    expect(d.meanAbsMu).toBe(2);
    expect(d.meanSigma).toBeCloseTo(1.5, 12);
  });

  it('finds the nearest code in all dimensions', () => {
    const mu = [0, 0, 0, 5, 5, 5, 1, 1, 1];
    expect(nearestCode(mu, 3, 3, [4, 4, 4])).toEqual({ index: 1, distance: Math.sqrt(3) });
    expect(nearestCode([], 0, 3, [0, 0, 0]).index).toBe(-1);
  });
});

describe('richParts', () => {
  it('splits bold, inline math and slots out of a sentence', () => {
    expect(richParts('The **encoder** $q_θ$ gives {n} codes')).toEqual([
      { kind: 'text', v: 'The ' },
      { kind: 'bold', v: 'encoder' },
      { kind: 'text', v: ' ' },
      { kind: 'math', v: 'q_θ' },
      { kind: 'text', v: ' gives ' },
      { kind: 'slot', v: 'n' },
      { kind: 'text', v: ' codes' },
    ]);
  });
});
