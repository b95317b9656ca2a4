// Where a training step's time goes: per-kernel times of the 2-D VAE's step (batch 128) on
// TF.js's WASM backend, stock kernels against ours (src/kernels), from tf.profile.
//
//   npx tsx scripts/profile-step.ts [--steps 30] [--batch 128] [--stock] [--explicit-transposes]
//                                   [--copying-identity] [--stock-sum] [--op-by-op-loss] [--threads N] [--random]
//
// Prints one JSON object: per kernel name, calls per step and ms per step (median over the
// profiled steps), sorted by time, plus the step's wall time and the kernels' share of it.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createNetwork, DEFAULT_HYPER, DEFAULT_MODEL, Trainer } from '../src/model';
import '../src/model/registerGradientsNode';
import { registerFusedAdam } from '../src/kernels/fusedAdam';
import { registerFastMatMul, unregisterFastMatMul } from '../src/kernels/registerFastMatMul';
import { registerSharedIdentity } from '../src/kernels/sharedIdentity';
import { registerColumnSum } from '../src/kernels/columnSum';
import { registerFusedBernoulli } from '../src/kernels/fusedBernoulli';
import { kernelAccelerators } from '../src/kernels/accelerators';
import { plugAccelerators } from '../src/model/accelerators';
import { mnistTrainBatches } from './mnistBatches';

setFlagsFromString('--experimental-wasm-relaxed-simd');

const argv = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? Number(argv[i + 1]) : fallback;
};
const steps = numberArg('--steps', 30);
const batch = numberArg('--batch', 128);
const stock = argv.includes('--stock');

setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
await tf.setBackend('wasm');
if (!stock) {
  const matMul = registerFastMatMul(tf, { threads: numberArg('--threads', 1), spawnWorker: (source) => new Worker(source, { eval: true }) });
  await matMul.threadsReady;
  registerFusedAdam(tf);
  if (!argv.includes('--copying-identity')) registerSharedIdentity(tf);
  if (!argv.includes('--stock-sum')) registerColumnSum(tf);
  if (!argv.includes('--op-by-op-loss')) registerFusedBernoulli();
  plugAccelerators({ ...kernelAccelerators, transposedProducts: matMul.registered.length > 0 && !argv.includes('--explicit-transposes') });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (x: number) => Number(x.toFixed(3));

const trainer = new Trainer(createNetwork(DEFAULT_MODEL, 1), { ...DEFAULT_HYPER, batchSize: batch }, 1);
// Real MNIST batches: the kernels' speed depends on the data (the first layer's products skip
// the zeros of the images, ≈ 81 % of the pixels). --random: uniform noise rounded to 0/1 instead.
const D = 784;
const batches: tf.Tensor2D[] = [];
if (argv.includes('--random')) {
  batches.push(tf.tidy(() => tf.round(tf.randomUniform([batch, D], 0, 1, 'float32', 3)) as tf.Tensor2D));
} else {
  const next = await mnistTrainBatches(batch, 1);
  for (let i = 0; i < 8; i++) batches.push(next());
}
let turn = 0;
/** The next batch, in turn. */
const nextBatch = () => batches[turn++ % batches.length];
for (let i = 0; i < 5; i++) trainer.step(nextBatch());

const perKernel = new Map<string, { calls: number[]; ms: number[] }>();
const wall: number[] = [];
const kernelTotals: number[] = [];
for (let s = 0; s < steps; s++) {
  const t0 = performance.now();
  const info = await tf.profile(() => {
    trainer.step(nextBatch());
  });
  wall.push(performance.now() - t0);
  const byName = new Map<string, { calls: number; ms: number }>();
  let total = 0;
  for (const k of info.kernels) {
    // A tidy scope's time includes the kernels inside it, which are listed too.
    if (k.name === 'unnamed scope') continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    total += ms;
    const e = byName.get(k.name) ?? { calls: 0, ms: 0 };
    e.calls++;
    e.ms += ms;
    byName.set(k.name, e);
  }
  kernelTotals.push(total);
  for (const [name, e] of byName) {
    const acc = perKernel.get(name) ?? { calls: [], ms: [] };
    acc.calls.push(e.calls);
    acc.ms.push(e.ms);
    perKernel.set(name, acc);
  }
}

// An unprofiled step for the wall time: tf.profile adds its own bookkeeping per kernel.
// CPU time as well: on a shared machine it moves far less than wall time (one thread here).
const plain: number[] = [];
const cpu: number[] = [];
for (let s = 0; s < steps; s++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  trainer.step(nextBatch());
  plain.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}

const kernels = [...perKernel]
  .map(([name, e]) => ({ name, callsPerStep: median(e.calls), msPerStep: round(median(e.ms)) }))
  .sort((a, b) => b.msPerStep - a.msPerStep);
const kernelMs = median(kernelTotals);
const stepMs = median(plain);
process.stdout.write(
  `${JSON.stringify(
    {
      kernels: stock ? 'stock' : ['fast', ...['--explicit-transposes', '--copying-identity', '--stock-sum', '--op-by-op-loss'].filter((f) => argv.includes(f))].join(', '),
      threads: stock ? 1 : numberArg('--threads', 1),
      batch,
      data: argv.includes('--random') ? 'random 0/1' : 'mnist',
      steps,
      stepMs: round(stepMs),
      stepCpuMs: round(median(cpu)),
      imagesPerSec: Math.round((batch * 1000) / stepMs),
      profiledStepMs: round(median(wall)),
      kernelMsPerStep: round(kernelMs),
      kernelCallsPerStep: kernels.reduce((n, k) => n + k.callsPerStep, 0),
      outsideKernelsMs: round(Math.max(0, stepMs - kernelMs)),
      byKernel: kernels,
    },
    null,
    1,
  )}\n`,
);
// Stops the helper threads, which would otherwise keep Node running.
unregisterFastMatMul();
