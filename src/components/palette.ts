// Colour carries meaning and nothing else: one colour per class everywhere, one accent for the
// encoder (θ, and the KL it is charged for), one for the decoder (φ, and the reconstruction).
// styles.css mirrors the accents as CSS variables (--enc, --dec) for HTML and SVG;
// canvases, which cannot read CSS variables cheaply, use these constants.
import { schemeTableau10 } from 'd3';

export type Theme = 'light' | 'dark';

/** Tableau 10: distinguishable, colour-blind-aware, and familiar from the literature's figures. */
export const CLASS_COLORS: readonly string[] = schemeTableau10;

export function classColor(label: number): string {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((Math.trunc(label) % n) + n) % n];
}

export interface ThemeColors {
  background: string;
  surface: string;
  text: string;
  muted: string;
  grid: string;
  /** Encoder θ, q(z|x), and the KL term. */
  encoder: string;
  /** Decoder φ, p(x|z), and the reconstruction term. */
  decoder: string;
  /** −ELBO: neutral, it is the sum of the two accented terms. */
  elbo: string;
  /** Pixel value 0 and 1 of grayscale images (ink on paper in light, light on dark in dark). */
  pixel0: readonly [number, number, number];
  pixel1: readonly [number, number, number];
}

export const THEMES: Record<Theme, ThemeColors> = {
  light: {
    background: '#f6f7f9',
    surface: '#ffffff',
    text: '#1d2330',
    muted: '#5d6677',
    grid: '#e4e7ec',
    encoder: '#6d3fd1',
    decoder: '#0b8a7e',
    elbo: '#1d2330',
    pixel0: [255, 255, 255],
    pixel1: [20, 24, 33],
  },
  dark: {
    background: '#11141a',
    surface: '#181c24',
    text: '#e6e9ef',
    muted: '#9aa3b2',
    grid: '#2a303b',
    encoder: '#a98bff',
    decoder: '#3fd0bd',
    elbo: '#e6e9ef',
    pixel0: [10, 12, 16],
    pixel1: [240, 243, 247],
  },
};

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function currentTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** Calls `onChange` when the system theme flips; returns the unsubscribe function. */
export function onThemeChange(onChange: (theme: Theme) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(DARK_QUERY);
  const listener = () => onChange(query.matches ? 'dark' : 'light');
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

/**
 * Writes `count` grayscale values in [0,1], starting at `offset`, into RGBA pixels,
 * interpolating between the theme's pixel0 and pixel1 (values outside [0,1] are clamped).
 * A loop of our own, not d3.interpolateRgb: that returns a CSS string per call, and this runs per pixel per frame.
 */
export function grayToRgba(
  values: ArrayLike<number>,
  offset: number,
  count: number,
  out: Uint8ClampedArray,
  theme: Theme,
): void {
  const { pixel0: a, pixel1: b } = THEMES[theme];
  for (let i = 0; i < count; i++) {
    const raw = values[offset + i];
    const v = raw > 1 ? 1 : raw > 0 ? raw : 0;
    const j = i * 4;
    out[j] = a[0] + (b[0] - a[0]) * v;
    out[j + 1] = a[1] + (b[1] - a[1]) * v;
    out[j + 2] = a[2] + (b[2] - a[2]) * v;
    out[j + 3] = 255;
  }
}

const CSS_NAMES: Record<Exclude<keyof ThemeColors, 'pixel0' | 'pixel1'>, string> = {
  background: '--bg',
  surface: '--surface',
  text: '--fg',
  muted: '--muted',
  grid: '--grid',
  encoder: '--enc',
  decoder: '--dec',
  elbo: '--elbo',
};

/**
 * The palette as CSS custom properties for both themes (--bg, --fg, --enc, --dec, --class-0…9),
 * so stylesheets and SVG use the same colours as canvases without restating them.
 */
export function paletteCss(): string {
  const block = (theme: Theme) =>
    (Object.keys(CSS_NAMES) as Array<keyof typeof CSS_NAMES>)
      .map((k) => `${CSS_NAMES[k]}:${THEMES[theme][k]};`)
      .join('');
  const classes = CLASS_COLORS.map((c, i) => `--class-${i}:${c};`).join('');
  return `:root{${classes}${block('light')}}@media (prefers-color-scheme: dark){:root{${block('dark')}}}`;
}
