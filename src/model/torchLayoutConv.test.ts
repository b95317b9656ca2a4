// The PyTorch exchange (model.safetensors + vae.json) holds MLPs only: a conv network is
// refused in words on the way out and on the way in, nothing half-written.
import { describe, expect, it } from 'vitest';
import { fromTorchTensors, torchLayers, TorchLayoutError } from './torchLayout';
import type { ModelConfig } from './types';

const conv: ModelConfig = { arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] };

describe('the PyTorch exchange and the conv network', () => {
  it('refuses a conv config with a clear message, export and import alike', () => {
    expect(() => torchLayers(conv)).toThrow(TorchLayoutError);
    expect(() => torchLayers(conv)).toThrow(/holds MLPs only; a conv network cannot be exported or imported this way yet \(save it as a \.vaeckpt checkpoint instead\)/);
    expect(() => fromTorchTensors(conv, new Map())).toThrow(TorchLayoutError);
    expect(torchLayers({ ...conv, arch: 'mlp' }).map((l) => l.name)[0]).toBe('encoder.0');
  });
});
