// The layer line under the encoder's and decoder's trapezoids: "784→512→256→2" for an MLP, and
// the feature maps for the conv network ("28×28 → 14×14×32 → 7×7×64 → 16 → 2": side × side ×
// channels after each convolution), the decoder mirroring it. TF.js-free (layerPlan.ts).

import { networkPlan, type LayerSpec } from '../../model/layerPlan';
import type { ModelConfig } from '../../model/types';

/** What flows out of a layer: a number of units, or a feature map side×side×channels (one channel: side×side). */
function outText(s: LayerSpec): string {
  if (s.op === 'dense') return String(s.outDim);
  return s.outChannels === 1 ? `${s.outSide}×${s.outSide}` : `${s.outSide}×${s.outSide}×${s.outChannels}`;
}

export function layerChain(config: ModelConfig, which: 'encoder' | 'decoder'): string {
  if ((config.arch ?? 'mlp') === 'mlp') {
    const sizes = [config.inputDim, ...config.hidden, config.latentDim];
    return (which === 'decoder' ? sizes.reverse() : sizes).join('→');
  }
  const plan = networkPlan(config);
  const side = Math.round(Math.sqrt(config.inputDim));
  if (which === 'encoder') return [`${side}×${side}`, ...plan.encoder.map(outText), String(config.latentDim)].join(' → ');
  // The decoder's dense layer is reshaped into the first transposed convolution's input map.
  const first = plan.decoder[1];
  const map = first.op === 'dense' ? outText(plan.decoder[0]) : `${first.inSide}×${first.inSide}×${first.inChannels}`;
  return [String(config.latentDim), map, ...plan.decoder.slice(1).map(outText)].join(' → ');
}
