// `--sweep-beta`: one VAE per β, each from the same seed (the same first weights), on the same
// batches in the same order, for the same number of steps, so the only difference between two
// lines is β. Each model's line is its point in the rate–distortion plane (Alemi et al. 2018):
// rate R = the test KL, distortion D = the test reconstruction term, −ELBO = R + D (nats per
// image, math.md's scale), and on Shapes its MIG (src/model/latentEval.ts).

import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler } from '../src/data';
import { createNetwork, Trainer, type Hyper, type ModelConfig } from '../src/model';
import { latentFields } from '../src/model/latentEval';
import type { CliData } from './cliData';
import type { TrainArgs } from './cliArgs';

export interface SweepRun {
  config: ModelConfig;
  /** β is replaced by each value of the sweep. */
  hyper: Hyper;
  seed: number;
  /** Training steps per model. */
  steps: number;
  data: CliData;
  /** data.test's images as floats. */
  xTest: tf.Tensor2D;
  log: (msg: string) => void;
  /** Sees every batch each model trains on (the sweep's test checks they are the same). */
  onBatch?: (model: number, step: number, indices: Int32Array) => void;
}

export interface SweepLine {
  beta: number;
  /** Steps trained (the budget). */
  step: number;
  /** Rate R: the test KL, nats per image. */
  rate: number;
  /** Distortion D: the test reconstruction term, nats per image. */
  distortion: number;
  /** −ELBO = R + D on the test images. */
  negElbo: number;
  /** The minimised objective on the test images: D + β·R. */
  objective: number;
  /** Steps whose loss was not finite (the trainer skipped their update). */
  skippedSteps?: number;
  seconds: number;
  [field: string]: unknown;
}

/** The step budget of `epochs` passes over `trainCount` images at this batch size. */
export function stepsOfEpochs(epochs: number, trainCount: number, batchSize: number): number {
  return epochs * Math.ceil(trainCount / batchSize);
}

/** Trains one model per β in turn; calls `onLine` with each model's line as it finishes. */
export function sweepBeta(values: readonly number[], run: SweepRun, onLine: (line: SweepLine) => void): void {
  values.forEach((beta, model) => {
    const started = performance.now();
    const hyper: Hyper = { ...run.hyper, beta };
    // Same seed: the same first weights, the same batches in the same order, the same ε draws.
    const net = createNetwork(run.config, run.seed);
    const trainer = new Trainer(net, hyper, run.seed);
    const sampler = new BatchSampler(run.data.trainCount, hyper.batchSize, run.seed);
    let skipped = 0;
    try {
      for (let step = 0; step < run.steps; step++) {
        const batch = sampler.next();
        run.onBatch?.(model, step, batch.indices);
        const x = tf.tensor2d(run.data.trainBatch(batch.indices), [batch.indices.length, run.data.dim]);
        const r = trainer.step(x);
        x.dispose();
        if (!r.ok) skipped++;
      }
      const test = trainer.evaluate(run.xTest);
      const { klPerDim: _perDim, ...latents } = latentFields(net, run.xTest, run.data.factors);
      const line: SweepLine = {
        beta,
        step: run.steps,
        rate: test.kl,
        distortion: test.recon,
        negElbo: -test.elbo,
        objective: test.objective,
        ...latents,
        ...(skipped > 0 ? { skippedSteps: skipped } : {}),
        seconds: +((performance.now() - started) / 1000).toFixed(1),
      };
      run.log(`β = ${beta}: R ${line.rate.toFixed(2)}, D ${line.distortion.toFixed(2)}, −ELBO ${line.negElbo.toFixed(2)} (model ${model + 1} of ${values.length})`);
      onLine(line);
    } finally {
      trainer.dispose();
      net.dispose();
    }
  });
}

/** The CLI's sweep (train.ts): one JSON line per β on stdout, in the order given. */
export function runSweepCli(args: TrainArgs, values: readonly number[], data: CliData, xTest: tf.Tensor2D, log: (msg: string) => void): void {
  const steps = args.steps ?? stepsOfEpochs(args.epochs, data.trainCount, args.hyper.batchSize);
  log(`sweep: β ∈ {${values.join(', ')}}, ${steps.toLocaleString('en-US')} steps each, seed ${args.seed}`);
  sweepBeta(values, { config: args.config, hyper: args.hyper, seed: args.seed, steps, data, xTest, log }, (line) =>
    process.stdout.write(`${JSON.stringify(line)}\n`),
  );
}
