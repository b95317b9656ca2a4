// Draws one Shapes image: a white shape on black, 32×32, from its five factor indices.
// (dSprites itself is 64×64; half the side keeps the input at 1,024 values, so the MLP stays fast.)
//
// Anti-aliased by counting: each pixel is the fraction of its 4×4 sub-sample points that fall
// inside the shape (17 grey levels), stored as a byte round(255·count/16) and read as byte/255
// like MNIST's pixels (src/data/toFloat32), so the training batches, the evaluation set and
// render() all go through the same bytes. Why not binary: at 32 px the 32 positions are 0.66 px
// apart and a small shape is 5 px wide, so a binary image often cannot tell neighbouring
// positions, angles or scales apart; the grey edge keeps them distinct, and the Bernoulli
// likelihood takes targets in [0, 1] as it does for MNIST's greys.
//
// Identical in every JavaScript engine: the inside tests use only +, −, ×, ÷ and comparisons,
// which IEEE 754 rounds exactly the same everywhere (JavaScript never fuses a·b + c), and the
// 40 rotations come from a fixed Taylor series instead of Math.sin/Math.cos, whose last bits
// the standard leaves to each engine. A pixel's value is a count of yes/no answers, so the
// bytes, and their crc32 (shapes.test.ts, e2e/shapesHash.spec.ts), are the same in Node and
// any browser.

import { toFloat32 } from '../toFloat32';
import { checkFactors, FACTOR_SIZES, type ShapeFactors } from './factors';

export const SIDE = 32;
export const PIXELS = SIDE * SIDE;
/** Sub-samples per pixel along each axis. */
const SUB = 4;
/** Shape size at scale 1 in image widths (a canonical shape spans about ±1 of these). */
const BASE = 0.2;
/** Every shape lies within this radius (canonical units) of its centre; shapes.test.ts checks it. */
export const BOUND = 1.2;
/** The centre moves over [MARGIN, 1 − MARGIN], so the largest shape stays inside the image. */
const MARGIN = BASE * BOUND;

const LEVEL = Uint8Array.from({ length: SUB * SUB + 1 }, (_, c) => Math.round((255 * c) / (SUB * SUB)));

/** sin a for 0 ≤ a < π/2 by its Taylor series, 14 terms (beyond double precision there). */
function taylorSin(a: number): number {
  let term = a;
  let sum = a;
  for (let m = 1; m < 14; m++) {
    term *= -(a * a) / (2 * m * (2 * m + 1));
    sum += term;
  }
  return sum;
}

/** [cos, sin] of the 40 orientations 2πk/40: a quarter turn is 10 steps, the rest by symmetry. */
const ROTATION: ReadonlyArray<readonly [number, number]> = Array.from({ length: FACTOR_SIZES.orientation }, (_, k) => {
  const steps = FACTOR_SIZES.orientation / 4;
  const quarter = Math.floor(k / steps);
  const a = (Math.PI * (k % steps)) / (2 * steps);
  const s = taylorSin(a);
  const c = taylorSin(Math.PI / 2 - a);
  const turns: Array<[number, number]> = [[c, s], [-s, c], [-c, -s], [s, -c]];
  return turns[quarter];
});

/** Inside tests in canonical coordinates (p right, q up, the shape centred on 0). */
const INSIDE: ReadonlyArray<(p: number, q: number) => boolean> = [
  // square, half-side 0.8
  (p, q) => p <= 0.8 && p >= -0.8 && q <= 0.8 && q >= -0.8,
  // ellipse, semi-axes 1 and 0.6
  (p, q) => p * p + (q * q) / 0.36 <= 1,
  // heart: (x² + y² − 1)³ ≤ x²y³, shrunk and shifted so its box is centred on 0
  (p, q) => {
    const x = p * 1.15;
    const y = q * 1.15 + 0.125;
    const r = x * x + y * y - 1;
    return r * r * r <= x * x * y * y * y;
  },
];

/**
 * Writes the image of `f` into `out` (bytes, row-major, row 0 at the top) at `offset`; the 1,024
 * bytes there are overwritten. Position x grows to the right, y downward; orientation turns the
 * shape counterclockwise as seen on screen.
 */
export function renderInto(f: ShapeFactors, out: Uint8Array, offset = 0): void {
  checkFactors(f);
  if (!Number.isInteger(offset) || offset < 0 || offset + PIXELS > out.length) {
    throw new RangeError(`Shapes: no room for a ${PIXELS}-byte image at offset ${offset} of ${out.length}`);
  }
  out.fill(0, offset, offset + PIXELS);
  const inside = INSIDE[f.shape];
  const [cos, sin] = ROTATION[f.orientation];
  const span = 1 - 2 * MARGIN;
  const cx = MARGIN + (span * f.posX) / (FACTOR_SIZES.posX - 1);
  const cy = MARGIN + (span * f.posY) / (FACTOR_SIZES.posY - 1);
  const size = BASE * (0.5 + f.scale / 10);
  const inv = 1 / size;
  // Pixels wholly outside the shape's bounding circle's box stay 0.
  const reach = size * BOUND;
  const clampIdx = (v: number) => Math.min(SIDE - 1, Math.max(0, Math.floor(v * SIDE)));
  const c0 = clampIdx(cx - reach);
  const c1 = clampIdx(cx + reach);
  const r0 = clampIdx(cy - reach);
  const r1 = clampIdx(cy + reach);
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      let count = 0;
      for (let j = 0; j < SUB; j++) {
        const up = cy - (row + (j + 0.5) / SUB) / SIDE;
        for (let i = 0; i < SUB; i++) {
          const dx = (col + (i + 0.5) / SUB) / SIDE - cx;
          // Rotate the point by −θ into the shape's frame, then to canonical size.
          const p = (cos * dx + sin * up) * inv;
          const q = (cos * up - sin * dx) * inv;
          if (inside(p, q)) count++;
        }
      }
      out[offset + row * SIDE + col] = LEVEL[count];
    }
  }
}

/** The image of `f` as 1,024 floats in [0, 1] (byte / 255, as the training batches read it). */
export function render(f: ShapeFactors): Float32Array {
  const bytes = new Uint8Array(PIXELS);
  renderInto(f, bytes);
  return toFloat32(bytes, null, PIXELS);
}
