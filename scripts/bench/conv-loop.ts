// The conv VAE's training step on TF.js's WASM backend with our kernels (registerWasmKernels:
// the filter and input gradients of the convolutions, the products, Adam), on real MNIST
// batches, timed. By default the app's own model code (createNetwork with arch 'conv', the
// Trainer with the accelerators the CLI plugs in); --plain: the same layers from plain TF.js ops
// (convVae.ts). Prints one JSON line: wall and CPU time per step (CPU time: this process and its
// helper threads, robust when other processes share the cores) and the load average.
//
//   node --import tsx scripts/bench/conv-loop.ts [--steps 20] [--threads 1] [--plain]

import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '../../src/model/registerGradientsNode';
import { kernelAccelerators } from '../../src/kernels/accelerators';
import { FusedAdamOptimizer } from '../../src/kernels/fusedAdamOptimizer';
import { createNetwork, DEFAULT_HYPER, DEFAULT_MODEL, Trainer } from '../../src/model';
import { plugAccelerators } from '../../src/model/accelerators';
import { unregisterFastMatMul } from '../../src/kernels/registerFastMatMul';
import { registerWasmKernels } from '../../src/kernels/wasmKernels';
import { mnistTrainBatches } from '../mnistBatches';
import { convVaeStepper } from './convVae';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const steps = arg('--steps', 20);
const threads = arg('--threads', 1);
const batchSize = 128;
// Chrome has relaxed SIMD (FMA) on; Node 20 keeps it behind a flag.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
const kernels = registerWasmKernels(tf, { threads, spawnWorker: (source) => new Worker(source, { eval: true }) });
const threadsInUse = await kernels.matMul.threadsReady;
const plain = process.argv.includes('--plain');
const makeBatch = await mnistTrainBatches(batchSize, 1);

/** The app's conv VAE and Trainer (as the CLI runs them), stepping on MNIST batches. */
function trainerStepper(): { step: () => number; dispose: () => void; parameters: number } {
  plugAccelerators({ ...kernelAccelerators, transposedProducts: kernels.transposedProducts });
  const net = createNetwork({ ...DEFAULT_MODEL, arch: 'conv' }, 1);
  const trainer = new Trainer(net, { ...DEFAULT_HYPER, batchSize, learningRate: 1e-3 }, 1);
  let x: tf.Tensor2D | null = null;
  return {
    parameters: net.variables.reduce((n, v) => n + v.size, 0),
    step: () => {
      x?.dispose();
      x = makeBatch();
      const r = trainer.step(x);
      if (!r.ok) throw new Error('a training step gave a non-finite loss');
      return r.metrics.objective;
    },
    dispose: () => {
      x?.dispose();
      trainer.dispose();
      net.dispose();
    },
  };
}
const stepper = plain ? convVaeStepper(new FusedAdamOptimizer(1e-3), makeBatch) : trainerStepper();
for (let s = 0; s < 3; s++) stepper.step();
const load = loadavg()[0];
const c0 = process.cpuUsage();
const t0 = performance.now();
let loss = NaN;
for (let s = 0; s < steps; s++) loss = stepper.step();
const ms = (performance.now() - t0) / steps;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
const parameters = stepper.parameters;
stepper.dispose();
// Stops the helper threads, which would keep the process alive.
unregisterFastMatMul();
process.stdout.write(
  `${JSON.stringify({
    what: `conv VAE (math.md), ${plain ? 'plain TF.js ops' : "the app's createNetwork (arch conv) and Trainer"}, WASM with our kernels (${kernels.registered.join(', ')}${kernels.matMul.fma ? ', FMA' : ''}), fused Adam, ${threadsInUse} thread(s)`,
    parameters,
    steps,
    batch: batchSize,
    threads: threadsInUse,
    msPerStep: Number(ms.toFixed(1)),
    cpuMsPerStep: Number(cpuMs.toFixed(1)),
    imagesPerSec: Math.round((batchSize * 1000) / ms),
    imagesPerCpuSec: Math.round((batchSize * 1000) / cpuMs),
    lastLoss: Number(loss.toFixed(2)),
    loadAverage1m: [Number(load.toFixed(2)), Number(loadavg()[0].toFixed(2))],
  })}\n`,
);
