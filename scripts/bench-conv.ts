// Stock vs our TF.js WASM convolution kernels for the conv VAE's layers (src/kernels/convCases.ts).
// Run: node --import tsx scripts/bench-conv.ts [--threads N] [--reps N] [--side 28|32] [--batch N]
// Prints one JSON object: per layer and kernel the median wall time after warm-up, the median
// CPU time of this process (robust when other processes share the cores; with helper threads
// it adds their time too) and stock ÷ ours; then one training step's convolutions (forward and
// tf.grads of the five layers chained) with each set. Reports the load average beside them.

import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '../src/model/registerGradientsNode';
import { registerConvBackpropFilter } from '../src/kernels/convBackpropFilter';
import { layerOutput, VAE_LAYERS, type ConvLayer } from '../src/kernels/convCases';
import { registerConvKernels, unregisterConvKernels } from '../src/kernels/convKernels';
import { registerFastMatMul, unregisterFastMatMul } from '../src/kernels/registerFastMatMul';
import { timeRuns } from './bench/cpuTiming';

const argv = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? Number(argv[i + 1]) : fallback;
};
const threads = numberArg('--threads', 1);
const reps = numberArg('--reps', 10);
const side = numberArg('--side', 28);
const batch = numberArg('--batch', 128);
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const load = () => loadavg().map((l) => round(l));

interface Timing {
  ms: number;
  cpuMs: number;
}

function measure(once: () => void, n = reps, warmup = 2): Timing {
  const { wall, cpu } = timeRuns(once, n, warmup);
  return { ms: round(median(wall)), cpuMs: round(median(cpu)) };
}

/** Values in [−1, 1] with a share `zeros` of zeros (an image's blank pixels, a ReLU's zeros). */
function sparseUniform(shape: number[], zeros: number, seed: number): tf.Tensor {
  return tf.tidy(() => {
    const v = tf.randomUniform(shape, -1, 1, 'float32', seed);
    return tf.mul(v, tf.cast(tf.greater(tf.randomUniform(shape, 0, 1, 'float32', seed + 1), zeros), 'float32'));
  });
}

/** The underlying convolution of a layer: x (the conv's input), the filter, dy (the conv's output). */
function operands(l: ConvLayer, seed: number) {
  const conv = l.kind === 'conv';
  const xShape = [batch, ...(conv ? l.input : layerOutput(l))];
  const yShape = [batch, ...(conv ? layerOutput(l) : l.input)];
  return {
    x: sparseUniform(xShape, conv ? l.inputZeros : 0, seed),
    filter: tf.randomUniform(l.filter, -0.3, 0.3, 'float32', seed + 2),
    dy: sparseUniform(yShape, conv ? 0 : l.inputZeros, seed + 3),
    xShape,
    attrs: { strides: [l.stride, l.stride], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] },
  };
}

function timeKernels(l: ConvLayer, seed: number): Record<string, Timing> {
  const o = operands(l, seed);
  const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) => () => (tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor).dispose();
  const t = {
    Conv2D: measure(run('Conv2D', { x: o.x, filter: o.filter }, o.attrs)),
    Conv2DBackpropInput: measure(run('Conv2DBackpropInput', { dy: o.dy, filter: o.filter }, { ...o.attrs, inputShape: o.xShape })),
    Conv2DBackpropFilter: measure(run('Conv2DBackpropFilter', { x: o.x, dy: o.dy }, { ...o.attrs, filterShape: l.filter })),
  };
  tf.dispose([o.x, o.filter, o.dy]);
  return t;
}

/** Forward and tf.grads (input of layer 2 on, every filter) of the five layers chained with ReLUs. */
function timeChain(layers: ConvLayer[]): Timing {
  const x = sparseUniform([batch, ...layers[0].input], layers[0].inputZeros, 9);
  const ws = layers.map((l, i) => tf.randomUniform(l.filter, -0.3, 0.3, 'float32', 20 + i));
  const f = (...w: tf.Tensor[]) => {
    let h = x as tf.Tensor4D;
    layers.forEach((l, i) => {
      const s: [number, number] = [l.stride, l.stride];
      const f4 = w[i] as tf.Tensor4D;
      h = l.kind === 'conv' ? tf.conv2d(h, f4, s, 'same') : tf.conv2dTranspose(h, f4, [batch, ...layerOutput(l)], s, 'same');
      if (i < layers.length - 1) h = tf.relu(h);
    });
    return tf.mean(tf.square(h));
  };
  const t = measure(() => {
    const grads = tf.grads(f)(ws);
    grads[grads.length - 1].dataSync();
    tf.dispose(grads);
  });
  tf.dispose([x, ...ws]);
  return t;
}

async function main(): Promise<void> {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
  const mm = registerFastMatMul(tf, { threads, spawnWorker: (source) => new Worker(source, { eval: true }) });
  if (mm.registered.length === 0) throw new Error(`fast matMul not registered: ${mm.reason}`);
  const threadsInUse = await mm.threadsReady;
  registerConvBackpropFilter(tf);
  const layers = VAE_LAYERS.filter((l) => l.name.endsWith(`(${side})`));
  const loadBefore = load();

  const stock = layers.map((l, i) => timeKernels(l, 10 * i));
  const stockChain = timeChain(layers);
  registerConvKernels(tf, { Conv2D: () => true, Conv2DBackpropInput: () => true });
  const ours = layers.map((l, i) => timeKernels(l, 10 * i));
  const oursChain = timeChain(layers);
  unregisterConvKernels();
  registerConvKernels(tf);
  const routedChain = timeChain(layers);
  unregisterConvKernels();
  // Stops the helper threads, which would keep the process alive.
  unregisterFastMatMul();

  const ratio = (s: Timing, o: Timing) => ({ stock: s, ours: o, stockOverOursWall: round(s.ms / o.ms), stockOverOursCpu: round(s.cpuMs / o.cpuMs) });
  console.log(
    JSON.stringify(
      {
        node: process.version,
        fma: mm.fma,
        threads: threadsInUse,
        batch,
        side,
        loadBefore,
        layers: layers.map((l, i) => ({
          layer: l.name,
          Conv2D: ratio(stock[i].Conv2D, ours[i].Conv2D),
          Conv2DBackpropInput: ratio(stock[i].Conv2DBackpropInput, ours[i].Conv2DBackpropInput),
          Conv2DBackpropFilterOurs: ours[i].Conv2DBackpropFilter,
        })),
        chain: {
          note: 'forward + tf.grads of the five convolutions chained (filter gradients ours in all three)',
          stockConv: stockChain,
          oursEverywhere: oursChain,
          oursWhereRouted: routedChain,
          stockOverOursWall: round(stockChain.ms / oursChain.ms),
          imagesPerSecOurs: round((batch * 1000) / oursChain.ms, 1),
        },
        loadAfter: load(),
      },
      null,
      2,
    ),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
