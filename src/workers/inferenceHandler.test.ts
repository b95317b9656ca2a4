import { describe, expect, it } from 'vitest';
import { decodeMeans, encodeMlp } from '../model/mlp';
import type { DenseWeights, NetworkWeights } from '../model/types';
import { handleInference, initialInferenceState } from './inferenceHandler';

function layer(inDim: number, outDim: number, seed: number): DenseWeights {
  // A small deterministic generator keeps the expected values reproducible.
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.4;
  return { inDim, outDim, W: Float32Array.from({ length: inDim * outDim }, next), b: Float32Array.from({ length: outDim }, next) };
}

function weights(kind: 'vae' | 'ae'): NetworkWeights {
  return {
    config: { kind, inputDim: 784, latentDim: 2, hidden: [8] },
    encoder: [layer(784, 8, 1)],
    mu: layer(8, 2, 2),
    logvar: kind === 'vae' ? layer(8, 2, 3) : null,
    decoder: [layer(2, 8, 4), layer(8, 784, 5)],
  };
}

describe('handleInference', () => {
  it('refuses to decode before any weights arrived', () => {
    const reply = handleInference(initialInferenceState(), { type: 'decode', id: 7, n: 1, z: new Float32Array(2) });
    expect(reply?.message).toMatchObject({ type: 'inferenceError', id: 7 });
  });

  it('decodes n latent vectors to n mean images, tagged with the weights step, buffer transferred', () => {
    const state = initialInferenceState();
    const w = weights('vae');
    expect(handleInference(state, { type: 'weights', step: 40, weights: w })).toBeNull();
    const z = Float32Array.from([0.5, -1, 2, 0.25]);
    const reply = handleInference(state, { type: 'decode', id: 3, n: 2, z });
    if (reply?.message.type !== 'decoded') throw new Error(`expected decoded, got ${reply?.message.type}`);
    expect(reply.message).toMatchObject({ id: 3, n: 2, step: 40 });
    expect(reply.message.pixels.length).toBe(2 * 784);
    expect(Array.from(reply.message.pixels)).toEqual(Array.from(decodeMeans(w, z, 2)));
    expect(reply.transfer).toEqual([reply.message.pixels.buffer]);
    // Two different z must give two different images, or the test would pass on a constant.
    expect(reply.message.pixels.slice(0, 784)).not.toEqual(reply.message.pixels.slice(784));
  });

  it('rejects a decode whose z does not match the latent size', () => {
    const state = initialInferenceState();
    handleInference(state, { type: 'weights', step: 1, weights: weights('vae') });
    const reply = handleInference(state, { type: 'decode', id: 9, n: 2, z: new Float32Array(3) });
    expect(reply?.message).toMatchObject({ type: 'inferenceError', id: 9 });
  });

  it('encodes to μ, log σ² and the reconstruction decoded from μ', () => {
    const state = initialInferenceState();
    const w = weights('vae');
    handleInference(state, { type: 'weights', step: 5, weights: w });
    const pixels = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 7);
    const reply = handleInference(state, { type: 'encode', id: 11, n: 1, pixels });
    if (reply?.message.type !== 'encoded') throw new Error('expected encoded');
    const expected = encodeMlp(w, pixels, 1);
    expect(Array.from(reply.message.mu)).toEqual(Array.from(expected.mu));
    expect(Array.from(reply.message.logvar ?? [])).toEqual(Array.from(expected.logvar ?? [NaN]));
    expect(Array.from(reply.message.recon)).toEqual(Array.from(decodeMeans(w, expected.mu, 1)));
    expect(reply.transfer).toHaveLength(3);
  });

  it('has no log σ² for the AE', () => {
    const state = initialInferenceState();
    handleInference(state, { type: 'weights', step: 5, weights: weights('ae') });
    const reply = handleInference(state, { type: 'encode', id: 1, n: 1, pixels: new Float32Array(784).fill(0.5) });
    if (reply?.message.type !== 'encoded') throw new Error('expected encoded');
    expect(reply.message.logvar).toBeNull();
    expect(reply.transfer).toHaveLength(2);
  });

  it('keeps only the latest weights', () => {
    const state = initialInferenceState();
    handleInference(state, { type: 'weights', step: 1, weights: weights('vae') });
    const later = weights('ae');
    handleInference(state, { type: 'weights', step: 2, weights: later });
    expect(state.weights).toBe(later);
    expect(state.step).toBe(2);
  });
});
