// The Shapes factors' names in the page's language (src/data/shapes FACTOR_NAMES are the keys),
// full for controls and labels, short for the heat map's narrow columns.
import type { Lang } from '../settingsLink';

interface FactorText {
  label: string;
  short: string;
}

const EN: Readonly<Record<string, FactorText>> = {
  shape: { label: 'Shape', short: 'shape' },
  scale: { label: 'Scale', short: 'scale' },
  orientation: { label: 'Orientation', short: 'angle' },
  posX: { label: 'Position x', short: 'x' },
  posY: { label: 'Position y', short: 'y' },
};

const JA: Readonly<Record<string, FactorText>> = {
  shape: { label: '形', short: '形' },
  scale: { label: '大きさ', short: '大きさ' },
  orientation: { label: '向き', short: '向き' },
  posX: { label: '位置 x', short: 'x' },
  posY: { label: '位置 y', short: 'y' },
};

/** A factor's name; an unknown key (a newer dataset) reads as itself. */
export function factorLabel(lang: Lang, key: string, short = false): string {
  const text = (lang === 'ja' ? JA : EN)[key];
  return text ? (short ? text.short : text.label) : key;
}

/** The factor's name inside a sentence or a traversal label: lower case in English ("position x"). */
export function factorPhrase(lang: Lang, key: string): string {
  const label = factorLabel(lang, key);
  return lang === 'en' ? label.toLowerCase() : label;
}
