import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBounds, normalizeDigit, SIDE, stamp, strokeSegment } from './drawing';

const blank = () => new Float32Array(SIDE * SIDE);
const at = (b: Float32Array, x: number, y: number) => b[y * SIDE + x];

describe('brush', () => {
  it('inks the centre fully and fades to nothing a few pixels away', () => {
    const b = blank();
    stamp(b, 10.5, 10.5);
    expect(at(b, 10, 10)).toBe(1);
    expect(at(b, 11, 10)).toBe(1);
    expect(at(b, 12, 10)).toBeGreaterThan(0);
    expect(at(b, 12, 10)).toBeLessThan(1);
    expect(at(b, 14, 10)).toBe(0);
  });

  it('leaves no gap along a fast stroke, and never lightens ink', () => {
    const b = blank();
    strokeSegment(b, 3, 14, 25, 14);
    for (let x = 4; x <= 24; x++) expect(at(b, x, 13)).toBeGreaterThan(0.9);
    const before = at(b, 10, 13);
    stamp(b, 10.5, 16.5, { core: 0.2, soft: 3 });
    expect(at(b, 10, 13)).toBeGreaterThanOrEqual(before);
  });

  it('clips at the border without throwing', () => {
    const b = blank();
    stamp(b, 0, 0);
    stamp(b, SIDE, SIDE);
    expect(at(b, 0, 0)).toBe(1);
    expect(at(b, SIDE - 1, SIDE - 1)).toBe(1);
  });
});

describe('MNIST preprocessing', () => {
  it('fits a small off-centre drawing into the 20-pixel box with its centre of mass at the centre', () => {
    const b = blank();
    strokeSegment(b, 3, 3, 3, 9); // a short vertical bar in the top-left corner
    const n = normalizeDigit(b);
    const bounds = inkBounds(n, 0.5);
    expect(bounds).not.toBeNull();
    if (!bounds) return;
    expect(bounds.y1 - bounds.y0).toBeGreaterThanOrEqual(17);
    expect(bounds.y1 - bounds.y0).toBeLessThanOrEqual(21);
    const com = centreOfMass(n);
    expect(com?.[0]).toBeCloseTo(14, 0);
    expect(com?.[1]).toBeCloseTo(14, 0);
    expect(Math.max(...n)).toBeLessThanOrEqual(1);
  });

  it('keeps an empty drawing empty', () => {
    expect(normalizeDigit(blank()).every((v) => v === 0)).toBe(true);
    expect(centreOfMass(blank())).toBeNull();
  });
});
