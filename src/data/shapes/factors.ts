// The Shapes factors of variation: dSprites' grid (Higgins et al. 2017) drawn by our own code.
// Every image is named by five integer indices; the whole grid has 3·6·40·32·32 = 737,280 images,
// numbered in mixed radix (shape slowest, position y fastest), as dSprites orders its file.

export const FACTOR_NAMES = ['shape', 'scale', 'orientation', 'posX', 'posY'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

/** One image's factors, each an integer index into that factor's values. */
export type ShapeFactors = Record<FactorName, number>;

/** How many values each factor takes. */
export const FACTOR_SIZES: Readonly<Record<FactorName, number>> = { shape: 3, scale: 6, orientation: 40, posX: 32, posY: 32 };

export const SHAPE_NAMES = ['square', 'ellipse', 'heart'] as const;

export const GRID_SIZE = FACTOR_NAMES.reduce((n, f) => n * FACTOR_SIZES[f], 1);

/**
 * The value a factor index stands for: scale 0.5…1 in 6 steps; orientation in radians, 40 steps
 * of a full turn (2πk/40: dSprites' linspace(0, 2π, 40) repeats 0 as 2π, we do not); positions
 * 0…1 in 32 steps (0: left / top edge of the range the centre can take). Shape: the index.
 */
export function factorValue(name: FactorName, index: number): number {
  switch (name) {
    case 'shape':
      return index;
    case 'scale':
      return 0.5 + index / 10;
    case 'orientation':
      return (2 * Math.PI * index) / FACTOR_SIZES.orientation;
    case 'posX':
    case 'posY':
      return index / (FACTOR_SIZES[name] - 1);
  }
}

export function checkFactors(f: ShapeFactors): void {
  for (const name of FACTOR_NAMES) {
    const v = f[name];
    if (!Number.isInteger(v) || v < 0 || v >= FACTOR_SIZES[name]) {
      throw new RangeError(`Shapes: factor ${name} must be an integer 0…${FACTOR_SIZES[name] - 1}, got ${v}`);
    }
  }
}

/** The factors of grid image `index` (0 … GRID_SIZE − 1). */
export function factorsOfIndex(index: number): ShapeFactors {
  if (!Number.isInteger(index) || index < 0 || index >= GRID_SIZE) {
    throw new RangeError(`Shapes: grid index must be an integer 0…${GRID_SIZE - 1}, got ${index}`);
  }
  const out = {} as ShapeFactors;
  let rest = index;
  for (let k = FACTOR_NAMES.length - 1; k >= 0; k--) {
    const name = FACTOR_NAMES[k];
    out[name] = rest % FACTOR_SIZES[name];
    rest = Math.floor(rest / FACTOR_SIZES[name]);
  }
  return out;
}

/** The grid index of these factors (the inverse of factorsOfIndex). */
export function indexOfFactors(f: ShapeFactors): number {
  checkFactors(f);
  let index = 0;
  for (const name of FACTOR_NAMES) index = index * FACTOR_SIZES[name] + f[name];
  return index;
}

/** A factor tuple drawn uniformly from the grid (each factor independent and uniform), from `rng` in [0, 1). */
export function sampleFactors(rng: () => number): ShapeFactors {
  const out = {} as ShapeFactors;
  for (const name of FACTOR_NAMES) out[name] = Math.min(FACTOR_SIZES[name] - 1, Math.floor(rng() * FACTOR_SIZES[name]));
  return out;
}
