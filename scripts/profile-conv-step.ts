// Where the conv VAE's training step goes on WASM with our kernels (the CLI's set, one thread unless told): per
// kernel and input shapes, ms per step (median of tf.profile over the steps), then an unprofiled
// step's wall and CPU time and the load average.
//
//   node --import tsx scripts/profile-conv-step.ts [steps] [threads]

import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '../src/model/registerGradientsNode';
import { kernelAccelerators } from '../src/kernels/accelerators';
import { createNetwork, DEFAULT_HYPER, DEFAULT_MODEL, Trainer } from '../src/model';
import { plugAccelerators } from '../src/model/accelerators';
import { unregisterFastMatMul } from '../src/kernels/registerFastMatMul';
import { registerWasmKernels } from '../src/kernels/wasmKernels';
import { mnistTrainBatches } from './mnistBatches';
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
await tf.setBackend('wasm');
const kernels = registerWasmKernels(tf, { threads: Number(process.argv[3] ?? 1), spawnWorker: (source) => new Worker(source, { eval: true }) });
await kernels.matMul.threadsReady;
plugAccelerators({ ...kernelAccelerators, transposedProducts: kernels.transposedProducts });
const net = createNetwork({ ...DEFAULT_MODEL, arch: 'conv' }, 1);
const trainer = new Trainer(net, { ...DEFAULT_HYPER, batchSize: 128 }, 1);
const next = await mnistTrainBatches(128, 1);
const batches = Array.from({ length: 8 }, () => next());
let turn = 0;
for (let i = 0; i < 3; i++) trainer.step(batches[turn++ % 8]);
const steps = Number(process.argv[2] ?? 8);
const per = new Map<string, number[]>();
for (let s = 0; s < steps; s++) {
  const info = await tf.profile(() => { trainer.step(batches[turn++ % 8]); });
  const m = new Map<string, number>();
  for (const k of info.kernels) {
    if (k.name === 'unnamed scope') continue;
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    m.set(key, (m.get(key) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0));
  }
  for (const [k, v] of m) { const a = per.get(k) ?? []; a.push(v); per.set(k, a); }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [...per].map(([k, v]) => [k, med(v)] as const).sort((a, b) => b[1] - a[1]);
let tot = 0; for (const [, v] of rows) tot += v;
for (const [k, v] of rows.slice(0, 30)) console.log(v.toFixed(2).padStart(8), k.slice(0, 150));
const wall: number[] = []; const cpu: number[] = [];
for (let s = 0; s < steps; s++) { const c0 = process.cpuUsage(); const t0 = performance.now(); trainer.step(batches[turn++ % 8]); wall.push(performance.now() - t0); const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000); }
console.log(`kernels total ${tot.toFixed(1)} ms; unprofiled step wall ${med(wall).toFixed(1)} cpu ${med(cpu).toFixed(1)} ms; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
unregisterFastMatMul();
