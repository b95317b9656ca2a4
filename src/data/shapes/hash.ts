// A fingerprint of the generator: crc32 over the bytes of the first `count` evaluation images.
// Node (shapes.test.ts) and Chromium (e2e/shapesHash.spec.ts) must agree on it.

import { crc32 } from '../../model/crc32';
import { factorsOfIndex } from './factors';
import { shapesOrder } from './dataset';
import { PIXELS, renderInto } from './render';

export function evalImagesHash(seed: number, count: number): number {
  const index = shapesOrder(seed, 1).evalIndex;
  if (!Number.isInteger(count) || count < 1 || count > index.length) throw new RangeError(`evalImagesHash: count must be 1…${index.length}, got ${count}`);
  const bytes = new Uint8Array(count * PIXELS);
  for (let i = 0; i < count; i++) renderInto(factorsOfIndex(index[i]), bytes, i * PIXELS);
  return crc32(bytes);
}
