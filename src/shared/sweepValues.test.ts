// The one check of a β sweep's list and budget, as the page reads it (the CLI words the same
// reasons for the command line: scripts/sweep.test.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_VALUES, parseSweepSteps, parseSweepValues } from './sweepValues';

describe('parseSweepValues', () => {
  it('takes the default list, and distinct values above 0 in the order given', () => {
    expect(parseSweepValues(DEFAULT_SWEEP_VALUES.join(', '))).toEqual({ values: [0.25, 0.5, 1, 2, 4, 8] });
    expect(parseSweepValues(' 8 ,0.5')).toEqual({ values: [8, 0.5] });
  });

  it('gives the reason and its figures for zero, negative, NaN, repeated, too large and too many values', () => {
    expect(parseSweepValues('0, -1')).toEqual({ error: { reason: 'notPositive', value: 0 } });
    expect(parseSweepValues('1, -1')).toEqual({ error: { reason: 'notPositive', value: -1 } });
    expect(parseSweepValues('1, NaN')).toEqual({ error: { reason: 'notNumber', part: 'NaN' } });
    expect(parseSweepValues('')).toEqual({ error: { reason: 'notNumber', part: '' } });
    expect(parseSweepValues('2, 2.0')).toEqual({ error: { reason: 'repeated', value: 2 } });
    expect(parseSweepValues('1, 101')).toEqual({ error: { reason: 'aboveMax', value: 101, max: 100 } });
    const fifty = Array.from({ length: 50 }, (_, i) => i + 1).join(',');
    expect(parseSweepValues(fifty)).toEqual({ error: { reason: 'tooMany', count: 50, max: 12 } });
  });
});

describe('parseSweepSteps', () => {
  it('takes whole numbers from 1 to 100,000 (commas allowed), and nothing else', () => {
    expect(parseSweepSteps('1,000')).toBe(1000);
    expect(parseSweepSteps(' 60 ')).toBe(60);
    expect(parseSweepSteps('100000')).toBe(100_000);
    for (const bad of ['0', '100001', '1.5', '-5', 'ten', '', '1e3']) expect(parseSweepSteps(bad), bad).toBeNull();
  });
});
