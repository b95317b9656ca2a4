// Work that is not a training step, cut into slices of rows: a test pass and a snapshot
// (latent codes of the whole test set, then reconstructions and weights). The worker runs one
// slice at a time and handles messages in between, so a latent pass over 10,000 images on a
// slow backend cannot make the page wait seconds for a pause. Training waits while a job
// runs, so every slice of one job sees the same weights. Reads are awaited: on WebGPU a
// synchronous read loses the device (src/model/readback.ts); elsewhere the await costs nothing.

import * as tf from '@tensorflow/tfjs-core';
import type { Metrics } from '../model/types';
import type { FromTrainer, TestMetrics } from '../shared/protocol';
import { liveTensors, type TrainingSession } from './trainingSession';
import { weightBuffers } from '../shared/transfer';
import { settled } from '../model/readback';
import { disentanglementOf } from './migJob';
import { factorRows } from './trainingData';

export type JobKind = 'test' | 'snapshot' | 'mig';

/** A message ready to post, with the buffers it hands over. */
export interface Outgoing<M> {
  msg: M;
  transfer: Transferable[];
}

export interface ExtraJob {
  readonly kind: JobKind;
  /** Processes up to `rows` more images; true when the job is complete. */
  advance(rows: number): Promise<boolean>;
  /** The messages to post once complete. */
  finish(): Promise<Array<Outgoing<FromTrainer>>>;
}

/** Test metrics over the subset or the full test set, as a weighted mean over slices. */
export class TestJob implements ExtraJob {
  readonly kind = 'test';
  private readonly session: TrainingSession;
  private readonly full: boolean;
  private readonly x: tf.Tensor2D;
  private done = 0;
  private readonly sums: Metrics = { elbo: 0, recon: 0, kl: 0, objective: 0 };

  constructor(session: TrainingSession, full: boolean) {
    this.session = session;
    this.full = full;
    this.x = full ? session.data.testX : session.data.subsetX;
  }

  get rows(): number {
    return this.x.shape[0];
  }

  get rowsDone(): number {
    return this.done;
  }

  async advance(rows: number): Promise<boolean> {
    const total = this.rows;
    const n = Math.min(rows, total - this.done);
    const part = tf.slice(this.x, [this.done, 0], [n, -1]);
    try {
      const m = await this.session.trainer.evaluateAsync(part, n);
      for (const k of ['elbo', 'recon', 'kl', 'objective'] as const) this.sums[k] += m[k] * n;
    } finally {
      part.dispose();
    }
    this.done += n;
    return this.done >= total;
  }

  result(): TestMetrics {
    const n = this.done;
    const s = this.sums;
    return { elbo: s.elbo / n, recon: s.recon / n, kl: s.kl / n, objective: s.objective / n, full: this.full, count: n };
  }

  /** A test point between chunks travels as a metrics message with an empty train series. */
  async finish(): Promise<Array<Outgoing<FromTrainer>>> {
    const s = this.session;
    const msg: FromTrainer = {
      type: 'metrics',
      step: s.step,
      epoch: s.epoch,
      epochProgress: s.epochProgress,
      train: { firstStep: s.step, elbo: [], recon: [], kl: [], objective: [] },
      test: this.result(),
      imagesPerSec: s.lastImagesPerSec,
      numTensors: liveTensors(),
    };
    return [{ msg, transfer: [] }];
  }
}

/**
 * Test images encoded by the snapshots taken while training runs: the first 2,000 (a prefix,
 * so point i is still test image i; both test sets are shuffled, so a prefix is a fair sample).
 * Encoding all 10,000 costs as much as ≈ 13 training steps (≈ 1.2–2.4 s on WASM in Chromium
 * here), which would allow a fresh plot only every 5–10 s within the extras' time budget;
 * 2,000 refresh every couple of seconds. Snapshots owed to an event (pause, step, reset,
 * load) encode the whole test set.
 */
export const PREVIEW_POINTS = 2000;

/** μ and log σ² of the first `count` test images, then the reconstruction strip and a copy of the weights. */
export class SnapshotJob implements ExtraJob {
  readonly kind = 'snapshot';
  readonly step: number;
  private readonly session: TrainingSession;
  private readonly count: number;
  private readonly mu: Float32Array;
  private readonly logvar: Float32Array | null;
  private done = 0;

  constructor(session: TrainingSession, count: number) {
    this.session = session;
    this.step = session.step;
    this.count = Math.min(count, session.data.test.count);
    const size = this.count * session.net.config.latentDim;
    this.mu = new Float32Array(size);
    this.logvar = session.net.config.kind === 'vae' ? new Float32Array(size) : null;
  }

  async advance(rows: number): Promise<boolean> {
    const { net, data } = this.session;
    const count = this.count;
    const n = Math.min(rows, count - this.done);
    const codes = tf.tidy(() => {
      const q = net.encode(tf.slice(data.testX, [this.done, 0], [n, -1]));
      return q.logvar ? [q.mu, q.logvar] : [q.mu];
    });
    try {
      await settled(codes);
      const dim = net.config.latentDim;
      this.mu.set(codes[0]!.dataSync(), this.done * dim);
      if (this.logvar && codes[1]) this.logvar.set(codes[1].dataSync(), this.done * dim);
    } finally {
      tf.dispose(codes);
    }
    this.done += n;
    return this.done >= count;
  }

  async finish(): Promise<Array<Outgoing<FromTrainer>>> {
    const s = this.session;
    const { config } = s.net;
    const recon = await this.recon();
    await settled(s.net.variables);
    const labels = s.data.test.labels.slice(0, this.count);
    const table = s.data.factors;
    const factors = table ? { names: table.names, sizes: table.sizes, values: factorRows(table, this.count) } : undefined;
    // The whole evaluation set's codes are MIG's input: a full snapshot of Shapes scores it too (before μ travels).
    const whole = table !== null && this.count === s.data.test.count;
    const mig: Array<Outgoing<FromTrainer>> = whole ? [{ msg: { type: 'disentanglement', ...disentanglementOf(s, this.step, this.mu) }, transfer: [] }] : [];
    const latent: FromTrainer = {
      type: 'latent',
      step: this.step,
      kind: config.kind,
      dim: config.latentDim,
      count: this.count,
      mu: this.mu,
      logvar: this.logvar,
      labels,
      ...(factors ? { factors } : {}),
    };
    const transfer: Transferable[] = [this.mu.buffer, labels.buffer];
    if (this.logvar) transfer.push(this.logvar.buffer);
    if (factors) transfer.push(factors.values.buffer);
    const weights = s.net.getWeights();
    return [
      ...mig,
      { msg: latent, transfer },
      recon,
      { msg: { type: 'weights', step: this.step, weights }, transfer: weightBuffers(weights) },
    ];
  }

  /** The 8 fixed test images and their mean reconstructions sigmoid(decode(μ)). */
  private async recon(): Promise<Outgoing<FromTrainer>> {
    const { net, data } = this.session;
    const decoded = tf.tidy(() => tf.sigmoid(net.decode(net.encode(data.reconX).mu)));
    let outputs: Float32Array;
    try {
      await settled([decoded]);
      outputs = new Float32Array(decoded.dataSync());
    } finally {
      decoded.dispose();
    }
    const inputs = data.reconInputs.slice();
    const count = data.reconX.shape[0];
    return { msg: { type: 'recon', step: this.step, count, inputs, outputs }, transfer: [inputs.buffer, outputs.buffer] };
  }
}
