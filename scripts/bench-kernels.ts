// Stock vs fast TF.js WASM matrix products, per shape and for a whole VAE training step.
// Run: node --import tsx scripts/bench-kernels.ts [--no-fma] [--threads N] [--steps N]
// Prints one JSON object: per case the median wall time of 20 timed runs after warm-up, the
// fastest run, and the median CPU time of this process (robust when other processes share the
// cores; with helper threads it adds their time too, so compare wall times there).

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createNetwork, DEFAULT_HYPER, DEFAULT_MODEL, Trainer } from '../src/model';
import '../src/model/registerGradientsNode';
import { plainVaeStepper } from './bench/plainVae';
import { registerFusedAdam, unregisterFusedAdam } from '../src/kernels/fusedAdam';
import { FusedAdamOptimizer } from '../src/kernels/fusedAdamOptimizer';
import { fastMatMulStats, registerFastMatMul, unregisterFastMatMul, type FastMatMulRegistration } from '../src/kernels/registerFastMatMul';
import { timeRuns } from './bench/cpuTiming';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const numberArg = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? Number(argv[i + 1]) : fallback;
};
const threads = numberArg('--threads', 1);
const steps = numberArg('--steps', 20);
// Node 20's V8 keeps relaxed SIMD (FMA) behind a flag that Chrome has on by default.
if (!flag('--no-fma')) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

interface Timing {
  ms: number;
  minMs: number;
  cpuMs: number;
}

/** Runs `once` warmup + reps times; medians (and the minimum) over the timed runs. */
function measure(once: () => void, reps: number, warmup = 5): Timing {
  const { wall, cpu } = timeRuns(once, reps, warmup);
  return { ms: round(median(wall)), minMs: round(Math.min(...wall)), cpuMs: round(median(cpu)) };
}

interface ShapeCase {
  name: string;
  a: [number, number];
  b: [number, number];
  transposeA: boolean;
  transposeB: boolean;
}

// The products of one training step of the 784-512-256-2 VAE at batch 128 (forward, input
// gradient dy·Wᵀ, weight gradient xᵀ·dy), plus the decoder's.
const CASES: ShapeCase[] = [
  { name: 'enc1 forward x·W', a: [128, 784], b: [784, 512], transposeA: false, transposeB: false },
  { name: 'enc1 weight grad xᵀ·dy', a: [128, 784], b: [128, 512], transposeA: true, transposeB: false },
  { name: 'enc2 forward', a: [128, 512], b: [512, 256], transposeA: false, transposeB: false },
  { name: 'enc2 input grad dy·Wᵀ', a: [128, 256], b: [512, 256], transposeA: false, transposeB: true },
  { name: 'enc2 weight grad', a: [128, 512], b: [128, 256], transposeA: true, transposeB: false },
  { name: 'head forward 256→2', a: [128, 256], b: [256, 2], transposeA: false, transposeB: false },
  { name: 'head input grad', a: [128, 2], b: [256, 2], transposeA: false, transposeB: true },
  { name: 'head weight grad', a: [128, 256], b: [128, 2], transposeA: true, transposeB: false },
  { name: 'dec1 forward 2→256', a: [128, 2], b: [2, 256], transposeA: false, transposeB: false },
  { name: 'dec1 weight grad', a: [128, 2], b: [128, 256], transposeA: true, transposeB: false },
  { name: 'dec2 forward 256→512', a: [128, 256], b: [256, 512], transposeA: false, transposeB: false },
  { name: 'dec3 forward 512→784', a: [128, 512], b: [512, 784], transposeA: false, transposeB: false },
  { name: 'dec3 input grad dy·Wᵀ', a: [128, 784], b: [512, 784], transposeA: false, transposeB: true },
  { name: 'dec3 weight grad', a: [128, 512], b: [128, 784], transposeA: true, transposeB: false },
  { name: 'both transposed', a: [784, 128], b: [512, 784], transposeA: true, transposeB: true },
];

function timeProduct(c: ShapeCase): Timing {
  const a = tf.randomUniform(c.a, -1, 1, 'float32', 1);
  const b = tf.randomUniform(c.b, -1, 1, 'float32', 2);
  const t = measure(() => tf.matMul(a, b, c.transposeA, c.transposeB).dispose(), 20);
  tf.dispose([a, b]);
  return t;
}

function timePlainSteps(makeOptimizer: () => tf.Optimizer = () => tf.train.adam(1e-3)): Timing {
  const s = plainVaeStepper(makeOptimizer);
  const t = measure(s.step, steps);
  s.dispose();
  return t;
}

/** One optimizer update of all the VAE's weights (1.07 M values) from fixed gradients. */
function timeAdam(optimizer: tf.Optimizer): Timing {
  const net = createNetwork(DEFAULT_MODEL, 2);
  const grads = net.variables.map((v, i) => ({ name: v.name, tensor: tf.randomNormal(v.shape, 0, 0.01, 'float32', 7 + i) }));
  const t = measure(() => {
    optimizer.applyGradients(grads);
    net.variables[0].dataSync();
  }, steps);
  optimizer.dispose();
  tf.dispose(grads.map((g) => g.tensor));
  net.dispose();
  return t;
}

function timeSteps(): Timing {
  const net = createNetwork(DEFAULT_MODEL, 1);
  const trainer = new Trainer(net, DEFAULT_HYPER, 1);
  const x = tf.randomUniform([DEFAULT_HYPER.batchSize, DEFAULT_MODEL.inputDim], 0, 1, 'float32', 3) as tf.Tensor2D;
  const t = measure(() => {
    if (!trainer.step(x).ok) throw new Error('a training step gave a non-finite loss');
  }, steps);
  x.dispose();
  trainer.dispose();
  net.dispose();
  return t;
}

/** Stock vs fast timings of one case, with throughput in the unit that suits it. */
function compare(stock: Timing, fast: Timing, rate: (ms: number) => number, unit: string) {
  return {
    stock,
    fast,
    [`stock${unit}`]: round(rate(stock.ms), 1),
    [`fast${unit}`]: round(rate(fast.ms), 1),
    [`fast${unit}Cpu`]: round(rate(fast.cpuMs), 1),
    speedup: round(stock.ms / fast.ms, 2),
  };
}

async function main(): Promise<void> {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
  const register = async (): Promise<{ fma: boolean; threads: number; threadsReason?: string }> => {
    const r: FastMatMulRegistration = registerFastMatMul(tf, { threads, spawnWorker: (source) => new Worker(source, { eval: true }) });
    if (r.registered.length === 0) throw new Error(`fast matMul not registered: ${r.reason}`);
    return { fma: r.fma, threads: await r.threadsReady, ...(r.threadsReason ? { threadsReason: r.threadsReason } : {}) };
  };

  const stockProducts = CASES.map(timeProduct);
  const registration = await register();
  const fastProducts = CASES.map(timeProduct);
  const products = CASES.map((c, i) => {
    const flop = 2 * (c.transposeA ? c.a[1] : c.a[0]) * (c.transposeA ? c.a[0] : c.a[1]) * (c.transposeB ? c.b[0] : c.b[1]);
    return {
      name: c.name,
      shape: `${c.a.join('×')}${c.transposeA ? 'ᵀ' : ''} · ${c.b.join('×')}${c.transposeB ? 'ᵀ' : ''}`,
      ...compare(stockProducts[i], fastProducts[i], (ms) => flop / ms / 1e6, 'Gflops'),
    };
  });

  unregisterFastMatMul();
  const stockStep = timeSteps();
  const stockPlain = timePlainSteps();
  await register();
  const before = fastMatMulStats();
  const fastStep = timeSteps();
  const after = fastMatMulStats();
  const fastPlain = timePlainSteps();
  const stockAdam = timeAdam(tf.train.adam(1e-3));
  if (registerFusedAdam(tf).registered.length === 0) throw new Error('the fused Adam kernel did not register');
  const fusedAdam = timeAdam(new FusedAdamOptimizer(1e-3));
  const fusedPlain = timePlainSteps(() => new FusedAdamOptimizer(1e-3));
  unregisterFusedAdam(tf);
  const batch = DEFAULT_HYPER.batchSize;
  const imagesPerSec = (ms: number) => (batch * 1000) / ms;
  console.log(
    JSON.stringify(
      {
        node: process.version,
        ...registration,
        products,
        step: {
          note: 'src/model Trainer.step (its dense layers transpose explicitly before each gradient product)',
          model: `${DEFAULT_MODEL.kind} ${[DEFAULT_MODEL.inputDim, ...DEFAULT_MODEL.hidden, DEFAULT_MODEL.latentDim].join('-')}`,
          batch,
          ...compare(stockStep, fastStep, imagesPerSec, 'ImagesPerSec'),
          fastCallsPerStep: (after.fast - before.fast) / (steps + 5),
          stockCallsPerStep: (after.stock - before.stock) / (steps + 5),
        },
        plainStep: {
          note: 'the same VAE from plain ops with TF.js matMul gradients (transposed products) and tf.train.adam',
          ...compare(stockPlain, fastPlain, imagesPerSec, 'ImagesPerSec'),
        },
        plainStepFusedAdam: {
          note: 'plainStep with FusedAdamOptimizer: "stock" = fast matMul + tf.train.adam, "fast" = fast matMul + fused Adam',
          ...compare(fastPlain, fusedPlain, imagesPerSec, 'ImagesPerSec'),
        },
        adamUpdate: {
          note: 'applyGradients on the VAE weights: tf.train.adam vs FusedAdamOptimizer (wasm kernel)',
          ...compare(stockAdam, fusedAdam, (ms) => 1000 / ms, 'UpdatesPerSec'),
        },
      },
      null,
      2,
    ),
  );
  unregisterFastMatMul();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
