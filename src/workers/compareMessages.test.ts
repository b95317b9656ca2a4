// AE vs VAE plumbing outside the worker: the inference worker answers each model from its own
// weights, and the status line follows only the shown model.
import { describe, expect, it } from 'vitest';
import { decodeMeans } from '../model/mlp';
import type { DenseWeights, NetworkWeights } from '../model/types';
import { applyTrainerMessage, initialState } from '../client/clientState';
import { handleInference, initialInferenceState } from './inferenceHandler';
import type { SessionConfig } from '../shared/protocol';

function layer(inDim: number, outDim: number, seed: number): DenseWeights {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.4;
  return { inDim, outDim, W: Float32Array.from({ length: inDim * outDim }, next), b: Float32Array.from({ length: outDim }, next) };
}

function weights(kind: 'vae' | 'ae', seed: number): NetworkWeights {
  return {
    config: { kind, inputDim: 784, latentDim: 2, hidden: [8] },
    encoder: [layer(784, 8, seed)],
    mu: layer(8, 2, seed + 1),
    logvar: kind === 'vae' ? layer(8, 2, seed + 2) : null,
    decoder: [layer(2, 8, seed + 3), layer(8, 784, seed + 4)],
  };
}

const config: SessionConfig = {
  dataset: 'mnist',
  model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [8] },
  hyper: { learningRate: 1e-3, beta: 1, likelihood: 'bernoulli', sigmaX: 1, samples: 1, reparam: true, batchSize: 128 },
  seed: 1,
};

describe('inference with two models', () => {
  it('decodes one z with the decoder of the model asked for, and the latest weights when none is named', () => {
    const state = initialInferenceState();
    const vae = weights('vae', 10);
    const ae = weights('ae', 50);
    handleInference(state, { type: 'weights', step: 12, weights: vae });
    handleInference(state, { type: 'weights', step: 7, weights: ae });
    const z = Float32Array.from([0.5, -1]);
    const decode = (model?: 'a' | 'b') => {
      const reply = handleInference(state, model ? { type: 'decode', id: 1, n: 1, z, model } : { type: 'decode', id: 1, n: 1, z });
      if (reply?.message.type !== 'decoded') throw new Error('expected decoded');
      return reply.message;
    };
    expect(Array.from(decode('a').pixels)).toEqual(Array.from(decodeMeans(vae, z, 1)));
    expect(decode('a').step).toBe(12);
    expect(Array.from(decode('b').pixels)).toEqual(Array.from(decodeMeans(ae, z, 1)));
    expect(decode('b').step).toBe(7);
    expect(Array.from(decode().pixels)).toEqual(Array.from(decodeMeans(ae, z, 1)));
    expect(Array.from(decode('a').pixels)).not.toEqual(Array.from(decode('b').pixels));
  });

  it('encodes with the model asked for (an AE has no log σ²)', () => {
    const state = initialInferenceState();
    handleInference(state, { type: 'weights', step: 1, weights: weights('vae', 10) });
    handleInference(state, { type: 'weights', step: 2, weights: weights('ae', 50) });
    const pixels = new Float32Array(784).fill(0.5);
    const reply = handleInference(state, { type: 'encode', id: 2, n: 1, pixels, model: 'a' });
    if (reply?.message.type !== 'encoded') throw new Error('expected encoded');
    expect(reply.message.logvar).not.toBeNull();
    expect(reply.message.step).toBe(1);
  });
});

describe('the status line in Compare', () => {
  it('follows the shown model only, and a view message switches which one that is', () => {
    const s0 = { ...initialState(config, 'auto'), phase: 'ready' as const };
    const chunk = { type: 'metrics' as const, step: 30, epoch: 0, epochProgress: 0.2, train: { firstStep: 20, elbo: [], recon: [], kl: [], objective: [] }, imagesPerSec: 9 };
    expect(applyTrainerMessage(s0, { ...chunk, model: 'b' }, 1)).toBe(s0);
    expect(applyTrainerMessage(s0, { ...chunk, model: 'a' }, 1).step).toBe(30);
    expect(applyTrainerMessage(s0, chunk, 1).step).toBe(30);
    const aeConfig = { ...config, model: { ...config.model, kind: 'ae' as const } };
    const s1 = applyTrainerMessage(s0, { type: 'view', view: 'ae', config: aeConfig }, 1);
    expect(s1.view).toBe('ae');
    expect(s1.config.model.kind).toBe('ae');
    expect(applyTrainerMessage(s1, { type: 'state', running: true, step: 4, epoch: 0, model: 'b' }, 1)).toMatchObject({ running: true, step: 4 });
    expect(applyTrainerMessage(s1, { type: 'state', running: true, step: 99, epoch: 0, model: 'a' }, 1)).toBe(s1);
  });
});
