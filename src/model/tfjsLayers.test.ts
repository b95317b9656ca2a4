// A real TF.js LayersModel, built and saved by TF.js itself (the format tensorflowjs_converter
// writes for a Keras model), opens with the same weights: the imported encoder and decoder give
// TF.js's own outputs.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModelFiles, type ModelFile } from './importModel';
import { decodeLogits, encodeMlp } from './mlp';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A functional Keras-style VAE: 784 → 32 → 16 → (z_mean, z_log_var) 2; z_mean → 16 → 32 → 784 sigmoid. */
function kerasVae(kind: 'vae' | 'ae'): tf.LayersModel {
  const input = tf.input({ shape: [784], name: 'pixels' });
  let h = tf.layers.dense({ units: 32, activation: 'relu', name: 'enc_1' }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 16, activation: 'relu', name: 'enc_2' }).apply(h) as tf.SymbolicTensor;
  const mu = tf.layers.dense({ units: 2, name: 'z_mean' }).apply(h) as tf.SymbolicTensor;
  const heads = kind === 'vae' ? [mu, tf.layers.dense({ units: 2, name: 'z_log_var' }).apply(h) as tf.SymbolicTensor] : [mu];
  let d = tf.layers.dense({ units: 16, activation: 'relu', name: 'dec_1' }).apply(mu) as tf.SymbolicTensor;
  d = tf.layers.dense({ units: 32, activation: 'relu', name: 'dec_2' }).apply(d) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 784, activation: 'sigmoid', name: 'dec_out' }).apply(d) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [...heads, out] });
}

async function saved(model: tf.LayersModel): Promise<ModelFile[]> {
  let files: ModelFile[] = [];
  await model.save(tf.io.withSaveHandler(async (a) => {
    const shard = new Uint8Array(a.weightData as ArrayBuffer);
    const json = { format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }] };
    files = [{ name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)) }, { name: 'group1-shard1of1.bin', bytes: shard }];
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return files;
}

describe('a TF.js LayersModel saved by TF.js', () => {
  it.each(['vae', 'ae'] as const)('opens as a %s with TF.js\'s own outputs', async (kind) => {
    const model = kerasVae(kind);
    const { checkpoint, origin } = importModelFiles(await saved(model));
    expect(checkpoint.config).toEqual({ kind, inputDim: 784, latentDim: 2, hidden: [32, 16] });
    expect(origin).toEqual({ producer: 'keras', step: 0 });
    const x = Float32Array.from({ length: 3 * 784 }, (_, i) => ((i * 37) % 101) / 100);
    const outs = model.predict(tf.tensor2d(x, [3, 784])) as tf.Tensor[];
    const ours = encodeMlp(checkpoint.weights, x, 3);
    const theirs = outs.map((t) => Array.from(t.dataSync()));
    ours.mu.forEach((v, i) => expect(v).toBeCloseTo(theirs[0][i], 5));
    if (kind === 'vae') ours.logvar!.forEach((v, i) => expect(v).toBeCloseTo(theirs[1][i], 5));
    const means = Array.from(decodeLogits(checkpoint.weights, ours.mu, 3), (l) => 1 / (1 + Math.exp(-l)));
    means.forEach((v, i) => expect(v).toBeCloseTo(theirs[theirs.length - 1][i], 5));
    tf.dispose(outs);
    model.dispose();
  });
});
