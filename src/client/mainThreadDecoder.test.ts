import { describe, expect, it } from 'vitest';
import { decodeMeans } from '../model/mlp';
import type { DenseWeights, ModelConfig } from '../model/types';
import { MainThreadDecoder } from './mainThreadDecoder';

const config: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [8] };

function layer(inDim: number, outDim: number, seed: number): DenseWeights {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.4;
  return { inDim, outDim, W: Float32Array.from({ length: inDim * outDim }, next), b: Float32Array.from({ length: outDim }, next) };
}

const z = Float32Array.from([0.5, -1]);

describe('MainThreadDecoder', () => {
  it('decodes one z exactly as the inference worker does', () => {
    const decoder = [layer(2, 8, 4), layer(8, 784, 5)];
    const expected = Array.from(decodeMeans({ config, decoder }, z, 1));
    const d = new MainThreadDecoder();
    d.set(config, decoder, 17);
    expect(d.step).toBe(17);
    expect(Array.from(d.decode(z) ?? [])).toEqual(expected);
  });

  it('keeps its own copy: the originals may be transferred (detached) or changed after set', () => {
    const decoder = [layer(2, 8, 4), layer(8, 784, 5)];
    const expected = Array.from(decodeMeans({ config, decoder }, z, 1));
    const d = new MainThreadDecoder();
    d.set(config, decoder, 1);
    decoder[1].W.fill(0);
    decoder[1].b.fill(9);
    expect(Array.from(d.decode(z) ?? [])).toEqual(expected);
  });

  it('decodes nothing before a decoder, after clear, or for a z of another size', () => {
    const d = new MainThreadDecoder();
    expect(d.decode(z)).toBeNull();
    d.set(config, [layer(2, 8, 4), layer(8, 784, 5)], 3);
    expect(d.decode(Float32Array.from([1, 2, 3]))).toBeNull();
    expect(d.decode(z)).not.toBeNull();
    d.clear();
    expect(d.step).toBe(-1);
    expect(d.decode(z)).toBeNull();
  });
});
