// The conv network in the PyTorch exchange: names, PyTorch layouts (OIHW, IOHW, the flatten's
// (c, h, w) order), the manifest's layer list with TF 'same' written as pad / crop, exact round
// trips, and refusals that say what is wrong. (The numbers against PyTorch itself:
// scripts/python/roundTripConv.test.ts.)
import { describe, expect, it } from 'vitest';
import { networkPlan, weightShape } from './layerPlan';
import { mulberry32 } from './prng';
import type { NamedTensor } from './safetensors';
import { exportForTorch, checkpointFromTorch } from './torchExport';
import { fromTorchTensors, toTorchTensors, torchLayers, TorchLayoutError } from './torchLayout';
import { permute } from './torchLayoutConv';
import { smallCheckpoint } from './importFixtures';
import { layerFromArrays, type LayerSpec } from './layerPlan';
import type { ConvWeights, DenseWeights, ModelConfig, NetworkWeights } from './types';

const CONV: ModelConfig = { arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] };

function convWeights(config: ModelConfig, seed = 5): NetworkWeights {
  const rand = mulberry32(seed);
  const p = networkPlan(config);
  const make = (s: LayerSpec) => {
    const n = weightShape(s).reduce((a, b) => a * b, 1);
    const len = s.op === 'dense' ? s.outDim : s.outChannels;
    return layerFromArrays(s, Float32Array.from({ length: n }, () => rand() - 0.5), Float32Array.from({ length: len }, () => rand() - 0.5));
  };
  return { config, encoder: p.encoder.map(make), mu: make(p.head) as DenseWeights, logvar: config.kind === 'vae' ? (make(p.head) as DenseWeights) : null, decoder: p.decoder.map(make) };
}
const byName = (t: NamedTensor[]) => new Map(t.map((x) => [x.name, x]));

describe('the conv network in the PyTorch exchange', () => {
  it('names its layers as the module load_vae.py builds (ReLU, padding, flatten and crop modules take the other indices)', () => {
    expect(torchLayers(CONV).map((l) => l.name)).toEqual(['encoder.2', 'encoder.5', 'encoder.8', 'fc_mu', 'fc_logvar', 'decoder.0', 'decoder.3', 'decoder.6', 'decoder.9']);
    expect(torchLayers({ ...CONV, kind: 'ae' }).map((l) => l.name)).not.toContain('fc_logvar');
    const shapes = toTorchTensors(convWeights(CONV)).map((t) => `${t.name} [${t.shape}]`);
    expect(shapes).toEqual([
      'encoder.2.weight [32,1,3,3]', 'encoder.2.bias [32]', 'encoder.5.weight [64,32,3,3]', 'encoder.5.bias [64]',
      'encoder.8.weight [16,3136]', 'encoder.8.bias [16]', 'fc_mu.weight [2,16]', 'fc_mu.bias [2]', 'fc_logvar.weight [2,16]', 'fc_logvar.bias [2]',
      'decoder.0.weight [3136,2]', 'decoder.0.bias [3136]', 'decoder.3.weight [64,64,3,3]', 'decoder.3.bias [64]',
      'decoder.6.weight [64,32,3,3]', 'decoder.6.bias [32]', 'decoder.9.weight [32,1,3,3]', 'decoder.9.bias [1]',
    ]);
  });

  it('writes TF "same" padding as PyTorch needs it: an uneven pad before each stride-2 Conv2d, a crop after each stride-2 ConvTranspose2d', () => {
    const l = new Map(torchLayers({ ...CONV, inputDim: 1024 }).map((x) => [x.name, x]));
    expect(l.get('encoder.2')).toMatchObject({ type: 'conv2d', in: 1, out: 32, stride: 2, inSide: 32, outSide: 16, padding: 0, pad: [0, 1] });
    expect(l.get('decoder.3')).toMatchObject({ type: 'convTranspose2d', in: 64, out: 64, inSide: 8, outSide: 16, padding: 0, crop: [0, 1] });
    expect(l.get('decoder.9')).toMatchObject({ type: 'convTranspose2d', stride: 1, padding: 1, activation: 'linear', output: 'logits' });
    expect(l.get('decoder.9')).not.toHaveProperty('crop');
    expect(l.get('encoder.8')).toMatchObject({ in: 4096, out: 16 });
  });

  it('puts each value where PyTorch reads it: HWIO → OIHW, [k, k, out, in] → IOHW, NHWC flatten → (c, h, w)', () => {
    const w = convWeights(CONV);
    const t = byName(toTorchTensors(w));
    const c2 = w.encoder[1] as ConvWeights; // [3, 3, 32, 64]
    expect(t.get('encoder.5.weight')!.data[((63 * 32 + 5) * 3 + 2) * 3 + 1]).toBe(c2.W[((2 * 3 + 1) * 32 + 5) * 64 + 63]);
    const t1 = w.decoder[1] as ConvWeights; // [3, 3, out 64, in 64]
    expect(t.get('decoder.3.weight')!.data[((7 * 64 + 40) * 3 + 0) * 3 + 2]).toBe(t1.W[((0 * 3 + 2) * 64 + 40) * 64 + 7]);
    const d1 = w.encoder[2] as DenseWeights; // rows (h, w, c) of the 7×7×64 map
    const [h, x, c, o] = [3, 6, 17, 11];
    expect(t.get('encoder.8.weight')!.data[o * 3136 + (c * 49 + h * 7 + x)]).toBe(d1.W[((h * 7 + x) * 64 + c) * 16 + o]);
    const d2 = w.decoder[0] as DenseWeights;
    expect(t.get('decoder.0.weight')!.data[(c * 49 + h * 7 + x) * 2 + 1]).toBe(d2.W[1 * 3136 + (h * 7 + x) * 64 + c]);
    expect(t.get('decoder.0.bias')!.data[c * 49 + h * 7 + x]).toBe(d2.b[(h * 7 + x) * 64 + c]);
  });

  it('permute is numpy transpose, and a round trip gives every value back', () => {
    expect(Array.from(permute(Float32Array.from([0, 1, 2, 3, 4, 5]), [2, 3], [1, 0]))).toEqual([0, 3, 1, 4, 2, 5]);
    for (const config of [CONV, { ...CONV, kind: 'ae' as const, inputDim: 1024, latentDim: 6 }]) {
      const w = convWeights(config);
      const back = fromTorchTensors(config, byName(toTorchTensors(w)));
      expect(back).toEqual(w);
    }
  });

  it('exports and imports through vae.json: architecture conv, its layers, hidden kept; hidden may be absent', () => {
    const c = smallCheckpoint(CONV, { weights: convWeights(CONV) });
    const out = exportForTorch(c, '9.9.9');
    const manifest = JSON.parse(out.manifest);
    expect(manifest.model.architecture).toBe('conv');
    expect(manifest.model.layers).toHaveLength(9);
    expect(manifest.notes.join(' ')).toMatch(/Conv2d \[out, in, k, k\]/);
    const back = checkpointFromTorch(new TextEncoder().encode(out.manifest), out.safetensors).checkpoint;
    expect(back.config).toEqual(CONV);
    expect(back.weights).toEqual(c.weights);
    delete manifest.model.hidden;
    expect(checkpointFromTorch(new TextEncoder().encode(JSON.stringify(manifest)), out.safetensors).checkpoint.config).toEqual(CONV);
  });

  it('refuses a TF.js-layout kernel, a wrong bias and a missing layer by name', () => {
    const w = convWeights(CONV);
    const edit = (name: string, f: (t: NamedTensor) => NamedTensor | null) =>
      byName(toTorchTensors(w).flatMap((t) => (t.name === name ? [f(t)].filter((x): x is NamedTensor => x !== null) : [t])));
    expect(() => fromTorchTensors(CONV, edit('encoder.5.weight', (t) => ({ ...t, shape: [3, 3, 32, 64] })))).toThrow(/encoder\.5\.weight has shape \[3,3,32,64\], expected \[64,32,3,3\] \(PyTorch's layout for a Conv2d 32→64 channels\)/);
    expect(() => fromTorchTensors(CONV, edit('decoder.6.bias', (t) => ({ ...t, shape: [64], data: new Float32Array(64) })))).toThrow(/decoder\.6\.bias has shape \[64\], expected \[32\]/);
    expect(() => fromTorchTensors(CONV, edit('decoder.9.weight', () => null))).toThrow(TorchLayoutError);
    expect(() => fromTorchTensors(CONV, edit('decoder.9.weight', () => null))).toThrow(/decoder\.9\.weight is missing \(a decoder ConvTranspose2d 32→1 channels\)/);
  });
});
