// The draw-your-own pad as pure functions on a 28×28 intensity buffer ([0,1], row-major):
// a soft round brush like MNIST's pen strokes, and MNIST's own preprocessing (fit the digit
// into a 20×20 box, then move its centre of mass to the image centre), so a drawing looks to
// the encoder like the images it was trained on.

export const SIDE = 28;

export interface Brush {
  /** Radius of full ink, in image pixels. */
  core: number;
  /** Width of the soft edge beyond the core, in image pixels. */
  soft: number;
}

/** About 2.5–3 px wide strokes with an anti-aliased edge, like the scanned MNIST digits. */
export const MNIST_BRUSH: Brush = { core: 1.1, soft: 1.1 };

/** Inks a round dab centred at (x, y) (pixel units, pixel centres at i + 0.5); ink only accumulates. */
export function stamp(buffer: Float32Array, x: number, y: number, brush: Brush = MNIST_BRUSH): void {
  const reach = brush.core + brush.soft;
  const c0 = Math.max(0, Math.floor(x - reach));
  const c1 = Math.min(SIDE - 1, Math.ceil(x + reach));
  const r0 = Math.max(0, Math.floor(y - reach));
  const r1 = Math.min(SIDE - 1, Math.ceil(y + reach));
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const d = Math.hypot(c + 0.5 - x, r + 0.5 - y);
      const ink = d <= brush.core ? 1 : Math.max(0, 1 - (d - brush.core) / brush.soft);
      const i = r * SIDE + c;
      if (ink > buffer[i]) buffer[i] = ink;
    }
  }
}

/** Inks the segment (x0, y0) → (x1, y1) with dabs close enough to leave no gaps. */
export function strokeSegment(buffer: Float32Array, x0: number, y0: number, x1: number, y1: number, brush: Brush = MNIST_BRUSH): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 0.3));
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    stamp(buffer, x0 + t * (x1 - x0), y0 + t * (y1 - y0), brush);
  }
}

/** Bilinear sample at continuous (x, y) in pixel units (centres at i + 0.5); outside is 0. */
function sample(src: Float32Array, x: number, y: number): number {
  const fx = x - 0.5;
  const fy = y - 0.5;
  const c = Math.floor(fx);
  const r = Math.floor(fy);
  const tx = fx - c;
  const ty = fy - r;
  const at = (rr: number, cc: number) => (rr < 0 || cc < 0 || rr >= SIDE || cc >= SIDE ? 0 : src[rr * SIDE + cc]);
  return (
    (1 - ty) * ((1 - tx) * at(r, c) + tx * at(r, c + 1)) + ty * ((1 - tx) * at(r + 1, c) + tx * at(r + 1, c + 1))
  );
}

/** out(x, y) = src(cx + (x − 14)/scale, cy + (y − 14)/scale): src's point (cx, cy) lands on the centre. */
function resample(src: Float32Array, cx: number, cy: number, scale: number): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  const half = SIDE / 2;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      out[r * SIDE + c] = Math.min(1, sample(src, cx + (c + 0.5 - half) / scale, cy + (r + 0.5 - half) / scale));
    }
  }
  return out;
}

/** Centre of mass in pixel units, or null for an empty image. */
export function centreOfMass(buffer: Float32Array): [number, number] | null {
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = buffer[r * SIDE + c];
      m += v;
      mx += v * (c + 0.5);
      my += v * (r + 0.5);
    }
  }
  return m > 1e-6 ? [mx / m, my / m] : null;
}

/** The box (in pixel units) around every pixel with ink above `threshold`, or null. */
export function inkBounds(buffer: Float32Array, threshold = 0.05): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = SIDE;
  let y0 = SIDE;
  let x1 = -1;
  let y1 = -1;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      if (buffer[r * SIDE + c] <= threshold) continue;
      x0 = Math.min(x0, c);
      x1 = Math.max(x1, c + 1);
      y0 = Math.min(y0, r);
      y1 = Math.max(y1, r + 1);
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/**
 * MNIST's preprocessing: scale the ink's bounding box to fit `box` pixels (aspect kept), then
 * translate so the centre of mass sits at the image centre. An empty drawing stays empty.
 */
export function normalizeDigit(buffer: Float32Array, box = 20): Float32Array {
  const bounds = inkBounds(buffer);
  if (!bounds) return new Float32Array(SIDE * SIDE);
  const scale = box / Math.max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0);
  const fitted = resample(buffer, (bounds.x0 + bounds.x1) / 2, (bounds.y0 + bounds.y1) / 2, scale);
  const com = centreOfMass(fitted);
  return com ? resample(fitted, com[0], com[1], 1) : fitted;
}
