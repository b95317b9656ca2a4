// One epoch of the CLI's training (scripts/train.ts): every batch of the sampler's epoch through
// the trainer, then the test set's metrics and the latent fields (src/model/latentEval.ts), as the JSON
// line the CLI prints. Kept apart from train.ts so a test runs the same path on a tiny model.

import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import type { BatchSampler } from '../src/data';
import { capacityAt, capacitySettings } from '../src/model/capacity';
import type { Hyper, Metrics, Network, Trainer } from '../src/model';
import type { CliData } from './cliData';
import { latentFields } from '../src/model/latentEval';

export interface EpochRun {
  net: Network;
  trainer: Trainer;
  sampler: BatchSampler;
  data: CliData;
  /** data.test's images as floats, held for the whole run. */
  xTest: tf.Tensor2D;
  hyper: Hyper;
  backend: string;
  threads: number;
  log: (msg: string) => void;
}

const terms = (m: Metrics) => ({ elbo: m.elbo, recon: m.recon, kl: m.kl });

/** Trains epoch `epoch` (1-based) to its end; the line to print and the test metrics for the checkpoint. */
export function trainEpoch(run: EpochRun, epoch: number): { line: Record<string, unknown>; testMetrics: Metrics } {
  const { trainer, sampler, data, hyper, log } = run;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const sum: Metrics = { elbo: 0, recon: 0, kl: 0, objective: 0 };
  let steps = 0;
  let skipped = 0;
  let lastLog = started;
  while (sampler.epoch < epoch) {
    const batch = sampler.next();
    const x = tf.tensor2d(data.trainBatch(batch.indices), [batch.indices.length, data.dim]);
    const r = trainer.step(x);
    x.dispose();
    if (!r.ok) {
      skipped++;
      continue;
    }
    steps++;
    for (const k of ['elbo', 'recon', 'kl', 'objective'] as const) sum[k] += r.metrics[k];
    const now = performance.now();
    if (now - lastLog > 5000) {
      lastLog = now;
      const imagesPerSec = (batch.epochProgress * data.trainCount) / ((now - started) / 1000);
      log(`epoch ${epoch} ${(batch.epochProgress * 100).toFixed(0)}% · train −ELBO ${(-sum.elbo / steps).toFixed(1)} · ${imagesPerSec.toFixed(0)} img/s`);
    }
  }
  if (steps === 0) throw new Error(`epoch ${epoch}: every step had a non-finite loss`);
  const trainSeconds = (performance.now() - started) / 1000;
  // CPU time of the whole process (every thread) over the same loop: robust to other work on the cores.
  const cpu = process.cpuUsage(cpuStart);
  const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const testMetrics = trainer.evaluate(run.xTest);
  const latents = latentFields(run.net, run.xTest, data.factors);
  const trainMean: Metrics = { elbo: sum.elbo / steps, recon: sum.recon / steps, kl: sum.kl / steps, objective: sum.objective / steps };
  const capacity = hyper.objective === 'capacity';
  const line = {
    epoch,
    step: trainer.stepCount,
    train: terms(trainMean),
    test: terms(testMetrics),
    // The minimised objective where it is not the −ELBO: β ≠ 1, or the capacity objective (with C at the epoch's end).
    ...(hyper.beta !== 1 || capacity
      ? { objective: { train: trainMean.objective, test: testMetrics.objective, ...(capacity ? { C: capacityAt(trainer.stepCount, capacitySettings(hyper)) } : {}) } }
      : {}),
    ...latents,
    ...(skipped > 0 ? { skippedSteps: skipped } : {}),
    imagesPerSec: Math.round(data.trainCount / trainSeconds),
    imagesPerCpuSec: Math.round(data.trainCount / trainCpuSeconds),
    msPerStep: +((trainSeconds * 1000) / (steps + skipped)).toFixed(1),
    backend: run.backend,
    threads: run.threads,
    hardwareConcurrency: availableParallelism(),
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  };
  return { line, testMetrics };
}
