// Issue 17 investigation: dumps the conv VAE's initial weights (of a seed), the loss terms and
// gradients on a fixed batch with a fixed ε, and a short training curve through the project's
// Trainer on a fixed batch order, so scripts/python/conv_parity.py can run the same in PyTorch.
//
//   npx tsx scripts/python/conv_parity.ts [outDir=/tmp/convparity] [steps=300] [seed=1]
// With steps 0 it only writes the weights and the fixed-batch terms (no test evaluation).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createNetwork, Trainer } from '../../src/model';
import '../../src/model/registerGradientsNode';
import { mulberry32 } from '../../src/model/prng';
import { DEFAULT_HYPER, type ModelConfig } from '../../src/model/types';

const out = process.argv[2] ?? '/tmp/convparity';
const steps = Number(process.argv[3] ?? 300);
const seed = Number(process.argv[4] ?? 1);
mkdirSync(out, { recursive: true });
const B = 128;

function images(split: string, n: number): Float32Array {
  const raw = gunzipSync(readFileSync(`public/datasets/mnist/${split}-images.u8.gz`));
  const px = raw.subarray(raw.length - n * 784);
  return Float32Array.from(px, (v) => v / 255);
}

function normals(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return v;
}

await tf.setBackend('cpu');
const config: ModelConfig = { arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] };
const net = createNetwork(config, seed);
const w = net.getWeights();
const arr = (a: Float32Array) => Array.from(a);
const layer = (l: { W: Float32Array; b: Float32Array }) => ({ ...l, W: arr(l.W), b: arr(l.b) });
writeFileSync(
  `${out}/init.json`,
  JSON.stringify({ encoder: w.encoder.map(layer), mu: layer(w.mu), logvar: layer(w.logvar!), decoder: w.decoder.map(layer) }),
);

const train = images('train', 60000);
const eps = normals(B * 2, 42);
const x0 = tf.tensor2d(train.subarray(0, B * 784), [B, 784]);
const epsT = tf.tensor2d(eps, [B, 2]);

// Loss terms and gradients at init, fixed batch, fixed ε.
const terms: Record<string, number> = {};
const { grads } = tf.variableGrads(() => {
  const { mu, logvar } = net.encode(x0);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar!, 0.5)), epsT));
  const logits = net.decode(z as tf.Tensor2D);
  // −log p(x|z) = softplus(l) − x·l, summed over pixels, mean over images.
  const recon = tf.div(tf.sum(tf.sub(tf.softplus(logits), tf.mul(x0, logits))), B);
  const kl = tf.div(tf.mul(0.5, tf.sum(tf.sub(tf.sub(tf.add(tf.square(mu), tf.exp(logvar!)), logvar!), 1))), B);
  terms.recon = recon.dataSync()[0];
  terms.kl = kl.dataSync()[0];
  terms.mu00 = mu.dataSync()[0];
  terms.logvar00 = logvar!.dataSync()[0];
  return tf.add(recon, kl) as tf.Scalar;
}, net.variables);
const gradNorms = net.variables.map((v) => ({ shape: v.shape, norm: Math.sqrt(tf.sum(tf.square(grads[v.name])).dataSync()[0]) }));
tf.dispose(grads);

// A short curve through the project's Trainer: batch i is images [i·B, (i+1)·B) in file order.
const trainer = new Trainer(net, { ...DEFAULT_HYPER, learningRate: 1e-3, warmStart: false, batchSize: B }, seed);
const curve: number[] = [];
for (let i = 0; i < steps; i++) {
  const x = tf.tensor2d(train.subarray(i * B * 784, (i + 1) * B * 784), [B, 784]);
  const r = trainer.step(x);
  x.dispose();
  curve.push(-r.metrics.elbo);
}
const testMetrics = steps > 0 ? trainer.evaluate(tf.tensor2d(images('test', 10000), [10000, 784])) : null;
writeFileSync(`${out}/ts.json`, JSON.stringify({ eps: arr(eps), terms, gradNorms, curve, test: testMetrics }));
console.log(JSON.stringify({ terms, gradNorms: gradNorms.map((g) => +g.norm.toPrecision(6)), curveEvery50: curve.filter((_, i) => i % 50 === 0 || i === steps - 1).map((v) => +v.toFixed(2)), test: testMetrics }));
