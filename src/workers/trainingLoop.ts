// The pacing of one session's training: play/pause/step, chunk sizes, and the extra work
// (test passes, snapshots) that runs in slices between chunks within a time budget.

import { settled } from '../model/readback';
import type { Hyper } from '../model/types';
import { charge, EMPTY_LEDGER, extraDue, nextChunkSize, nextSliceSize, type Ledger } from './chunkSchedule';
import { PREVIEW_POINTS, SnapshotJob, TestJob, type ExtraJob, type JobKind } from './extraJobs';
import { MigJob } from './migJob';
import { weightsFinite } from '../shared/finiteWeights';
import type { FromTrainer, ModelTag } from '../shared/protocol';
import { liveBytes, liveTensors, type SessionStart, type TrainingSession } from './trainingSession';
import { ShaderWarmup } from './shaderWarmup';

type Post = (msg: FromTrainer, transfer?: Transferable[]) => void;

const WARMUP_LABEL: Record<JobKind, string> = {
  test: 'Compiling WebGL shaders for the test pass',
  snapshot: 'Compiling WebGL shaders for the latent codes',
  mig: 'Compiling WebGL shaders for MIG',
};

interface Queued {
  job: ExtraJob;
  /** Periodic extras are budgeted; what an event owes is not held against them. */
  periodic: boolean;
}

export class TrainingLoop {
  /** The last weights sent out, kept to resume on another backend if the WebGL context dies. */
  lastSnapshot: SessionStart | null = null;
  /** WebGL compiles shaders for each new shape of work: say so while it does (shaderWarmup.ts). */
  webgl = false;
  /**
   * Set by the owner: when a step's loss is not finite, puts back the last snapshot if the
   * weights themselves went bad (a finite-loss step can leave NaN in them); returns the step
   * restored, or null when the weights were fine and stay.
   */
  repair: (() => number | null) | null = null;
  private readonly post: Post;
  private readonly warmup: ShaderWarmup;
  private session: TrainingSession | null = null;
  private running = false;
  private pendingChunks = 0;
  private warm = false;
  private testOwed = false;
  private chunkSteps = 1;
  private readonly sliceRows: Record<JobKind, number> = { test: 250, snapshot: 500, mig: 500 };
  private jobs: Queued[] = [];
  private ledger: Ledger = EMPTY_LEDGER;
  private chunksSince: Record<JobKind, number> = { test: 0, snapshot: 0, mig: 0 };
  private published = { step: -1, count: 0 };

  /** Steps of the next chunk, set by Compare so Model B trains exactly as many steps as Model A did. */
  nextChunkSteps: number | null = null;
  /** Which model this loop trains (set by sessionHost.ts); its per-model messages say so. */
  tag: ModelTag = 'a';

  constructor(post: Post) {
    // Every per-model message says whose it is: the worker may hold Model A and Model B at once.
    const tagged: Post = (msg, transfer) => post(tagModel(msg, this.session ? this.tag : undefined), transfer);
    this.warmup = new ShaderWarmup(tagged, () => performance.now());
    this.post = this.warmup.post;
  }

  /** Training runs (Train pressed), as opposed to paused or stepping. */
  get playing(): boolean {
    return this.running;
  }

  /** Steps are owed: Train is on, or chunks of Step remain. */
  get training(): boolean {
    return this.session !== null && (this.running || this.pendingChunks > 0);
  }

  /** The page must get the current weights again (they were restored from a snapshot). */
  republish(): void {
    this.published = { step: -1, count: 0 };
  }

  get hasWork(): boolean {
    return this.session !== null && (this.jobs.length > 0 || this.running || this.pendingChunks > 0);
  }

  /**
   * A new session: pace from scratch. With new weights (`fresh`) a test point and a snapshot
   * are owed at once; the same weights moved to another backend owe nothing, since the page
   * already has their snapshot and curves.
   */
  adopt(session: TrainingSession | null, fresh: boolean): void {
    this.session = session;
    this.jobs = [];
    this.warm = false;
    this.warmup.forget();
    this.testOwed = fresh;
    this.chunkSteps = 1;
    this.ledger = EMPTY_LEDGER;
    this.chunksSince = fresh ? { test: Infinity, snapshot: Infinity, mig: 0 } : { test: 0, snapshot: 0, mig: 0 };
    if (fresh) {
      this.published = { step: -1, count: 0 };
      this.lastSnapshot = null;
    }
  }

  play(): void {
    this.running = this.session !== null;
    this.postState();
    // A full snapshot still owed would hold up the first step for seconds: a preview will do.
    // On WebGL before the first chunk not even that: its first slice compiles the encoder's
    // shaders (tens of seconds with a software renderer), so the first step goes first and a
    // preview follows it (chunksSince makes one due at once).
    if (this.jobs.some((q) => q.job.kind === 'snapshot')) {
      this.jobs = this.jobs.filter((q) => q.job.kind !== 'snapshot');
      if (this.webgl && !this.warm) this.chunksSince.snapshot = Infinity;
      else this.queueSnapshot();
    }
  }

  pause(): void {
    this.stop();
    this.postState();
    this.queueSnapshot();
  }

  /** Stops without a word: the caller posts what happened. */
  stop(): void {
    this.running = false;
    this.pendingChunks = 0;
  }

  step(chunks: number): void {
    this.pendingChunks += Math.max(1, Math.floor(chunks));
  }

  setHyper(hyper: Partial<Hyper>): void {
    const s = this.session;
    if (!s) return;
    const before = s.hyper.batchSize;
    s.setHyper(hyper);
    const after = s.hyper.batchSize;
    // Keep the chunk's duration, not its step count, when a batch gets bigger or smaller.
    if (after !== before) this.chunkSteps = Math.max(1, Math.round((this.chunkSteps * before) / after));
  }

  /** One slice of pending extra work if there is any, else one chunk of training. Rejects on failure. */
  async work(): Promise<void> {
    try {
      if (this.jobs.length > 0) await this.workOnJob();
      else await this.trainChunk();
    } catch (err) {
      this.warmup.done();
      this.stop();
      this.jobs = [];
      throw err;
    }
  }

  postState(): void {
    const s = this.session;
    this.post({ type: 'state', running: this.running, step: s?.step ?? 0, epoch: s?.epoch ?? 0 });
  }

  /**
   * Latent codes, reconstructions and weights of the current step, unless already sent: a
   * preview while training runs, the whole test set when it stands still.
   */
  queueSnapshot(periodic = false): void {
    const s = this.session;
    if (!s) return;
    const count = periodic || this.running ? PREVIEW_POINTS : s.data.test.count;
    if (this.published.step !== s.step || this.published.count < count) this.queue(new SnapshotJob(s, count), periodic);
  }

  private queue(job: ExtraJob, periodic: boolean): void {
    this.jobs = [...this.jobs.filter((q) => q.job.kind !== job.kind), { job, periodic }];
    this.chunksSince[job.kind] = 0;
  }

  private async workOnJob(): Promise<void> {
    const { job, periodic } = this.jobs[0] as Queued;
    const rows = this.sliceRows[job.kind];
    const cold = this.webgl && this.warmup.begin(`${job.kind}:${rows}`, WARMUP_LABEL[job.kind]);
    const t0 = performance.now();
    const complete = await job.advance(rows);
    const ms = performance.now() - t0;
    if (periodic) this.ledger = charge(this.ledger, 'extra', ms);
    // A slice that compiled shaders is no measure of the next one: keep its size (and shapes).
    if (!cold) this.sliceRows[job.kind] = nextSliceSize(rows, ms);
    if (!complete) return this.warmup.done();
    this.jobs.shift();
    // What a job posts at its end (the snapshot's reconstructions) has shapes of its own.
    if (this.webgl && job.kind === 'snapshot') this.warmup.begin('snapshot:finish', WARMUP_LABEL.snapshot);
    for (const { msg, transfer } of await job.finish()) {
      if (msg.type === 'latent') this.published = { step: msg.step, count: msg.count };
      // Kept as a copy for recovery (never weights gone NaN); the original travels to the page without one.
      if (msg.type === 'weights' && weightsFinite(msg.weights)) this.lastSnapshot = { weights: structuredClone(msg.weights), step: msg.step, epoch: this.session?.epoch ?? 0 };
      this.post(msg, transfer);
    }
    this.warmup.done();
  }

  private async trainChunk(): Promise<void> {
    const session = this.session as TrainingSession;
    const first = !this.warm;
    // A batch of a new size has new shapes: shaders again.
    if (this.webgl) this.warmup.begin(`train:${session.hyper.batchSize}`, 'Compiling WebGL shaders (a few seconds, once)');
    const planned = this.nextChunkSteps ?? (first ? 1 : this.chunkSteps);
    this.nextChunkSteps = null;
    const out = await session.runChunk(planned);
    this.warm = true;
    // The first chunk on a backend carries one-time costs (shader compiles): don't pace by it.
    if (!first && out.nanAtStep === null) this.chunkSteps = nextChunkSize(planned, out.ms);
    this.ledger = charge(this.ledger, 'train', out.ms);
    this.chunksSince = { test: this.chunksSince.test + 1, snapshot: this.chunksSince.snapshot + 1, mig: this.chunksSince.mig + 1 };
    this.post({
      type: 'metrics',
      step: session.step,
      epoch: session.epoch,
      epochProgress: session.epochProgress,
      train: out.series,
      imagesPerSec: out.ms > 0 ? (out.images * 1000) / out.ms : 0,
      numTensors: liveTensors(),
      numBytes: liveBytes(),
    });
    this.warmup.done();

    if (out.nanAtStep !== null) {
      this.stop();
      // The repair reads the weights synchronously: make that safe on WebGPU first.
      await settled(session.net.variables);
      const restored = this.repair?.() ?? null;
      const kept = restored === null ? 'the weights from before that step were kept' : `the weights were restored from step ${restored}, the last good snapshot`;
      const message = `The loss became NaN at step ${out.nanAtStep}; training paused and ${kept}. Try a smaller learning rate.`;
      this.post({ type: 'error', code: 'nan', recoverable: true, message });
      this.postState();
      return this.queueSnapshot();
    }
    // A full test pass at each epoch end and a subset pass after new weights' first chunk are owed.
    if (out.epochEnded || this.testOwed) this.queue(new TestJob(session, out.epochEnded), false);
    else if (extraDue(this.chunksSince.test, this.ledger)) this.queue(new TestJob(session, false), true);
    // MIG at each epoch end where it is defined (Shapes, latent dimension ≥ 2); elsewhere a note would only repeat.
    if (out.epochEnded && session.data.factors) this.queue(new MigJob(session), false);
    this.testOwed = false;
    if (this.pendingChunks > 0 && --this.pendingChunks === 0 && !this.running) {
      this.postState();
      return this.queueSnapshot();
    }
    if (extraDue(this.chunksSince.snapshot, this.ledger)) this.queueSnapshot(true);
  }
}

function tagModel(msg: FromTrainer, model: ModelTag | undefined): FromTrainer {
  if (!model) return msg;
  switch (msg.type) {
    case 'metrics':
    case 'latent':
    case 'disentanglement':
    case 'weights':
    case 'recon':
    case 'state':
      return { ...msg, model };
    default:
      return msg;
  }
}
