import { describe, expect, it } from 'vitest';
import { randomWeights } from './importFixtures';
import { decodeLogits, encodeMlp } from './mlp';
import { fromTorchTensors, toTorchTensors, torchLayers, transpose } from './torchLayout';
import type { ModelConfig } from './types';

const VAE: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 3, hidden: [16, 8] };
const AE: ModelConfig = { ...VAE, kind: 'ae' };
const byName = (w: ReturnType<typeof toTorchTensors>) => new Map(w.map((t) => [t.name, t]));

describe('PyTorch layout', () => {
  it('names the Linear layers like nn.Sequential with ReLU between them, and the heads fc_mu / fc_logvar', () => {
    expect(toTorchTensors(randomWeights(VAE)).map((t) => t.name)).toEqual([
      'encoder.0.weight', 'encoder.0.bias', 'encoder.2.weight', 'encoder.2.bias',
      'fc_mu.weight', 'fc_mu.bias', 'fc_logvar.weight', 'fc_logvar.bias',
      'decoder.0.weight', 'decoder.0.bias', 'decoder.2.weight', 'decoder.2.bias', 'decoder.4.weight', 'decoder.4.bias',
    ]);
  });

  it('gives the AE no log-variance head', () => {
    const names = toTorchTensors(randomWeights(AE)).map((t) => t.name);
    expect(names.some((n) => n.startsWith('fc_logvar'))).toBe(false);
    expect(names).toContain('fc_mu.weight');
    expect(torchLayers(AE).map((l) => l.name)).toEqual(['encoder.0', 'encoder.2', 'fc_mu', 'decoder.0', 'decoder.2', 'decoder.4']);
  });

  it('transposes every weight from our [in, out] to PyTorch [out, in]', () => {
    const w = randomWeights(VAE);
    const t = byName(toTorchTensors(w));
    const W = t.get('encoder.2.weight')!;
    expect(W.shape).toEqual([8, 16]);
    for (const [i, o] of [[0, 0], [3, 5], [15, 7]]) expect(W.data[o * 16 + i]).toBe(w.encoder[1].W[i * 8 + o]);
    expect(t.get('decoder.4.weight')!.shape).toEqual([784, 16]);
    expect(t.get('fc_logvar.weight')!.data[2 * 8 + 5]).toBe(w.logvar!.W[5 * 3 + 2]);
  });

  it('copies biases under .bias with shape [out]', () => {
    const w = randomWeights(VAE);
    const t = byName(toTorchTensors(w));
    expect(t.get('fc_mu.bias')!.shape).toEqual([3]);
    expect(Array.from(t.get('decoder.0.bias')!.data)).toEqual(Array.from(w.decoder[0].b));
  });

  it('lists ReLU after hidden layers, linear heads with log σ² clamped, and logits out of the decoder', () => {
    const l = torchLayers(VAE);
    expect(l.filter((x) => x.activation === 'relu').map((x) => x.name)).toEqual(['encoder.0', 'encoder.2', 'decoder.0', 'decoder.2']);
    expect(l.find((x) => x.name === 'fc_logvar')).toMatchObject({ activation: 'linear', output: 'logvar', clamp: [-10, 10] });
    expect(l.find((x) => x.name === 'fc_mu')).toMatchObject({ activation: 'linear', output: 'mu' });
    expect(l[l.length - 1]).toMatchObject({ name: 'decoder.4', activation: 'linear', output: 'logits', in: 16, out: 784 });
  });

  it('reads back to identical weights, and so identical outputs', () => {
    const w = randomWeights(VAE, 11);
    const back = fromTorchTensors(VAE, byName(toTorchTensors(w)));
    expect(Array.from(back.encoder[0].W)).toEqual(Array.from(w.encoder[0].W));
    expect(back.logvar!.inDim).toBe(8);
    const x = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 13) / 13);
    const a = encodeMlp(w, x, 2);
    const b = encodeMlp(back, x, 2);
    expect(Array.from(b.mu)).toEqual(Array.from(a.mu));
    expect(Array.from(decodeLogits(back, b.mu, 2))).toEqual(Array.from(decodeLogits(w, a.mu, 2)));
  });

  it('transposes a 2×3 matrix', () => {
    expect(Array.from(transpose(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
