// One network being trained on one dataset: the network, its trainer, the batch order, and
// the step/epoch counters. Runs a chunk of steps; the worker decides when. Each step reads its
// loss before its update (a NaN keeps the weights): at once on WASM, WebGL and CPU, by an
// awaited read on WebGPU, whose synchronous read loses the device (src/model/readback.ts).

import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler } from '../data';
import { createNetwork, deriveSeed, Trainer, type Network } from '../model';
import type { Hyper, Metrics, NetworkWeights } from '../model/types';
import type { ChunkSeries, SessionConfig } from '../shared/protocol';
import type { TrainingData } from './trainingData';

/** Where a session starts: from fresh weights (step 0) or from saved ones. */
export interface SessionStart {
  step: number;
  epoch: number;
  weights: NetworkWeights;
}

export interface ChunkOutcome {
  series: ChunkSeries;
  steps: number;
  images: number;
  ms: number;
  /** The last step of the chunk completed an epoch. */
  epochEnded: boolean;
  /** The step whose loss was not finite (its update was not applied), if any. */
  nanAtStep: number | null;
  nanMetrics: Metrics | null;
}

export class TrainingSession {
  readonly config: SessionConfig;
  readonly data: TrainingData;
  readonly net: Network;
  readonly trainer: Trainer;
  step: number;
  epoch: number;
  epochProgress = 0;
  /** Throughput of the last chunk, repeated on messages posted between chunks. */
  lastImagesPerSec = 0;
  private readonly sampler: BatchSampler;
  /** Epochs completed before this session's sampler started (a resumed checkpoint's). */
  private readonly epochBase: number;

  constructor(config: SessionConfig, data: TrainingData, start?: SessionStart) {
    this.config = { ...config, hyper: { ...config.hyper } };
    this.data = data;
    this.net = createNetwork(config.model, config.seed);
    try {
      if (start) this.net.setWeights(start.weights);
      this.trainer = new Trainer(this.net, config.hyper, config.seed);
    } catch (err) {
      this.net.dispose();
      throw err;
    }
    this.step = start?.step ?? 0;
    this.epoch = start?.epoch ?? 0;
    // The ε draws follow the step count, so a resumed run continues the same random stream.
    this.trainer.stepCount = this.step;
    this.epochBase = this.epoch;
    this.sampler = new BatchSampler(data.trainCount, config.hyper.batchSize, deriveSeed(config.seed, 0xba7c, this.epochBase));
  }

  get hyper(): Hyper {
    return this.trainer.hyper;
  }

  /** Applies from the next step; a new batch size keeps the place in the epoch. */
  setHyper(hyper: Partial<Hyper>): void {
    this.trainer.setHyper(hyper);
    this.config.hyper = this.trainer.hyper;
    this.sampler.setBatchSize(this.config.hyper.batchSize);
  }

  async runChunk(steps: number): Promise<ChunkOutcome> {
    const series: ChunkSeries = { firstStep: this.step, elbo: [], recon: [], kl: [], objective: [] };
    const startEpoch = this.epoch;
    let images = 0;
    let nanAtStep: number | null = null;
    let nanMetrics: Metrics | null = null;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      const batch = this.sampler.next();
      const x = this.data.batch(batch.indices);
      let result;
      try {
        result = await this.trainer.stepAsync(x);
      } finally {
        x.dispose();
      }
      // epoch counts completed passes; a batch that ends one leaves the next at 0 %.
      this.epoch = this.epochBase + this.sampler.epoch;
      this.epochProgress = batch.epochProgress >= 1 ? 0 : batch.epochProgress;
      if (!result.ok) {
        nanAtStep = this.step;
        nanMetrics = result.metrics;
        break;
      }
      const m = result.metrics;
      series.elbo.push(m.elbo);
      series.recon.push(m.recon);
      series.kl.push(m.kl);
      series.objective.push(m.objective);
      images += batch.indices.length;
      this.step++;
    }
    const ms = performance.now() - t0;
    if (images > 0 && ms > 0) this.lastImagesPerSec = (images * 1000) / ms;
    return { series, steps: series.elbo.length, images, ms, epochEnded: this.epoch > startEpoch, nanAtStep, nanMetrics };
  }

  logpx(K: number, onProgress: (done: number, total: number) => void): Promise<{ logpx: number; elbo: number }> {
    return this.trainer.logpx(this.data.subsetX, K, onProgress);
  }

  /** The trainer and network; the data belongs to the worker, which may reuse it. */
  dispose(): void {
    this.trainer.dispose();
    this.net.dispose();
  }
}

/** Tensors alive now: flat across chunks when nothing leaks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

/** Bytes held by live tensors: flat when nothing leaks. */
export function liveBytes(): number {
  return tf.memory().numBytes;
}
