// The figures public/pretrained/index.json advertises, recomputed from the shipped checkpoints on
// the full test set (needs public/datasets; `npm run datasets`). Measured on 2026-12-03 they agree
// to within 0.001 nats (float32 sums in another order); the bound is 0.01 nats, two-sided.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, loadSplit, toFloat32 } from '../data';
import { fsSource } from '../data/fsSource';
import { parseCheckpoint } from './checkpoint';
import { createNetwork } from './network';
import { parsePretrainedIndex } from './pretrainedIndex';
import './registerGradientsNode';
import { Trainer } from './trainer';

const DIR = 'public/pretrained/';
const index = parsePretrainedIndex(JSON.parse(readFileSync(`${DIR}index.json`, 'utf8')));
const NATS = 0.01;

// TF.js's own WASM kernels (none of ours registered): an evaluation independent of src/kernels,
// about ten times faster than the CPU backend on the full test set.
beforeAll(async () => {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('shipped pretrained figures', () => {
  it.each(index.models.map((m) => [m.id, m] as const))('%s: the test −ELBO, recon and KL of index.json', async (_id, entry) => {
    const file = readFileSync(`${DIR}${entry.files.checkpoint}`);
    const ckpt = parseCheckpoint(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    expect(ckpt.step).toBe(entry.step);
    expect(['mnist', 'fashion']).toContain(entry.dataset);
    const dataset = entry.dataset as 'mnist' | 'fashion';
    const source = fsSource('public/datasets');
    const test = await loadSplit(source, await loadManifest(source), dataset, 'test');
    const x = tf.tensor2d(toFloat32(test.pixels, null, 784), [test.count, 784]);
    const net = createNetwork(ckpt.config, 1);
    net.setWeights(ckpt.weights);
    const trainer = new Trainer(net, ckpt.hyper, ckpt.seed);
    const m = trainer.evaluate(x);
    trainer.dispose();
    net.dispose();
    x.dispose();
    expect(Math.abs(m.elbo - entry.test.elbo)).toBeLessThan(NATS);
    expect(Math.abs(m.recon - entry.test.recon)).toBeLessThan(NATS);
    expect(Math.abs(m.kl - entry.test.kl)).toBeLessThan(NATS);
  }, 120_000);
});
