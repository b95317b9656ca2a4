// The bare TF.js loop, timed: plainVae.ts on TF.js's own WASM kernels (one thread, as TF.js's
// WASM backend runs without cross-origin isolation), on real MNIST batches. Prints one JSON line.
//
//   node --import tsx scripts/bench/bare-loop.ts [--steps 20]

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_HYPER } from '../../src/model';
import '../../src/model/registerGradientsNode';
import { mnistTrainBatches } from '../mnistBatches';
import { plainVaeStepper } from './plainVae';

const i = process.argv.indexOf('--steps');
const steps = i >= 0 ? Number(process.argv[i + 1]) : 20;
const batchSize = DEFAULT_HYPER.batchSize;

setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
const makeBatch = await mnistTrainBatches(batchSize, 1);
let current: tf.Tensor2D | null = null;
const nextBatch = () => {
  current?.dispose();
  current = makeBatch();
  return current;
};
const stepper = plainVaeStepper(() => tf.train.adam(1e-3), nextBatch);
for (let s = 0; s < 3; s++) stepper.step();
const t0 = performance.now();
for (let s = 0; s < steps; s++) stepper.step();
const ms = (performance.now() - t0) / steps;
stepper.dispose();
process.stdout.write(
  `${JSON.stringify({
    what: "plain TF.js ops, TF.js's matMul gradients, tf.train.adam, TF.js's own WASM kernels, 1 thread",
    steps,
    batch: batchSize,
    msPerStep: Number(ms.toFixed(1)),
    imagesPerSec: Math.round((batchSize * 1000) / ms),
  })}\n`,
);
