// Node CLI: trains with the same src/model and src/data code as the app and writes a checkpoint
// the app can load. `npm run train -- --help` lists the flags.

import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BatchSampler, toFloat32 } from '../src/data';
import { createNetwork, serializeCheckpoint, Trainer } from '../src/model';
import { datasetInputProblem } from '../src/model/config';
import '../src/model/registerGradientsNode';
import { availableParallelism } from 'node:os';
import { MAX_THREADS, setFastMatMulThreads, unregisterFastMatMul } from '../src/kernels/registerFastMatMul';
import { registerWasmKernels } from '../src/kernels/wasmKernels';
import { kernelAccelerators } from '../src/kernels/accelerators';
import { plugAccelerators } from '../src/model/accelerators';
import { timeSteps } from '../src/workers/backendProbe';
import { probeThreads, threadCandidates } from '../src/workers/backendThreads';
import { openModel } from './modelFiles';
import { commandLine, parseTrainArgs, USAGE, type CliBackend } from './cliArgs';
import { CliDataError, loadCliData, type CliData } from './cliData';
import { trainEpoch } from './trainEpoch';
import { runSweepCli } from './sweep';

// Fused multiply-add in WASM SIMD (Chromium has it on by default; Node 20 behind this flag).
setFlagsFromString('--experimental-wasm-relaxed-simd');

const log = (msg: string) => process.stderr.write(`${msg}\n`);

function usageError(message: string): never {
  process.stderr.write(`error: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const spawnWorker = (source: string) => new Worker(source, { eval: true });

/**
 * Our WASM kernels (src/kernels/wasmKernels.ts) registered into TF.js: the same model code,
 * faster kernels. The matrix product runs on `threads` threads, or with 'auto' on the count that
 * trains the default model fastest here (the app's probe rule, backendThreads.ts). Returns what
 * it did, and the thread count in use.
 */
async function useFastWasmKernels(threads: number | 'auto'): Promise<{ text: string; threads: number }> {
  const { registered, reasons, matMul, transposedProducts } = registerWasmKernels(tf, { threads: 1, spawnWorker });
  plugAccelerators({ ...kernelAccelerators, transposedProducts });
  if (registered.length === 0) return { text: `stock kernels: ${reasons.join('; ')}`, threads: 1 };
  let how: string;
  let inUse: number;
  if (threads === 'auto') {
    const cores = availableParallelism();
    const r = await probeThreads(threadCandidates(cores, MAX_THREADS), (n) => setFastMatMulThreads(n), () => timeSteps('wasm').imagesPerSec ?? 0, (n) =>
      log(`--threads auto: timing ${n} thread(s) of ${cores} cores`),
    );
    const trials = r.trials.map((t) => `${t.threads}: ${t.imagesPerSec === null ? `failed (${t.reason})` : `${t.imagesPerSec} img/s`}`).join(', ');
    inUse = r.threads;
    how = `${inUse} thread(s), measured fastest of ${cores} cores (${trials})`;
  } else {
    const set = await setFastMatMulThreads(threads);
    inUse = set.threads;
    how = `${inUse} thread(s)${set.reason ? ` (${set.reason})` : ''}`;
  }
  return { text: `fast kernels: ${registered.join(', ')}${matMul.fma ? ' with FMA' : ''}, ${how}`, threads: inUse };
}

/** WASM (SIMD) when it starts, the plain-JS CPU backend otherwise. */
async function startBackend(wanted: CliBackend, threads: number | 'auto', stockKernels: boolean): Promise<{ backend: string; threads: number }> {
  if (wanted === 'wasm') {
    try {
      // In Node the .wasm files are read from the package's dist folder.
      setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
      if (await tf.setBackend('wasm')) {
        const kernels = stockKernels ? { text: "TF.js's stock kernels (--stock-kernels)", threads: 1 } : await useFastWasmKernels(threads);
        log(kernels.text);
        return { backend: 'wasm', threads: kernels.threads };
      }
      log('wasm backend did not start; falling back to cpu');
    } catch (e) {
      log(`wasm backend failed (${(e as Error).message}); falling back to cpu`);
    }
  }
  await tf.setBackend('cpu');
  return { backend: 'cpu', threads: 1 };
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseTrainArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (parsed.kind === 'error') usageError(parsed.message);
  const args = parsed.args;
  // --init: the model (and so the architecture and dataset) from a file, imported like the app's Open model….
  const init = args.init ? openModel([args.init]).checkpoint : null;
  if (init) {
    if (init.dataset !== 'mnist' && init.dataset !== 'fashion' && init.dataset !== 'shapes') usageError(`--init: the model was trained on "${init.dataset}", which the CLI does not have`);
    const mismatch = datasetInputProblem(init.dataset, init.config.inputDim);
    if (mismatch) usageError(`--init: ${mismatch}`);
    Object.assign(args, { dataset: init.dataset, config: init.config });
  }

  if (args.threadsNote) log(`note: ${args.threadsNote}`);
  if (args.hiddenNote) log(`note: ${args.hiddenNote}`);
  const { backend, threads } = await startBackend(args.backend, args.threads, args.stockKernels);
  let data: CliData;
  try {
    data = await loadCliData(args, log);
  } catch (e) {
    if (e instanceof CliDataError) usageError(e.message);
    throw e;
  }
  const test = data.test;
  const DIM = args.config.inputDim;
  if (data.dim !== DIM) throw new Error(`${args.dataset} images have ${data.dim} pixels but the model takes ${DIM}`);
  const xTest = tf.tensor2d(toFloat32(test.pixels, null, DIM), [test.count, DIM]);
  log(`${args.dataset}: ${data.trainCount} train / ${test.count} test images · backend ${backend} · ` +
    (args.config.arch === 'conv'
      ? `${args.config.kind}, conv (Keras example's layers), latent ${args.config.latentDim}`
      : `${args.config.kind} ${[DIM, ...args.config.hidden, args.config.latentDim].join('-')}`));

  if (args.sweepBeta) {
    runSweepCli(args, args.sweepBeta, data, xTest, log);
    xTest.dispose();
    unregisterFastMatMul();
    return;
  }
  mkdirSync(args.out, { recursive: true });
  const metricsFile = join(args.out, 'metrics.jsonl');
  writeFileSync(metricsFile, '');
  const net = createNetwork(args.config, args.seed);
  if (init) net.setWeights(init.weights);
  const trainer = new Trainer(net, args.hyper, args.seed);
  trainer.stepCount = init?.step ?? 0;
  const sampler = new BatchSampler(data.trainCount, args.hyper.batchSize, args.seed);
  const run = { net, trainer, sampler, data, xTest, hyper: args.hyper, backend, threads, log };
  const history: object[] = [];

  for (let epoch = 1; epoch <= args.epochs; epoch++) {
    const { line, testMetrics } = trainEpoch(run, epoch);
    history.push(line);
    process.stdout.write(`${JSON.stringify(line)}\n`);
    appendFileSync(metricsFile, `${JSON.stringify(line)}\n`);
    // Written every epoch, so an interrupted run keeps its last finished epoch.
    const checkpoint = serializeCheckpoint(
      {
        format: 'vae-playground',
        version: 1,
        dataset: args.dataset,
        config: args.config,
        hyper: args.hyper,
        seed: args.seed,
        step: trainer.stepCount,
        epoch: (init?.epoch ?? 0) + epoch,
        createdAt: new Date().toISOString(),
        command: commandLine(process.argv.slice(2)),
        history: { epochs: history },
        testMetrics,
        weights: net.getWeights(),
      },
      { float16: args.float16 },
    );
    writeFileSync(join(args.out, 'checkpoint.vaeckpt'), new Uint8Array(checkpoint));
  }
  log(`wrote ${join(args.out, 'checkpoint.vaeckpt')} and ${metricsFile}`);
  xTest.dispose();
  trainer.dispose();
  net.dispose();
  // Stops the matrix product's helper thread, which would otherwise keep Node alive.
  unregisterFastMatMul();
}

main(process.argv.slice(2)).catch((e: unknown) => {
  log(`train: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
