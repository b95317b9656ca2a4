import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, classColor, grayToRgba, paletteCss, THEMES } from './palette';

describe('palette', () => {
  it('gives ten distinct class colours and wraps labels', () => {
    expect(new Set(CLASS_COLORS).size).toBe(10);
    expect(classColor(3)).toBe(CLASS_COLORS[3]);
    expect(classColor(13)).toBe(CLASS_COLORS[3]);
    expect(classColor(-1)).toBe(CLASS_COLORS[9]);
  });
  it('keeps the encoder and decoder accents apart from each other and from the classes', () => {
    for (const t of Object.values(THEMES)) {
      expect(t.encoder).not.toBe(t.decoder);
      expect(CLASS_COLORS).not.toContain(t.encoder);
      expect(CLASS_COLORS).not.toContain(t.decoder);
    }
  });
  it('maps gray values to the theme ends, clamping and treating NaN as 0', () => {
    const out = new Uint8ClampedArray(16);
    grayToRgba([0, 1, 2, NaN, 0.5], 1, 4, out, 'light');
    const { pixel0: a, pixel1: b } = THEMES.light;
    expect(Array.from(out.slice(0, 4))).toEqual([...b, 255]);
    expect(Array.from(out.slice(4, 8))).toEqual([...b, 255]);
    expect(Array.from(out.slice(8, 12))).toEqual([...a, 255]);
    expect(out[12]).toBe(Math.round((a[0] + b[0]) / 2));
  });
  it('writes both themes as CSS variables', () => {
    const css = paletteCss();
    expect(css).toContain(`--enc:${THEMES.light.encoder};`);
    expect(css).toContain(`@media (prefers-color-scheme: dark){:root{`);
    expect(css).toContain(`--dec:${THEMES.dark.decoder};`);
    expect(css).toContain(`--class-9:${CLASS_COLORS[9]};`);
  });
});
