// The sweep's words in both languages: the progress line, each refusal of a list, the bound.
import { describe, expect, it } from 'vitest';
import { parseSweepValues } from '../../shared/sweepValues';
import { translator } from '../i18n/translate';
import { listErrorText, mb, progressText, refusalText } from './sweepText';

const en = translator('en');
const ja = translator('ja');
const p = { sweepId: 1, index: 2, of: 6, step: 412, steps: 1000 };

describe('sweepText', () => {
  it('says where the sweep stands: model 3 of 6 · step 412, testing, paused', () => {
    expect(progressText(en, { ...p, phase: 'training' })).toBe('model 3 of 6 · step 412');
    expect(progressText(ja, { ...p, phase: 'training' })).toBe('モデル 3 / 6 · ステップ 412');
    expect(progressText(en, { ...p, phase: 'testing' })).toBe('model 3 of 6 · testing');
    expect(progressText(en, { ...p, phase: 'paused', step: 1412 })).toBe('model 3 of 6 · step 1,412 · paused');
  });

  it('words each refused list, in English and Japanese', () => {
    const error = (text: string) => {
      const r = parseSweepValues(text);
      if (!('error' in r)) throw new Error(`accepted ${text}`);
      return r.error;
    };
    expect(listErrorText(en, error('0, -1'))).toBe('Every β must be above 0 (β = 0 is a plain autoencoder’s objective); got 0.');
    expect(listErrorText(en, error('1, x'))).toBe('List numbers separated by commas, like 0.25, 1, 4 (got “x”).');
    expect(listErrorText(en, error('1, 1'))).toBe('1 is listed twice.');
    expect(listErrorText(en, error('1, 500'))).toBe('Every β must be at most 100; got 500.');
    expect(listErrorText(en, error(Array.from({ length: 13 }, (_, i) => i + 1).join(',')))).toBe('At most 12 β values, got 13.');
    expect(listErrorText(ja, error('0, -1'))).toMatch(/0 より大きく/);
  });

  it('says what the bound refuses and how to make room', () => {
    expect(refusalText(en, { reason: 'models', kept: 8, adding: 6, max: 12 })).toBe('A sweep of 6 models would keep 14, more than 12: discard an older sweep first. Nothing was started.');
    expect(refusalText(en, { reason: 'bytes', keptBytes: 100e6, addingBytes: 51.6e6, maxBytes: 128e6 })).toMatch(/keep 152 MB of weights, more than 128 MB/);
    expect(mb(4.3e6)).toBe('4.3');
  });
});
