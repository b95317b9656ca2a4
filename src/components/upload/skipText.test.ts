import { describe, expect, it } from 'vitest';
import { SKIP_CODES } from '../../data/imageImport/types';
import { translator } from '../i18n/translate';
import { skipReason } from './skipText';

describe('skipReason', () => {
  it('words every reason in both languages, filling in the details', () => {
    for (const lang of ['en', 'ja'] as const) {
      const t = translator(lang);
      for (const code of SKIP_CODES) {
        const text = skipReason({ name: 'a.png', code, detail: '7' }, t);
        expect(text, `${lang} ${code}`).toMatch(/\S/);
        expect(text, `${lang} ${code}`).not.toMatch(/[{}]|undefined/);
        expect(skipReason({ name: 'a.png', code }, t), `${lang} ${code}`).not.toMatch(/undefined/);
      }
    }
    const en = translator('en');
    expect(skipReason({ name: 'x', code: 'notImage', detail: 'GIF' }, en)).toBe('not a PNG or JPEG image (it is GIF)');
    expect(skipReason({ name: 'x', code: 'notImage' }, en)).toBe('not a PNG or JPEG image');
    expect(skipReason({ name: 'x', code: 'overLimit', detail: '12' }, en)).toContain('20,000 images: this file and the 12 after it');
  });
});
