import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { sampleFactors, type ShapeFactors } from './factors';
import { PIXELS, render, renderInto, SIDE } from './render';

const draw = (f: Partial<ShapeFactors>): Uint8Array => {
  const out = new Uint8Array(PIXELS);
  renderInto({ shape: 0, scale: 5, orientation: 0, posX: 16, posY: 16, ...f }, out);
  return out;
};
/** Lit area in pixels (coverage summed). */
const area = (img: Uint8Array) => img.reduce((s, v) => s + v, 0) / 255;
const centroid = (img: Uint8Array) => {
  let m = 0, x = 0, y = 0;
  img.forEach((v, i) => {
    m += v;
    x += v * ((i % SIDE) + 0.5);
    y += v * (Math.floor(i / SIDE) + 0.5);
  });
  return { x: x / m, y: y / m };
};
/** Sum of absolute differences, in pixels of full coverage. */
const distance = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / 255;

describe('Shapes rendering', () => {
  it('draws a square of the expected area: half-side 0.8 × 0.2 × 32 px at scale 1', () => {
    const side = 2 * 0.8 * 0.2 * SIDE; // 10.24 px
    expect(area(draw({ shape: 0 }))).toBeCloseTo(side * side, 0);
    // An ellipse with semi-axes 1 and 0.6 of the same unit.
    expect(area(draw({ shape: 1 }))).toBeCloseTo(Math.PI * 0.2 * SIDE * 0.6 * 0.2 * SIDE, 0);
  });

  it('uses 17 grey levels: edge pixels are partly covered, the inside is white, the background black', () => {
    const img = draw({ shape: 1, orientation: 3 });
    const levels = new Set(img);
    expect(levels.has(0) && levels.has(255)).toBe(true);
    expect(levels.size).toBeGreaterThan(5);
    const allowed = new Set(Array.from({ length: 17 }, (_, c) => Math.round((255 * c) / 16)));
    for (const v of levels) expect(allowed.has(v)).toBe(true);
  });

  it('grows the area with the square of the scale (0.5 → 1: four times)', () => {
    for (const shape of [0, 1, 2]) {
      const areas = [0, 1, 2, 3, 4, 5].map((scale) => area(draw({ shape, scale })));
      for (let i = 1; i < 6; i++) expect(areas[i]).toBeGreaterThan(areas[i - 1]);
      expect(areas[5] / areas[0]).toBeGreaterThan(3.7);
      expect(areas[5] / areas[0]).toBeLessThan(4.3);
    }
  });

  it('moves the shape 16.6 px from the first to the last position on each axis, x right and y down', () => {
    const left = centroid(draw({ shape: 2, posX: 0 }));
    const right = centroid(draw({ shape: 2, posX: 31 }));
    expect(right.x - left.x).toBeCloseTo(0.52 * SIDE, 0);
    expect(Math.abs(right.y - left.y)).toBeLessThan(0.01);
    const top = centroid(draw({ shape: 1, posY: 0 }));
    const bottom = centroid(draw({ shape: 1, posY: 31 }));
    expect(bottom.y - top.y).toBeCloseTo(0.52 * SIDE, 0);
  });

  it('keeps the largest shape whole at every corner and angle (same area as at the centre)', () => {
    for (const shape of [0, 1, 2]) {
      for (const orientation of [0, 5, 13, 27]) {
        const centre = area(draw({ shape, orientation }));
        for (const [posX, posY] of [[0, 0], [31, 0], [0, 31], [31, 31]]) {
          expect(Math.abs(area(draw({ shape, orientation, posX, posY })) - centre)).toBeLessThan(0.03 * centre);
        }
      }
    }
  });

  it('turns counterclockwise: the ellipse’s right end rises at 45°, a quarter turn stands it up', () => {
    const flat = draw({ shape: 1, orientation: 0 });
    const tilted = draw({ shape: 1, orientation: 5 });
    const upright = draw({ shape: 1, orientation: 10 });
    // Up-right and down-left: x and y (screen y grows downward) vary against each other.
    const c = centroid(tilted);
    let sxy = 0, sxx = 0, syy = 0;
    tilted.forEach((v, i) => {
      const dx = (i % SIDE) + 0.5 - c.x;
      const dy = Math.floor(i / SIDE) + 0.5 - c.y;
      sxy += v * dx * dy;
      sxx += v * dx * dx;
      syy += v * dy * dy;
    });
    expect(sxy / Math.sqrt(sxx * syy)).toBeLessThan(-0.4);
    const spread = (img: Uint8Array, axis: 'x' | 'y') => {
      const m = centroid(img);
      let s = 0, w = 0;
      img.forEach((v, i) => {
        const d = axis === 'x' ? (i % SIDE) + 0.5 - m.x : Math.floor(i / SIDE) + 0.5 - m.y;
        s += v * d * d;
        w += v;
      });
      return s / w;
    };
    expect(spread(flat, 'x')).toBeGreaterThan(2 * spread(flat, 'y'));
    expect(spread(upright, 'y')).toBeGreaterThan(2 * spread(upright, 'x'));
  });

  it('shows each shape’s symmetry: the square repeats every quarter turn, the ellipse every half, the heart only every full turn', () => {
    const near = (a: Uint8Array, b: Uint8Array) => distance(a, b) / area(a);
    expect(near(draw({ shape: 0, orientation: 0 }), draw({ shape: 0, orientation: 10 }))).toBeLessThan(0.05);
    expect(near(draw({ shape: 1, orientation: 3 }), draw({ shape: 1, orientation: 23 }))).toBeLessThan(0.05);
    expect(near(draw({ shape: 1, orientation: 0 }), draw({ shape: 1, orientation: 10 }))).toBeGreaterThan(0.3);
    expect(near(draw({ shape: 2, orientation: 0 }), draw({ shape: 2, orientation: 20 }))).toBeGreaterThan(0.3);
    expect(near(draw({ shape: 0 }), draw({ shape: 2 }))).toBeGreaterThan(0.2);
  });

  it('overwrites only its own 1,024 bytes and refuses bad factors or offsets', () => {
    const out = new Uint8Array(3 * PIXELS).fill(7);
    renderInto({ shape: 2, scale: 2, orientation: 11, posX: 4, posY: 29 }, out, PIXELS);
    expect(out.subarray(0, PIXELS).every((v) => v === 7)).toBe(true);
    expect(out.subarray(2 * PIXELS).every((v) => v === 7)).toBe(true);
    expect(out.subarray(PIXELS, 2 * PIXELS)).toEqual(draw({ shape: 2, scale: 2, orientation: 11, posX: 4, posY: 29 }));
    expect(() => renderInto({ shape: 0, scale: 6, orientation: 0, posX: 0, posY: 0 }, out)).toThrow(/scale/);
    expect(() => renderInto({ shape: 0, scale: 0, orientation: 0, posX: 0, posY: 0 }, out, 2 * PIXELS + 1)).toThrow(RangeError);
  });

  it('render() gives the same image as floats byte/255, and every image has a visible shape', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 200; i++) {
      const f = sampleFactors(rng);
      const bytes = draw(f);
      const floats = render(f);
      expect(floats).toEqual(Float32Array.from(bytes, (b) => b / 255));
      expect(area(bytes)).toBeGreaterThan(10);
    }
  });
});
