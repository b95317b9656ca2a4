// Everything the training worker does, one message, one chunk or one slice of extra work at a
// time. The worker (training.worker.ts) feeds it messages in order and calls work() between
// them, so no two of these ever overlap. This file owns the session's lifecycle (backend,
// data, weights, checkpoints); trainingLoop.ts paces the training itself.

import { loadManifest, type DataSource } from '../data';
import type { Manifest } from '../data/types';
import type { BackgroundProbe, BackendSelection } from './backend';
import { checkpointBytes, readCheckpoint } from './checkpointIO';
import { injectFault } from './debugFaults';
import { TestJob } from './extraJobs';
import { weightsFinite } from '../shared/finiteWeights';
import { imageInfo, imageSplits, IMAGES_DATASET, withImageInfo } from '../shared/imageDataset';
import type { ImageDataset } from '../data/imageImport/types';
import { ModelSlots, withKind, type Slot } from './modelSlots';
import type { BackendChoice, BackendName, BackendProbe, FromTrainer, HistoryRecord, ModelTag, SessionConfig, ToTrainer, ViewMode } from '../shared/protocol';
import { downloadDataset, uploadDataset, type DatasetSplits, type TrainingData } from './trainingData';
import { TrainingLoop } from './trainingLoop';
import { TrainingSession, type SessionStart } from './trainingSession';
import { classifyError, errorText, WorkerError } from '../shared/workerErrors';

/** Training time between two candidates of a first visit's deferred speed probe, ms. */
const PROBE_GAP_MS = 1_500;
/** Rows per evaluation batch on request: big enough to be quick, small enough for memory. */
const EVALUATE_ROWS = 1000;

export interface ControllerDeps {
  post(msg: FromTrainer, transfer?: Transferable[]): void;
  /** remembered: the page's speed probe; without one, 'auto' measures (backendProbe.ts). */
  selectBackend(
    choice: BackendChoice,
    remembered?: BackendProbe | null,
    onProbe?: (backend: BackendName, done: number, total: number) => void,
    deferProbe?: boolean,
  ): Promise<BackendSelection>;
  openSource(baseUrl: string): DataSource;
  /** WebGL reports a lost context only when asked. */
  contextLost(): boolean;
}

export class TrainerController {
  private readonly deps: ControllerDeps;
  private source: DataSource | null = null;
  private manifest: Manifest | null = null;
  private selection: BackendSelection | null = null;
  /** The first visit's speed probe, still running between chunks. */
  private pendingProbe: BackgroundProbe | null = null;
  /** Time spent training since the pending probe's last turn, ms. */
  private trainedSinceProbeMs = 0;
  /** The speed probe 'auto' orders backends by: the page's, or the one measured here. */
  private probe: BackendProbe | null = null;
  private splits: DatasetSplits | null = null;
  /** The user's own images (dataset 'custom'), once the page has sent them. */
  private images: DatasetSplits | null = null;
  private data: TrainingData | null = null;
  private session: TrainingSession | null = null;
  /** The config of the last session built, to rebuild from if a backend switch failed halfway. */
  private lastConfig: SessionConfig | null = null;
  /** The shown model's loop; AE vs VAE swaps it for a parked one (modelSlots.ts). */
  private loop: TrainingLoop;
  private readonly slots = new ModelSlots();

  constructor(deps: ControllerDeps) {
    this.deps = deps;
    this.loop = new TrainingLoop((msg, transfer) => deps.post(msg, transfer));
    this.loop.repair = () => this.repairWeights();
  }

  /** Whether work() has something to do: a slice of extra work or a chunk of training. */
  get hasWork(): boolean {
    return this.loop.hasWork || this.slots.partnerHasWork || this.pendingProbe !== null;
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
        this.probe = msg.probe ?? null;
        return this.init(msg.config, msg.backend, msg.baseUrl, msg.images);
      case 'play':
        return this.slots.shownLoops(this.loop).forEach((l) => l.play());
      case 'pause':
        return this.slots.shownLoops(this.loop).forEach((l) => l.pause());
      case 'step':
        return this.slots.shownLoops(this.loop).forEach((l) => l.step(msg.chunks));
      case 'reset':
        await this.replaceSession(msg.config);
        return this.slots.shownLoops(this.loop).forEach((l) => (l.postState(), l.queueSnapshot()));
      case 'setHyper':
        return this.slots.setHyper(this.loop, msg.hyper);
      case 'setView':
        return this.setView(msg.view);
      case 'setBackend':
        return this.switchBackend(msg.backend);
      case 'evaluate':
        return this.evaluate(msg.id, msg.full, msg.iwK);
      case 'save':
        return this.save(msg.id, msg.history);
      case 'load':
        return this.load(msg.id, msg.bytes);
      case 'loadPartner':
        return this.loadPartner(msg.id, msg.bytes);
      case 'useImages':
        return this.useImages(msg.id, msg.config, msg.images);
      case 'debug':
        return injectFault(msg.fault, this.session);
    }
  }

  private async init(config: SessionConfig, choice: BackendChoice, baseUrl: string, images?: ImageDataset): Promise<void> {
    await this.chooseBackend(choice);
    this.source = this.deps.openSource(baseUrl);
    try {
      this.manifest = await loadManifest(this.source);
    } catch (err) {
      throw new WorkerError('dataset', `The dataset list (datasets/manifest.json) could not be loaded: ${errorText(err)}`, false);
    }
    if (images) this.takeImages(images);
    await this.replaceSession(config);
    this.postReady();
    this.loop.postState();
    this.loop.queueSnapshot();
  }

  private async chooseBackend(choice: BackendChoice): Promise<void> {
    this.post({ type: 'progress', stage: 'backend', loaded: 0, total: 1, label: 'Starting TensorFlow.js' });
    try {
      // A first visit's speed probe runs between chunks (advanceProbe), so Train is usable at once.
      this.selection = await this.deps.selectBackend(choice, this.probe, undefined, true);
    } catch (err) {
      throw new WorkerError('backend', errorText(err), false);
    }
    this.pendingProbe = this.selection.pendingProbe ?? null;
    if (this.selection.probe) {
      this.probe = this.selection.probe;
      this.post({ type: 'probed', probe: this.selection.probe });
    }
    this.loop.webgl = this.selection.backend === 'webgl';
    this.post({ type: 'progress', stage: 'backend', loaded: 1, total: 1, label: `Using ${this.selection.backend}` });
  }

  private postReady(): void {
    if (!this.session || !this.selection) return;
    const { backend, tried, threads } = this.selection;
    this.post({ type: 'ready', backend, tried, config: this.session.config, ...(threads === undefined ? {} : { threads }) });
  }

  /** Downloads (if the dataset is new) and uploads data, then builds a session; on failure nothing changes. */
  private async replaceSession(config: SessionConfig, start?: SessionStart): Promise<void> {
    if (!this.source || !this.manifest) throw new WorkerError('internal', 'The worker has not been initialised yet.', true);
    // New images of the user's own are new data under the same name.
    const sameData = this.data !== null && this.data.dataset === config.dataset && (config.dataset !== IMAGES_DATASET || this.splits === this.images);
    let splits = this.splits;
    let data = this.data;
    if (!sameData) {
      try {
        splits = config.dataset === IMAGES_DATASET ? this.requireImages() : await downloadDataset(this.source, this.manifest, config.dataset, this.progress);
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
    this.slots.dropAll();
    if (!sameData) this.data?.dispose();
    this.adopt(session, data as TrainingData, true);
    this.splits = splits;
    this.slots.replaced(this.primary(), this.spawn);
    this.post({ type: 'view', view: this.slots.view, config: session.config });
  }

  /** AE vs VAE: shows another kind (or both), keeping each kind's weights and step; `partner`: Compare's AE from these weights. */
  private setView(view: ViewMode, partner?: SessionStart): void {
    const next = this.slots.setView(view, this.primary(), this.spawn, partner);
    this.session = next.session;
    this.loop = next.loop;
    this.lastConfig = next.session.config;
    // Weight repair restores the primary's session: only its loop may call it.
    for (const loop of this.slots.allLoops(this.loop)) loop.repair = loop === this.loop ? () => this.repairWeights() : null;
    this.post({ type: 'view', view: this.slots.view, config: next.session.config });
    for (const loop of this.slots.shownLoops(this.loop)) {
      loop.postState();
      loop.queueSnapshot();
    }
  }

  private primary(): Slot {
    return { session: this.requireSession(), loop: this.loop };
  }

  /** A model of another kind beside the primary: same data, layers, hyperparameters and seed. */
  private readonly spawn = (kind: ModelTag, start?: SessionStart): Slot => {
    const config = withKind(this.requireSession().config, kind);
    const session = new TrainingSession(config, this.data as TrainingData, start);
    const loop = new TrainingLoop((msg, transfer) => this.deps.post(msg, transfer));
    loop.webgl = this.loop.webgl;
    loop.adopt(session, start === undefined);
    return { session, loop };
  };

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
    const parked = this.slots.suspend();
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
    this.slots.resume(parked, this.primary(), this.spawn);
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

  /** Compare, with the AE from a checkpoint of the VAE's dataset and layers; on failure nothing changes. */
  private loadPartner(id: number, bytes: ArrayBuffer): void {
    if (!this.manifest) throw new WorkerError('checkpoint', 'The worker has not been initialised yet.', true);
    const { config, start, history } = readCheckpoint(bytes, this.manifest);
    const own = this.requireSession().config;
    const fits =
      config.model.kind === 'ae' &&
      config.dataset === own.dataset &&
      config.model.inputDim === own.model.inputDim &&
      config.model.latentDim === own.model.latentDim &&
      config.model.hidden.join() === own.model.hidden.join();
    if (!fits) throw new WorkerError('checkpoint', 'That checkpoint is not an AE with the VAE’s dataset and layers. Both models are unchanged.', true);
    this.setView('compare', start);
    this.post({ type: 'loaded', id, model: 'ae', config: withKind(own, 'ae'), step: start.step, ...(history ? { history } : {}) });
  }

  /** The user's images become the dataset, with new weights; on failure the current model and images stay. */
  private async useImages(id: number, config: SessionConfig, images: ImageDataset): Promise<void> {
    if (!this.manifest) throw new WorkerError('dataset', 'The worker has not been initialised yet.', true);
    const restore = this.takeImages(images);
    try {
      await this.replaceSession({ ...config, dataset: IMAGES_DATASET });
    } catch (err) {
      restore();
      throw err;
    }
    this.loop.stop();
    this.post({ type: 'loaded', id, config: this.requireSession().config, step: 0 });
    this.loop.postState();
    this.loop.queueSnapshot();
  }

  /** Makes these images the 'custom' dataset (checked first; a bad payload changes nothing); returns the undo. */
  private takeImages(images: ImageDataset): () => void {
    const splits = imageSplits(images);
    const before = { images: this.images, manifest: this.manifest };
    this.images = splits;
    if (this.manifest) this.manifest = withImageInfo(this.manifest, imageInfo(images));
    return () => ({ images: this.images, manifest: this.manifest } = before);
  }

  private requireImages(): DatasetSplits {
    if (!this.images) throw new WorkerError('dataset', 'no images of your own are loaded in this session (choose them under “Your images”)', true);
    return this.images;
  }

  /** One slice of pending extra work if there is any, else one chunk of training. Never throws. */
  async work(): Promise<void> {
    // The deferred probe measures a candidate whenever nothing trains, and otherwise after
    // PROBE_GAP_MS of training since its last one, so training started meanwhile keeps going.
    const training = this.loop.training;
    if (this.pendingProbe && (!training || this.trainedSinceProbeMs >= PROBE_GAP_MS)) {
      await this.advanceProbe();
      this.trainedSinceProbeMs = 0;
      if (!training) return;
    }
    const started = performance.now();
    const wasPlaying = this.loop.playing;
    const lost = () => this.selection?.backend === 'webgl' && this.deps.contextLost();
    try {
      this.slots.nextLoop(this.primary()).work();
      // A lost context fails quietly (reads give zeros): ask after every chunk.
      if (lost()) await this.recoverFromContextLoss(wasPlaying);
    } catch (err) {
      try {
        if (lost()) await this.recoverFromContextLoss(wasPlaying);
        else this.post({ type: 'error', ...classifyError(err, `training with batch size ${this.session?.hyper.batchSize ?? '?'}`) });
      } catch (inner) {
        this.post({ type: 'error', ...classifyError(inner, 'recovering from a lost WebGL context') });
      }
      this.loop.postState();
    }
    if (training) this.trainedSinceProbeMs += performance.now() - started;
  }

  /**
   * One candidate of the first visit's deferred speed probe. Once all are measured the page gets
   * the probe, and when another backend trained faster the session moves there, weights and step
   * kept (the same move as choosing it in the menu).
   */
  private async advanceProbe(): Promise<void> {
    const pending = this.pendingProbe;
    const current = this.selection?.backend;
    if (!pending || !current) return;
    let done: Awaited<ReturnType<BackgroundProbe['advance']>>;
    try {
      done = await pending.advance(current);
    } catch (err) {
      this.pendingProbe = null;
      this.post({ type: 'error', ...classifyError(err, 'measuring which backend trains fastest'), recoverable: true });
      return;
    }
    if (!done) return;
    this.pendingProbe = null;
    this.probe = done.probe;
    this.post({ type: 'probed', probe: done.probe });
    if (this.selection) this.selection = { ...this.selection, threads: done.threads };
    const fastest = done.probe.results[0];
    if (fastest?.imagesPerSec && fastest.backend !== current) await this.switchBackend('auto');
  }

  /** The loss went NaN: if the weights themselves are no longer finite, the last snapshot's come back. */
  private repairWeights(): number | null {
    const s = this.session;
    if (!s || !this.data || weightsFinite(s.net.getWeights())) return null;
    const snapshot = this.loop.lastSnapshot;
    // Without a snapshot (none sent yet) the only finite weights left are new ones.
    const next = new TrainingSession(s.config, this.data, snapshot ?? undefined);
    s.dispose();
    // New weights for the loop (fresh optimizer moments, too: they went bad with the weights).
    this.adopt(next, this.data, true);
    this.loop.lastSnapshot = snapshot;
    return next.step;
  }

  /** WebGL's context died with the weights on it: resume on WASM/CPU from the last snapshot. */
  private async recoverFromContextLoss(resume: boolean): Promise<void> {
    this.loop.stop();
    const config = this.session?.config ?? this.lastConfig;
    if (!config) return;
    const start = this.loop.lastSnapshot ?? undefined;
    await this.rebuildOn('wasm', config, start);
    // The page's picture may be newer than the snapshot: send the restored weights' own.
    this.loop.republish();
    this.loop.queueSnapshot();
    const from = start ? `step ${start.step}, the last snapshot` : 'new weights (no snapshot had been taken yet)';
    const next = resume ? 'training goes on' : 'press Train to go on';
    const message = `The WebGL context was lost. The model moved to ${this.selection?.backend} and continues from ${from}; ${next}.`;
    this.post({ type: 'error', code: 'context-lost', recoverable: true, message });
    if (resume) this.slots.shownLoops(this.loop).forEach((l) => l.play());
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
    loadPartner: 'loading the AE beside the VAE',
    useImages: 'switching to your images',
  };
  return doing[msg.type] ?? `handling "${msg.type}"`;
}
