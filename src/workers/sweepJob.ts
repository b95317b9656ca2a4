// A β sweep in the training worker: one VAE per β value, one after another, each from the
// primary's config with that β, the same seed (so the same first weights, the same batches in the
// same order, the same ε draws: a fresh TrainingSession of the same seed), for the same number of
// steps; then a test pass over the whole test set (rate R = KL, distortion D = reconstruction,
// −ELBO = R + D) and, on Shapes, MIG. The controller runs it one chunk or one slice at a time
// between messages, like training (trainerController.ts), so pause, resume and cancel take effect
// within a chunk. Each finished model leaves as plain arrays (transferred to the page, which keeps
// it within its bound: src/client/sweepStore.ts); its tensors are freed before the next one starts.

import { settled } from '../model/readback';
import type { FromTrainer, SessionConfig, SweepProgress, TestMetrics } from '../shared/protocol';
import { weightBuffers } from '../shared/transfer';
import { nextChunkSize, nextSliceSize } from './chunkSchedule';
import { TestJob } from './extraJobs';
import { MigJob } from './migJob';
import type { TrainingData } from './trainingData';
import { TrainingSession } from './trainingSession';

type Post = (msg: FromTrainer, transfer?: Transferable[]) => void;

export interface SweepPlan {
  sweepId: number;
  values: readonly number[];
  /** Training steps of each model. */
  steps: number;
  /** The primary's config; each model takes it with its own β. */
  config: SessionConfig;
}

/** The config of the sweep's model with this β: the primary's, β aside. */
export function sweepConfig(config: SessionConfig, beta: number): SessionConfig {
  return { ...config, model: { ...config.model, hidden: [...config.model.hidden] }, hyper: { ...config.hyper, beta } };
}

export class SweepJob {
  readonly plan: SweepPlan;
  private readonly data: TrainingData;
  private readonly post: Post;
  private index = 0;
  private session: TrainingSession | null = null;
  private test: TestJob | null = null;
  private testResult: TestMetrics | null = null;
  private mig: MigJob | null = null;
  private chunkSteps = 1;
  private sliceRows = 500;
  private paused = false;
  private over = false;

  constructor(plan: SweepPlan, data: TrainingData, post: Post) {
    this.plan = plan;
    this.data = data;
    this.post = post;
  }

  /** Models remain and the sweep is not paused. */
  get hasWork(): boolean {
    return !this.over && !this.paused;
  }

  /** Trained, cancelled or failed: nothing more will come. */
  get finished(): boolean {
    return this.over;
  }

  /** Whether the sweep runs on this data (the worker's tensors; a new dataset or backend ends it). */
  usesData(data: TrainingData | null): boolean {
    return this.data === data;
  }

  pause(): void {
    if (this.over || this.paused) return;
    this.paused = true;
    this.report('paused');
  }

  resume(): void {
    if (this.over || !this.paused) return;
    this.paused = false;
    this.report(this.test || this.mig ? 'testing' : 'training');
  }

  /** Stops the sweep; the models finished before are already on the page. `note`: why, when the user did not ask. */
  cancel(note?: string): void {
    if (this.over) return;
    this.over = true;
    this.drop();
    this.report('cancelled', note);
  }

  /** One chunk of training, or one slice of the test pass (or MIG), of the current model. Rejects on failure (the caller cancels). */
  async advance(): Promise<void> {
    if (!this.hasWork) return;
    const beta = this.plan.values[this.index] as number;
    const session = (this.session ??= new TrainingSession(sweepConfig(this.plan.config, beta), this.data));
    if (session.step < this.plan.steps && !this.test) return this.trainChunk(session);
    if (!this.testResult) return this.testSlice(session);
    if (this.data.factors && session.net.config.latentDim >= 2) {
      this.mig ??= new MigJob(session);
      if (this.mig.rowsDone < this.mig.rows) {
        const t0 = performance.now();
        await this.mig.advance(this.sliceRows);
        this.sliceRows = nextSliceSize(this.sliceRows, performance.now() - t0);
        return;
      }
    }
    await this.finishModel(session, beta);
  }

  private async trainChunk(session: TrainingSession): Promise<void> {
    const planned = Math.min(this.chunkSteps, this.plan.steps - session.step);
    const out = await session.runChunk(planned);
    if (out.nanAtStep !== null) {
      // A diverged model has no point to show; the next β starts afresh.
      const beta = this.plan.values[this.index] as number;
      this.post({ type: 'error', code: 'nan', recoverable: true, message: `The β sweep's model β = ${beta} diverged (the loss became NaN at step ${out.nanAtStep}); it is left out and the sweep goes on.` });
      this.nextModel();
      return;
    }
    this.chunkSteps = nextChunkSize(planned, out.ms);
    this.report(session.step < this.plan.steps ? 'training' : 'testing');
  }

  private async testSlice(session: TrainingSession): Promise<void> {
    const job = (this.test ??= new TestJob(session, true));
    const t0 = performance.now();
    const done = await job.advance(this.sliceRows);
    this.sliceRows = nextSliceSize(this.sliceRows, performance.now() - t0);
    if (done) this.testResult = job.result();
  }

  private async finishModel(session: TrainingSession, beta: number): Promise<void> {
    let mig: number | null = null;
    if (this.mig) {
      const [out] = await this.mig.finish();
      if (out?.msg.type === 'disentanglement') mig = out.msg.mig;
    }
    await settled(session.net.variables);
    const weights = session.net.getWeights();
    const { sweepId } = this.plan;
    const test = this.testResult as TestMetrics;
    this.post(
      { type: 'sweepModel', sweepId, index: this.index, beta, step: session.step, config: session.config, test, mig, weights },
      weightBuffers(weights),
    );
    this.nextModel();
  }

  private nextModel(): void {
    this.drop();
    this.index++;
    if (this.index >= this.plan.values.length) {
      this.over = true;
      this.report('done');
    } else {
      this.report(this.paused ? 'paused' : 'training');
    }
  }

  /** Frees the current model's tensors. */
  private drop(): void {
    try {
      this.session?.dispose();
    } catch {
      // A lost WebGL context cannot free its textures; they went with the context.
    }
    this.session = null;
    this.test = null;
    this.testResult = null;
    this.mig = null;
  }

  private report(phase: SweepProgress['phase'], note?: string): void {
    const { sweepId, values, steps } = this.plan;
    const index = Math.min(this.index, values.length - 1);
    const step = phase === 'done' ? steps : (this.session?.step ?? 0);
    this.post({ type: 'sweep', sweepId, phase, index, of: values.length, step, steps, ...(note ? { note } : {}) });
  }
}
