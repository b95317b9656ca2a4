// z ~ N(0, I) for the "Sample from prior" strip: Box–Muller over any uniform source, so tests
// can pass a seeded one and the page can use Math.random.

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

/** A small seeded uniform source (mulberry32), for reproducible samples. */
export function seededUniform(seed: number): Uniform {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
