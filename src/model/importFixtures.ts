// Small, valid models in every import format, for the import tests (hostile files are these
// with one thing broken). TF.js-free; deterministic.

import { serializeCheckpoint, type Checkpoint } from './checkpoint';
import { layerShapes } from './config';
import { mulberry32 } from './prng';
import { exportForTorch } from './torchExport';
import { DEFAULT_HYPER, denseOnly, type DenseWeights, type ModelConfig, type NetworkWeights } from './types';

export function randomWeights(config: ModelConfig, seed = 7): NetworkWeights {
  const rand = mulberry32(seed);
  const dense = ([i, o]: [number, number]): DenseWeights => ({
    inDim: i,
    outDim: o,
    W: Float32Array.from({ length: i * o }, () => (rand() - 0.5) * 0.2),
    b: Float32Array.from({ length: o }, () => (rand() - 0.5) * 0.1),
  });
  const s = layerShapes(config);
  return {
    config,
    encoder: s.encoder.map(dense),
    mu: dense(s.head),
    logvar: config.kind === 'vae' ? dense(s.head) : null,
    decoder: s.decoder.map(dense),
  };
}

export const SMALL_VAE: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [8] };

export function smallCheckpoint(config: ModelConfig = SMALL_VAE, overrides: Partial<Checkpoint> = {}): Checkpoint {
  return {
    format: 'vae-playground',
    version: 1,
    dataset: 'mnist',
    config,
    hyper: { ...DEFAULT_HYPER },
    seed: 3,
    step: 1200,
    epoch: 2,
    createdAt: '2026-01-02T03:04:05.000Z',
    weights: randomWeights(config),
    ...overrides,
  };
}

export const enc = (s: string) => new TextEncoder().encode(s);

/** model.safetensors + vae.json of a small model, as picked files. */
export function torchFiles(c: Checkpoint = smallCheckpoint()): { safetensors: Uint8Array; manifest: Uint8Array } {
  const out = exportForTorch(c, '0.1.0');
  return { safetensors: out.safetensors, manifest: enc(out.manifest) };
}

export function vaeckptBytes(c: Checkpoint = smallCheckpoint()): Uint8Array {
  return new Uint8Array(serializeCheckpoint(c));
}

/** A TF.js LayersModel (Functional, Dense layers) of the same weights: model.json + one shard. */
export function tfjsFiles(w: NetworkWeights): { modelJson: Record<string, unknown>; shard: Uint8Array } {
  const named: Array<{ name: string; d: DenseWeights; activation: string }> = [
    ...denseOnly(w.encoder, 'tfjsFiles').map((d, i) => ({ name: `enc_${i}`, d, activation: 'relu' })),
    { name: 'z_mean', d: w.mu, activation: 'linear' },
    ...(w.logvar ? [{ name: 'z_log_var', d: w.logvar, activation: 'linear' }] : []),
    ...denseOnly(w.decoder, 'tfjsFiles').map((d, i) => ({ name: `dec_${i}`, d, activation: i === w.decoder.length - 1 ? 'sigmoid' : 'relu' })),
  ];
  const layers = [
    { class_name: 'InputLayer', config: { name: 'input', batch_input_shape: [null, 784] } },
    ...named.map((l) => ({ class_name: 'Dense', config: { name: l.name, units: l.d.outDim, activation: l.activation, use_bias: true } })),
  ];
  const specs = named.flatMap((l) => [
    { name: `${l.name}/kernel`, shape: [l.d.inDim, l.d.outDim], dtype: 'float32' },
    { name: `${l.name}/bias`, shape: [l.d.outDim], dtype: 'float32' },
  ]);
  const values = named.flatMap((l) => [l.d.W, l.d.b]);
  const shard = new Uint8Array(values.reduce((s, v) => s + v.length * 4, 0));
  values.reduce((at, v) => (shard.set(new Uint8Array(Float32Array.from(v).buffer), at), at + v.length * 4), 0);
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'keras v2.15.0',
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: { class_name: 'Functional', config: { name: 'vae', layers } },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: specs }],
    },
    shard,
  };
}
