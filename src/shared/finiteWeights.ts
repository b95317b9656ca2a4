// Whether a set of weights is still usable: a too-large step can leave NaN or ±Inf in them while
// the loss of that step was still finite, and every later step then fails. Pure; read on the
// NaN path only (one readback of the whole network), never per step.

import type { NetworkWeights } from '../model/types';

export function weightsFinite(w: NetworkWeights): boolean {
  const layers = [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder];
  for (const layer of layers) {
    for (const values of [layer.W, layer.b]) {
      for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return false;
    }
  }
  return true;
}
