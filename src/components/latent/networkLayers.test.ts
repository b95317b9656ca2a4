import { describe, expect, it } from 'vitest';
import { layerChain } from './networkLayers';

describe('layerChain', () => {
  it('lists an MLP’s widths, the decoder mirrored', () => {
    const mlp = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] } as const;
    expect(layerChain({ ...mlp, hidden: [512, 256] }, 'encoder')).toBe('784→512→256→2');
    expect(layerChain({ ...mlp, hidden: [512, 256] }, 'decoder')).toBe('2→256→512→784');
  });

  it('draws the conv network’s feature maps (its hidden sizes ignored), at 28×28 and 32×32', () => {
    const conv = { arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] } as const;
    expect(layerChain({ ...conv, hidden: [512, 256] }, 'encoder')).toBe('28×28 → 14×14×32 → 7×7×64 → 16 → 2');
    expect(layerChain({ ...conv, hidden: [512, 256] }, 'decoder')).toBe('2 → 7×7×64 → 14×14×64 → 28×28×32 → 28×28');
    expect(layerChain({ ...conv, inputDim: 1024, latentDim: 6, hidden: [8] }, 'encoder')).toBe('32×32 → 16×16×32 → 8×8×64 → 16 → 6');
  });
});
