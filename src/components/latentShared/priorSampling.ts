// z ~ N(0, I) for the "Sample from prior" strip: Box–Muller over any uniform source, so tests
// can pass a seeded one and the page can use Math.random.

import { mulberry32 } from '../../model/prng';

export type Uniform = () => number;

/** n latent vectors of length dim (row-major), each coordinate standard normal. */
export function samplePrior(n: number, dim: number, random: Uniform = Math.random): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i += 2) {
    // 1 − u keeps the logarithm's argument in (0, 1]: random() may return 0, never 1.
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[i] = r * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(angle);
  }
  return out;
}

/** A small seeded uniform source, for reproducible samples: the model's own mulberry32. */
export const seededUniform: (seed: number) => Uniform = mulberry32;
