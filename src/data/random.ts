// Seeded randomness for data order. scripts/build-datasets.mjs carries a copy of mulberry32
// and shuffledIndices (it runs before TypeScript is available); random.test.ts checks the
// Fashion-MNIST files it wrote are in exactly the order these functions give.

import { mulberry32 } from '../model/prng';

// The model's generator (one copy in src): data order and initial weights draw from the same one.
export { mulberry32 };

/** A permutation of 0 … n−1 by Fisher–Yates (from the end) driven by mulberry32(seed). */
export function shuffledIndices(n: number, seed: number): Int32Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`shuffledIndices: n must be a non-negative integer, got ${n}`);
  const rand = mulberry32(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** `size` distinct indices of 0 … count−1 chosen by seed, ascending (e.g. the fixed 1,000-image test subset). */
export function fixedSubset(count: number, size: number, seed: number): Int32Array {
  if (!Number.isSafeInteger(size) || size < 0 || size > count) {
    throw new RangeError(`fixedSubset: size must be an integer 0…${count}, got ${size}`);
  }
  return shuffledIndices(count, seed).slice(0, size).sort();
}
