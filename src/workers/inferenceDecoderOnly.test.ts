// The inference worker holding only a decoder: a pretrained model's first paint, before the
// training worker has sent the whole network.
import { describe, expect, it } from 'vitest';
import { decodeMeans } from '../model/mlp';
import type { DenseWeights, ModelConfig, NetworkWeights } from '../model/types';
import { handleInference, initialInferenceState } from './inferenceHandler';

const config: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [8] };

function layer(inDim: number, outDim: number, seed: number): DenseWeights {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.4;
  return { inDim, outDim, W: Float32Array.from({ length: inDim * outDim }, next), b: Float32Array.from({ length: outDim }, next) };
}

const decoder = [layer(2, 8, 4), layer(8, 784, 5)];
const full: NetworkWeights = { config, encoder: [layer(784, 8, 1)], mu: layer(8, 2, 2), logvar: layer(8, 2, 3), decoder: [layer(2, 8, 6), layer(8, 784, 7)] };
const z = Float32Array.from([0.5, -1]);

describe('handleInference with a decoder alone', () => {
  it('decodes with it at once, tagged with its step', () => {
    const state = initialInferenceState();
    expect(handleInference(state, { type: 'decoder', step: 2345, config, decoder })).toBeNull();
    const reply = handleInference(state, { type: 'decode', id: 1, n: 1, z });
    if (reply?.message.type !== 'decoded') throw new Error(`expected decoded, got ${reply?.message.type}`);
    expect(reply.message.step).toBe(2345);
    expect(Array.from(reply.message.pixels)).toEqual(Array.from(decodeMeans({ config, decoder }, z, 1)));
  });

  it('refuses to encode, saying the encoder has not arrived yet', () => {
    const state = initialInferenceState();
    handleInference(state, { type: 'decoder', step: 1, config, decoder });
    const reply = handleInference(state, { type: 'encode', id: 2, n: 1, pixels: new Float32Array(784) });
    expect(reply?.message).toMatchObject({ type: 'inferenceError', id: 2 });
    expect(reply?.message.type === 'inferenceError' && reply.message.message).toMatch(/Only the decoder/);
  });

  it('gives way to the full weights when they come, and they to a later decoder', () => {
    const state = initialInferenceState();
    handleInference(state, { type: 'decoder', step: 1, config, decoder });
    handleInference(state, { type: 'weights', step: 2, weights: full });
    const live = handleInference(state, { type: 'decode', id: 3, n: 1, z });
    if (live?.message.type !== 'decoded') throw new Error('expected decoded');
    expect(Array.from(live.message.pixels)).toEqual(Array.from(decodeMeans(full, z, 1)));
    expect(handleInference(state, { type: 'encode', id: 4, n: 1, pixels: new Float32Array(784) })?.message.type).toBe('encoded');

    handleInference(state, { type: 'decoder', step: 9, config, decoder });
    expect(state.weights).toBeNull();
    const again = handleInference(state, { type: 'decode', id: 5, n: 1, z });
    if (again?.message.type !== 'decoded') throw new Error('expected decoded');
    expect(again.message.step).toBe(9);
    expect(Array.from(again.message.pixels)).toEqual(Array.from(decodeMeans({ config, decoder }, z, 1)));
  });
});
