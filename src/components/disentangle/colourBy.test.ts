import { describe, expect, it } from 'vitest';
import type { LatentSnapshot } from '../../client/clientTypes';
import { FACTOR_NAMES, FACTOR_SIZES } from '../../data/shapes/factors';
import { CLASS_COLORS } from '../palette';
import { colourFromParam, colouringOf, colourLinkName, factorValueText, sequentialColours } from './colourBy';

function snapshot(withFactors: boolean): LatentSnapshot {
  const count = 3;
  const names = [...FACTOR_NAMES];
  // Per point: shape, scale, orientation, posX, posY.
  const values = Uint8Array.from([0, 5, 10, 0, 31, 2, 0, 0, 31, 16, 1, 3, 39, 15, 0]);
  return {
    step: 1, kind: 'vae', dim: 2, count, mu: new Float32Array(6), logvar: new Float32Array(6), labels: Uint8Array.from([0, 2, 1]),
    ...(withFactors ? { factors: { names, sizes: names.map((n) => FACTOR_SIZES[n]), values } } : {}),
  };
}

describe('colourFromParam', () => {
  it('reads link names, keys and spellings in any case', () => {
    expect(colourFromParam('positionX').colour).toBe('posX');
    expect(colourFromParam('position-y').colour).toBe('posY');
    expect(colourFromParam('POSX').colour).toBe('posX');
    expect(colourFromParam('Orientation').colour).toBe('orientation');
    expect(colourFromParam(null)).toEqual({ colour: 'label' });
  });
  it('refuses an unknown name with a note, colouring by label', () => {
    const r = colourFromParam('colour<script>');
    expect(r.colour).toBe('label');
    expect(r.note).toMatch(/^Colour by: "colour<script>" is not one of label, shape, scale, orientation, positionX, positionY; colouring by label\.$/);
  });
  it('writes each choice back as it reads', () => {
    expect(colourLinkName('posX')).toBe('positionX');
    expect(colourFromParam(colourLinkName('posY')).colour).toBe('posY');
  });
});

describe('colouringOf', () => {
  it('re-labels the points by the chosen factor with a sequential scale', () => {
    const { colouring, missing } = colouringOf(snapshot(true), 'posX');
    expect(missing).toBe(false);
    if (colouring.kind !== 'factor') throw new Error('expected a factor colouring');
    expect([...colouring.labels]).toEqual([0, 31, 15]);
    expect(colouring.colors).toHaveLength(32);
    expect(colouring.scale).toBe('sequential');
    expect(colouring.names[0]).toBe('0.00');
    expect(colouring.names[31]).toBe('1.00');
  });
  it('gives the shape categorical colours, the classes’ own', () => {
    const { colouring } = colouringOf(snapshot(true), 'shape');
    if (colouring.kind !== 'factor') throw new Error('expected a factor colouring');
    expect([...colouring.labels]).toEqual([0, 2, 1]);
    expect(colouring.colors).toEqual(CLASS_COLORS.slice(0, 3));
    expect(colouring.names).toEqual(['square', 'ellipse', 'heart']);
  });
  it('falls back to the label where the snapshot has no factors, and says so', () => {
    expect(colouringOf(snapshot(false), 'posX')).toEqual({ colouring: { kind: 'label' }, missing: true });
    expect(colouringOf(null, 'posX')).toEqual({ colouring: { kind: 'label' }, missing: false });
    expect(colouringOf(snapshot(true), 'label').colouring).toEqual({ kind: 'label' });
  });
});

describe('scales and names', () => {
  it('runs the sequential colours from dark to light, all distinct', () => {
    const c = sequentialColours(6);
    expect(new Set(c).size).toBe(6);
    const lum = (hex: string) => [1, 3, 5].reduce((a, i) => a + parseInt(hex.slice(i, i + 2), 16), 0);
    expect(lum(c[5])).toBeGreaterThan(lum(c[0]));
  });
  it('writes factor values as a reader expects them', () => {
    expect(factorValueText('scale', 0)).toBe('0.5');
    expect(factorValueText('scale', 5)).toBe('1.0');
    expect(factorValueText('orientation', 10)).toBe('90°');
    expect(factorValueText('shape', 2)).toBe('heart');
  });
});
