// Everything the training worker does, one message, one chunk or one slice of extra work at a
// time. The worker (training.worker.ts) feeds it messages in order and calls work() between
// them, so no two of these ever overlap. This file owns the session's lifecycle (backend,
// data, weights, checkpoints); trainingLoop.ts paces the training itself.

import { loadManifest, type DataSource } from '../data';
import type { Manifest } from '../data/types';
import type { BackendSelection } from './backend';
import { checkpointBytes, readCheckpoint } from './checkpointIO';
import { TestJob } from './extraJobs';
import type { BackendChoice, FromTrainer, HistoryRecord, SessionConfig, ToTrainer } from './protocol';
import { downloadDataset, uploadDataset, type DatasetSplits, type TrainingData } from './trainingData';
import { TrainingLoop } from './trainingLoop';
import { TrainingSession, type SessionStart } from './trainingSession';
import { classifyError, errorText, WorkerError } from './workerErrors';

/** Rows per evaluation batch on request: big enough to be quick, small enough for memory. */
const EVALUATE_ROWS = 1000;

export interface ControllerDeps {
  post(msg: FromTrainer, transfer?: Transferable[]): void;
  selectBackend(choice: BackendChoice): Promise<BackendSelection>;
  openSource(baseUrl: string): DataSource;
  /** WebGL reports a lost context only when asked. */
  contextLost(): boolean;
}

export class TrainerController {
  private readonly deps: ControllerDeps;
  private source: DataSource | null = null;
  private manifest: Manifest | null = null;
  private selection: BackendSelection | null = null;
  private splits: DatasetSplits | null = null;
  private data: TrainingData | null = null;
  private session: TrainingSession | null = null;
  /** The config of the last session built, to rebuild from if a backend switch failed halfway. */
  private lastConfig: SessionConfig | null = null;
  private readonly loop: TrainingLoop;

  constructor(deps: ControllerDeps) {
    this.deps = deps;
    this.loop = new TrainingLoop((msg, transfer) => deps.post(msg, transfer));
  }

  /** Whether work() has something to do: a slice of extra work or a chunk of training. */
  get hasWork(): boolean {
    return this.loop.hasWork;
  }

  /** Never throws: every failure becomes an `error` message. */
  async handle(msg: ToTrainer): Promise<void> {
    try {
      await this.dispatch(msg);
    } catch (err) {
      const c = classifyError(err, describeMessage(msg), msg.type === 'load' ? 'checkpoint' : 'internal');
      const recoverable = msg.type === 'init' ? false : c.recoverable;
      const id = 'id' in msg ? msg.id : undefined;
      this.deps.post(id === undefined ? { type: 'error', ...c, recoverable } : { type: 'error', ...c, recoverable, id });
    }
  }

  private async dispatch(msg: ToTrainer): Promise<void> {
    switch (msg.type) {
      case 'init':
        return this.init(msg.config, msg.backend, msg.baseUrl);
      case 'play':
        return this.loop.play();
      case 'pause':
        return this.loop.pause();
      case 'step':
        return this.loop.step(msg.chunks);
      case 'reset':
        await this.replaceSession(msg.config);
        this.loop.postState();
        return this.loop.queueSnapshot();
      case 'setHyper':
        return this.loop.setHyper(msg.hyper);
      case 'setBackend':
        return this.switchBackend(msg.backend);
      case 'evaluate':
        return this.evaluate(msg.id, msg.full, msg.iwK);
      case 'save':
        return this.save(msg.id, msg.history);
      case 'load':
        return this.load(msg.id, msg.bytes);
    }
  }

  private async init(config: SessionConfig, choice: BackendChoice, baseUrl: string): Promise<void> {
    await this.chooseBackend(choice);
    this.source = this.deps.openSource(baseUrl);
    try {
      this.manifest = await loadManifest(this.source);
    } catch (err) {
      throw new WorkerError('dataset', `The dataset list (datasets/manifest.json) could not be loaded: ${errorText(err)}`, false);
    }
    await this.replaceSession(config);
    this.postReady();
    this.loop.postState();
    this.loop.queueSnapshot();
  }

  private async chooseBackend(choice: BackendChoice): Promise<void> {
    this.post({ type: 'progress', stage: 'backend', loaded: 0, total: 1, label: 'Starting TensorFlow.js' });
    try {
      this.selection = await this.deps.selectBackend(choice);
    } catch (err) {
      throw new WorkerError('backend', errorText(err), false);
    }
    this.loop.webgl = this.selection.backend === 'webgl';
    this.post({ type: 'progress', stage: 'backend', loaded: 1, total: 1, label: `Using ${this.selection.backend}` });
  }

  private postReady(): void {
    if (!this.session || !this.selection) return;
    this.post({ type: 'ready', backend: this.selection.backend, tried: this.selection.tried, config: this.session.config });
  }

  /** Downloads (if the dataset is new) and uploads data, then builds a session; on failure nothing changes. */
  private async replaceSession(config: SessionConfig, start?: SessionStart): Promise<void> {
    if (!this.source || !this.manifest) throw new WorkerError('internal', 'The worker has not been initialised yet.', true);
    const sameData = this.data !== null && this.data.dataset === config.dataset;
    let splits = this.splits;
    let data = this.data;
    if (!sameData) {
      try {
        splits = await downloadDataset(this.source, this.manifest, config.dataset, this.progress);
      } catch (err) {
        throw new WorkerError('dataset', `The ${config.dataset} dataset could not be loaded: ${errorText(err)}`, this.session !== null);
      }
      data = uploadDataset(splits, this.progress);
    }
    let session: TrainingSession;
    try {
      session = new TrainingSession(config, data as TrainingData, start);
    } catch (err) {
      if (!sameData) data?.dispose();
      throw err;
    }
    this.session?.dispose();
    if (!sameData) this.data?.dispose();
    this.adopt(session, data as TrainingData, true);
    this.splits = splits;
  }

  private adopt(session: TrainingSession | null, data: TrainingData | null, fresh: boolean): void {
    this.session = session;
    this.data = data;
    if (session) this.lastConfig = session.config;
    this.loop.adopt(session, fresh);
  }

  private readonly progress = (stage: 'download' | 'upload', loaded: number, total: number, label: string): void => {
    this.post({ type: 'progress', stage, loaded, total, label });
  };

  /** Moves the session to another backend, keeping its weights, step and hyperparameters. */
  private async switchBackend(choice: BackendChoice): Promise<void> {
    const s = this.session;
    if (s) return this.rebuildOn(choice, s.config, { weights: s.net.getWeights(), step: s.step, epoch: s.epoch });
    // An earlier switch failed halfway: start over from the last weights sent out.
    if (this.lastConfig && this.splits) return this.rebuildOn(choice, this.lastConfig, this.loop.lastSnapshot ?? undefined);
  }

  private async rebuildOn(choice: BackendChoice, config: SessionConfig, start: SessionStart | undefined): Promise<void> {
    const splits = this.splits as DatasetSplits;
    // Tensors belong to the backend that made them: free them before leaving it.
    try {
      this.session?.dispose();
      this.data?.dispose();
    } catch {
      // A lost WebGL context cannot free its textures; they went with the context.
    }
    this.adopt(null, null, false);
    await this.chooseBackend(choice);
    const data = uploadDataset(splits, this.progress);
    const fresh = start === undefined;
    this.adopt(new TrainingSession(config, data, start), data, fresh);
    this.postReady();
    this.loop.postState();
    // The same weights on a new backend: the page already has their snapshot.
    if (fresh) this.loop.queueSnapshot();
  }

  private async evaluate(id: number, full: boolean, iwK?: number): Promise<void> {
    const session = this.requireSession();
    const label = full ? 'Evaluating on the full test set' : 'Evaluating on 1,000 test images';
    const job = new TestJob(session, full);
    for (let done = false; !done; ) {
      this.post({ type: 'progress', stage: 'evaluate', loaded: job.rowsDone, total: job.rows, label });
      done = job.advance(EVALUATE_ROWS);
    }
    const metrics = job.result();
    let logpx: number | undefined;
    if (iwK !== undefined && iwK > 0) {
      const onProgress = (done: number, total: number) =>
        this.post({ type: 'progress', stage: 'evaluate', loaded: done, total, label: `log p(x) with K = ${iwK}` });
      logpx = (await session.logpx(iwK, onProgress)).logpx;
    }
    this.post({ type: 'progress', stage: 'evaluate', loaded: 1, total: 1, label: 'Evaluated' });
    this.post(logpx === undefined ? { type: 'evaluated', id, metrics } : { type: 'evaluated', id, metrics, logpx });
  }

  private save(id: number, history?: HistoryRecord): void {
    const bytes = checkpointBytes(this.requireSession(), history);
    this.post({ type: 'saved', id, bytes }, [bytes]);
  }

  private async load(id: number, bytes: ArrayBuffer): Promise<void> {
    if (!this.manifest) throw new WorkerError('checkpoint', 'The worker has not been initialised yet.', true);
    const restored = readCheckpoint(bytes, this.manifest);
    await this.replaceSession(restored.config, restored.start);
    this.loop.stop();
    const { config, start, history } = restored;
    this.post({ type: 'loaded', id, config, step: start.step, ...(history ? { history } : {}) });
    this.loop.postState();
    this.loop.queueSnapshot();
  }

  /** One slice of pending extra work if there is any, else one chunk of training. Never throws. */
  async work(): Promise<void> {
    try {
      this.loop.work();
    } catch (err) {
      try {
        if (this.selection?.backend === 'webgl' && this.deps.contextLost()) await this.recoverFromContextLoss();
        else this.post({ type: 'error', ...classifyError(err, 'training') });
      } catch (inner) {
        this.post({ type: 'error', ...classifyError(inner, 'recovering from a lost WebGL context') });
      }
      this.loop.postState();
    }
  }

  /** WebGL's context died with the weights on it: resume on WASM/CPU from the last snapshot. */
  private async recoverFromContextLoss(): Promise<void> {
    const config = this.session?.config ?? this.lastConfig;
    if (!config) return;
    const start = this.loop.lastSnapshot ?? undefined;
    await this.rebuildOn('wasm', config, start);
    const from = start ? `step ${start.step}, the last snapshot` : 'new weights (no snapshot had been taken yet)';
    const message = `The WebGL context was lost. Training moved to ${this.selection?.backend} and continues from ${from}; press Train to go on.`;
    this.post({ type: 'error', code: 'context-lost', recoverable: true, message });
  }

  private post(msg: FromTrainer, transfer: Transferable[] = []): void {
    this.deps.post(msg, transfer);
  }

  private requireSession(): TrainingSession {
    if (!this.session) throw new WorkerError('internal', 'No model is loaded yet.', true);
    return this.session;
  }
}

function describeMessage(msg: ToTrainer): string {
  const doing: Partial<Record<ToTrainer['type'], string>> = {
    init: 'starting up',
    reset: 'creating new weights',
    setHyper: 'changing hyperparameters',
    setBackend: 'switching backends',
    evaluate: 'evaluating on the test set',
    save: 'saving a checkpoint',
    load: 'loading a checkpoint',
  };
  return doing[msg.type] ?? `handling "${msg.type}"`;
}
