// Transfer lists for the big arrays that cross threads. TF.js-free: the page imports it too.

import type { NetworkWeights } from '../model/types';

/** Every buffer of a weights object, so it moves between threads without a copy. */
export function weightBuffers(w: NetworkWeights): ArrayBuffer[] {
  const layers = [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder];
  return layers.flatMap((l) => [l.W.buffer as ArrayBuffer, l.b.buffer as ArrayBuffer]);
}
