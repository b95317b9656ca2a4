// How soon each learning-rate schedule reaches a test −ELBO below a line (170 nats: the ten
// MNIST clusters are clearly apart), and where it ends after E epochs, for the 2-D VAE in Node.
// The evidence behind the app's default schedule (src/model/lrSchedule.ts).
//
//   npx tsx scripts/lr-study.ts [--steps 800] [--epochs 0] [--every 20] [--schedules a,b,...]
//
// Prints one JSON line per schedule.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BatchSampler, fixedSubset, loadManifest, loadSplit, toFloat32 } from '../src/data';
import { fsSource } from '../src/data/fsSource';
import { createNetwork, Trainer } from '../src/model';
import { DEFAULT_HYPER, DEFAULT_MODEL } from '../src/model/types';
import '../src/model/registerGradientsNode';
import { registerFusedAdam } from '../src/kernels/fusedAdam';
import { registerFastMatMul } from '../src/kernels/registerFastMatMul';
import { kernelAccelerators } from '../src/kernels/accelerators';
import { plugAccelerators } from '../src/model/accelerators';
import { STUDIED, learningRateAt } from '../src/model/lrSchedule';

setFlagsFromString('--experimental-wasm-relaxed-simd');

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const LINE = -170;
const maxSteps = Number(flag('steps', '800'));
const epochs = Number(flag('epochs', '0'));
const every = Number(flag('every', '20'));
const names = flag('schedules', Object.keys(STUDIED).join(',')).split(',');
const seed = Number(flag('seed', '1'));

setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
await tf.setBackend('wasm');
plugAccelerators({ ...kernelAccelerators, transposedProducts: registerFastMatMul(tf, { threads: 1 }).registered.length > 0 });
registerFusedAdam(tf);

const source = fsSource(join(process.cwd(), 'public/datasets'));
const manifest = await loadManifest(source);
const train = await loadSplit(source, manifest, 'mnist', 'train');
const test = await loadSplit(source, manifest, 'mnist', 'test');
const D = 784;
const subset = tf.tensor2d(toFloat32(test.pixels, fixedSubset(test.count, 1000, 7), D), [1000, D]);
const full = tf.tensor2d(toFloat32(test.pixels, null, D), [test.count, D]);

for (const name of names) {
  const schedule = STUDIED[name];
  if (!schedule) throw new Error(`unknown schedule ${name}; known: ${Object.keys(STUDIED).join(', ')}`);
  // The schedule is applied here, step by step, so the trainer's own (warmStart) stays off.
  const hyper = { ...DEFAULT_HYPER, warmStart: false };
  const trainer = new Trainer(createNetwork(DEFAULT_MODEL, seed), hyper, seed);
  const sampler = new BatchSampler(train.count, hyper.batchSize, seed);
  const stepsPerEpoch = Math.ceil(train.count / hyper.batchSize);
  const totalSteps = Math.max(maxSteps, epochs * stepsPerEpoch);
  let reached: number | null = null;
  const curve: Array<[number, number]> = [];
  const t0 = performance.now();
  for (let s = 0; s < totalSteps; s++) {
    trainer.setHyper({ learningRate: learningRateAt(schedule, hyper.learningRate, trainer.stepCount) });
    const batch = sampler.next();
    const x = tf.tensor2d(toFloat32(train.pixels, batch.indices, D), [batch.indices.length, D]);
    trainer.step(x);
    x.dispose();
    if (s < maxSteps && (s + 1) % every === 0) {
      const elbo = trainer.evaluate(subset).elbo;
      curve.push([s + 1, +(-elbo).toFixed(1)]);
      if (reached === null && elbo > LINE) reached = s + 1;
    }
  }
  const end = epochs > 0 ? +(-trainer.evaluate(full).elbo).toFixed(2) : null;
  const line = { schedule: name, seed, stepsTo170: reached, epochs, testNegElbo: end, seconds: +((performance.now() - t0) / 1000).toFixed(1), curve };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  trainer.net.variables.forEach((v) => v.dispose());
}
