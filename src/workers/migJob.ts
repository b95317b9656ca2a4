// MIG in the training worker (src/model/latentEval.ts, as the CLI computes it): the latent means
// of the whole evaluation set, encoded in slices like a snapshot, then the latent × factor mutual
// information. Run after each epoch, and at once on request (measureDisentanglement). A dataset
// without known factors, or a latent dimension of 1, answers at once with a note.

import * as tf from '@tensorflow/tfjs-core';
import { migReport } from '../model/latentEval';
import { settled } from '../model/readback';
import type { DisentanglementSnapshot, FromTrainer } from '../shared/protocol';
import type { ExtraJob, Outgoing } from './extraJobs';
import type { TrainingSession } from './trainingSession';

/** The message for latent means already at hand (a full snapshot's): nothing more is encoded. */
export function disentanglementOf(session: TrainingSession, step: number, mu: Float32Array): DisentanglementSnapshot {
  const factors = session.data.factors;
  return { step, ...(factors ? migReport(mu, session.net.config.latentDim, factors.columns, factors.names) : migReport(mu, session.net.config.latentDim, null)) };
}

export class MigJob implements ExtraJob {
  readonly kind = 'mig';
  readonly step: number;
  private readonly session: TrainingSession;
  /** Images to encode: the whole test set, or none when MIG is not defined here. */
  readonly rows: number;
  private readonly mu: Float32Array;
  private done = 0;

  constructor(session: TrainingSession) {
    this.session = session;
    this.step = session.step;
    const defined = session.data.factors !== null && session.net.config.latentDim >= 2;
    this.rows = defined ? session.data.test.count : 0;
    this.mu = new Float32Array(this.rows * session.net.config.latentDim);
  }

  get rowsDone(): number {
    return this.done;
  }

  async advance(rows: number): Promise<boolean> {
    const { net, data } = this.session;
    const n = Math.min(rows, this.rows - this.done);
    if (n <= 0) return true;
    const mu = tf.tidy(() => net.encode(tf.slice(data.testX, [this.done, 0], [n, -1])).mu);
    try {
      await settled([mu]);
      this.mu.set(mu.dataSync(), this.done * net.config.latentDim);
    } finally {
      mu.dispose();
    }
    this.done += n;
    return this.done >= this.rows;
  }

  async finish(): Promise<Array<Outgoing<FromTrainer>>> {
    return [{ msg: { type: 'disentanglement', ...disentanglementOf(this.session, this.step, this.mu) }, transfer: [] }];
  }
}
