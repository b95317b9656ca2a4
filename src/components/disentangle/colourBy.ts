// Colouring the latent map: by the class label (MNIST, Fashion-MNIST, your images, and Shapes'
// shape), or by one of Shapes' factors of variation read from the snapshot (categorical colours
// for the shape, a sequential scale for the continuous ones). The choice travels in the link as
// `colour=positionX`; a name that is not a choice is ignored with a note.
import { interpolateViridis } from 'd3';
import type { LatentSnapshot } from '../../client/clientTypes';
import { factorValue, FACTOR_NAMES, SHAPE_NAMES, type FactorName } from '../../data/shapes/factors';
import { CLASS_COLORS } from '../palette';

export const COLOUR_CHOICES = ['label', ...FACTOR_NAMES] as const;
export type ColourChoice = (typeof COLOUR_CHOICES)[number];
export const COLOUR_PARAM = 'colour';

/** The name each choice is written as in a link. */
const LINK_NAME: Readonly<Record<ColourChoice, string>> = {
  label: 'label',
  shape: 'shape',
  scale: 'scale',
  orientation: 'orientation',
  posX: 'positionX',
  posY: 'positionY',
};

export function colourLinkName(c: ColourChoice): string {
  return LINK_NAME[c];
}

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** `colour=` from a link: forgiving in case and spelling (positionX, position-x, posX); anything else is refused with a note. */
export function colourFromParam(raw: string | null): { colour: ColourChoice; note?: string } {
  if (raw === null) return { colour: 'label' };
  const want = normalize(raw.slice(0, 64));
  const hit = COLOUR_CHOICES.find((c) => normalize(c) === want || normalize(LINK_NAME[c]) === want);
  if (hit) return { colour: hit };
  const names = COLOUR_CHOICES.map((c) => LINK_NAME[c]).join(', ');
  return { colour: 'label', note: `Colour by: "${raw.slice(0, 32)}" is not one of ${names}; colouring by label.` };
}

/** A continuous factor's values as a legend and a hover name write them. */
export function factorValueText(name: FactorName, index: number): string {
  const v = factorValue(name, index);
  switch (name) {
    case 'shape':
      return SHAPE_NAMES[index] ?? String(index);
    case 'scale':
      return v.toFixed(1);
    case 'orientation':
      return `${Math.round((v * 180) / Math.PI)}°`;
    default:
      return v.toFixed(2);
  }
}

/** n colours along viridis (perceptually even, colour-blind-safe), first to last. */
export function sequentialColours(n: number): string[] {
  return Array.from({ length: n }, (_, i) => interpolateViridis(n === 1 ? 0.5 : i / (n - 1)));
}

export type Colouring =
  | { kind: 'label' }
  /** The map's points re-labelled by one factor: `labels` per point, one colour per factor value. */
  | {
      kind: 'factor';
      factor: FactorName;
      labels: Uint8Array;
      colors: readonly string[];
      /** Each factor value's name (the hover readout and the legend's ends). */
      names: readonly string[];
      scale: 'categorical' | 'sequential';
    };

/**
 * How to colour the snapshot's points. A factor the snapshot does not carry (a dataset without
 * factors) falls back to the label, saying so in `missing`.
 */
export function colouringOf(latent: LatentSnapshot | null, choice: ColourChoice): { colouring: Colouring; missing: boolean } {
  if (choice === 'label') return { colouring: { kind: 'label' }, missing: false };
  const f = latent?.factors;
  const k = f ? f.names.indexOf(choice) : -1;
  if (!latent || !f || k < 0) return { colouring: { kind: 'label' }, missing: latent !== null };
  const width = f.names.length;
  const labels = new Uint8Array(latent.count);
  for (let i = 0; i < latent.count; i++) labels[i] = f.values[i * width + k];
  const size = f.sizes[k];
  const names = Array.from({ length: size }, (_, v) => factorValueText(choice, v));
  const categorical = choice === 'shape';
  const colors = categorical ? CLASS_COLORS.slice(0, size) : sequentialColours(size);
  return { colouring: { kind: 'factor', factor: choice, labels, colors, names, scale: categorical ? 'categorical' : 'sequential' }, missing: false };
}
