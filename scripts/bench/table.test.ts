import { describe, expect, it } from 'vitest';
import { fmt, fmtMiB, formatTable } from './table';

describe('fmt', () => {
  it('groups thousands, keeps the unit and marks what is missing', () => {
    expect(fmt(1234.56, 'img/s')).toBe('1,235 img/s');
    expect(fmt(3.14159, 'ms', 2)).toBe('3.14 ms');
    expect(fmt(null, 'ms')).toBe('–');
    expect(fmt(NaN)).toBe('–');
    expect(fmtMiB(3 * 2 ** 20)).toBe('3.0 MiB');
    expect(fmtMiB(null)).toBe('–');
  });
});

describe('formatTable', () => {
  it('pads columns, right-aligns figures and rules the header', () => {
    const text = formatTable(['backend', 'speed'], [['webgl', '1,200 img/s'], ['cpu', '–'], ['wasm', 'fell back']]);
    expect(text.split('\n')).toEqual([
      'backend  speed',
      '───────  ───────────',
      'webgl    1,200 img/s',
      'cpu                –',
      'wasm     fell back',
    ]);
  });

  it('fills short rows', () => {
    expect(formatTable(['a', 'b'], [['x']]).split('\n')[2]).toBe('x');
  });
});
