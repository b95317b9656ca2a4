// The figures public/pretrained/index.json advertises, recomputed from the shipped checkpoints on
// the full test set (needs public/datasets; `npm run datasets`), Shapes' on its drawn evaluation
// set, with its MIG (to 0.01: a float rounding can move a code across a bin edge). Measured on 2026-12-03 they agree
// to within 0.001 nats (float32 sums in another order); the bound is 0.01 nats, two-sided.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, loadSplit, toFloat32 } from '../data';
import { fsSource } from '../data/fsSource';
import { FACTOR_NAMES, makeEvalSet, SHAPES_DATA_SEED } from '../data/shapes';
import { encodeAll, migReport } from './latentEval';
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
    expect(['mnist', 'fashion', 'shapes']).toContain(entry.dataset);
    const shapes = entry.dataset === 'shapes' ? makeEvalSet(SHAPES_DATA_SEED) : null;
    const source = fsSource('public/datasets');
    const test = shapes ? shapes.split : await loadSplit(source, await loadManifest(source), entry.dataset as 'mnist' | 'fashion', 'test');
    const D = test.width * test.height;
    expect(D).toBe(ckpt.config.inputDim);
    const x = tf.tensor2d(toFloat32(test.pixels, null, D), [test.count, D]);
    const net = createNetwork(ckpt.config, 1);
    net.setWeights(ckpt.weights);
    const trainer = new Trainer(net, ckpt.hyper, ckpt.seed);
    const m = trainer.evaluate(x);
    if (shapes) {
      const mig = migReport(encodeAll(net, x).mu, ckpt.config.latentDim, FACTOR_NAMES.map((n) => shapes.factors[n])).mig;
      expect(Math.abs(mig! - entry.mig!)).toBeLessThan(0.01);
    } else expect(entry.mig).toBeUndefined();
    trainer.dispose();
    net.dispose();
    x.dispose();
    expect(Math.abs(m.elbo - entry.test.elbo)).toBeLessThan(NATS);
    expect(Math.abs(m.recon - entry.test.recon)).toBeLessThan(NATS);
    expect(Math.abs(m.kl - entry.test.kl)).toBeLessThan(NATS);
    // The conv model's transposed convolutions run TF.js's plain WASM loop here: minutes under load.
  }, 600_000);
});
