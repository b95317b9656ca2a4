import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { titleThatFits, titleWidth } from './rdDraw';

describe('the plane’s vertical title', () => {
  it('is the full title where the plot is tall enough, the short one where it would be cut', () => {
    const full = en['rd.yTitle'];
    expect(titleWidth(full)).toBeGreaterThan(180);
    expect(titleThatFits(full, en['rd.yTitleShort'], 300)).toBe(full);
    // The 1366×768 page gives the plane about 180 px of height: "istortion D = …" was cut there.
    expect(titleThatFits(full, en['rd.yTitleShort'], 180)).toBe('D (nats)');
    expect(titleThatFits(full, undefined, 10)).toBe(full);
  });

  it('counts Japanese characters at their full width', () => {
    expect(titleWidth('歪み')).toBe(21);
    expect(titleWidth(ja['rd.yTitle'])).toBeGreaterThan(titleWidth('D = (nats)'));
    expect(titleThatFits(ja['rd.yTitle'], ja['rd.yTitleShort'], 120)).toBe('D（nats）');
  });
});
