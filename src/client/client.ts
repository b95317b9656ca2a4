// The main thread's side of the workers: starts the training and inference workers, keeps
// the state React reads, the streaming metrics, the latest snapshots, and answers requests
// by id. Listeners are only told that something changed; they read what they need.

import { fetchSource, loadManifest, loadSplit } from '../data';
import type { DataSplit, DatasetInfo, DatasetName, Manifest } from '../data/types';
import type { ImageDataset } from '../data/imageImport/types';
import { copyImages, imageInfo, imageSplits, IMAGES_DATASET, withImageInfo } from '../shared/imageDataset';
import type { Hyper } from '../model/types';
import { applyTrainerMessage, initialState, withNotice } from './clientState';
import type {
  ClientState,
  LatentSnapshot,
  MetricsHistory,
  PlaygroundClient,
  PretrainedEntry,
  ReconSnapshot,
  Topic,
} from './clientTypes';
import { installDebugHook } from './debugHook';
import { RestartableWorker } from './restartableWorker';
import { historyUpTo, TrainerSupervisor, type SupervisorHost } from './trainerSupervisor';
import { MainThreadDecoder } from './mainThreadDecoder';
import { rememberedProbe, rememberProbe } from './probeStore';
import type { MetricsStore } from './metricsStore';
import { absorb, ModelStreams, shownModel } from './modelStreams';
import { PendingRequests } from './pendingRequests';
import { PretrainedStart, type StartHost } from './pretrainedStart';
import { fetchCheckpoint } from './pretrainedFiles';
import { planCompare, shippedPair, type ComparePlan } from './compareStart';
import { weightBuffers } from '../shared/transfer';
import { errorText } from '../shared/workerErrors';
import type {
  BackendChoice,
  FromInference,
  FromTrainer,
  ModelTag,
  SessionConfig,
  TestMetrics,
  ToInference,
  ToTrainer,
  ViewMode,
} from '../shared/protocol';

export interface ClientOptions {
  backend?: BackendChoice;
  /** Where public/ is served; defaults to Vite's BASE_URL resolved against the page. */
  baseUrl?: string;
  /** If `config` is the default pretrained model's, show it at once; the training worker starts after (pretrainedStart.ts). */
  instantStart?: boolean;
  /** AE vs VAE: start in Compare (both models) rather than with config.model.kind alone. */
  view?: ViewMode;
}

type Encoded = { mu: Float32Array; logvar: Float32Array | null; recon: Float32Array };
type Evaluated = { metrics: TestMetrics; logpx?: number };
type Loaded = { config: SessionConfig; step: number };

const CLOSED = 'The playground was closed.';
const TOPICS: readonly Topic[] = ['state', 'metrics', 'latent', 'recon', 'weights'];

class WorkerClient implements PlaygroundClient {
  private state: ClientState;
  /** Each model kind's curves, codes and decoder (AE vs VAE); the members below are the shown model's. */
  private readonly streams: ModelStreams;
  private get metrics(): MetricsStore {
    return this.streams.current.metrics;
  }
  private get latent(): LatentSnapshot | null {
    return this.streams.current.latent;
  }
  private set latent(v: LatentSnapshot | null) {
    this.streams.current.latent = v;
  }
  private get recon(): ReconSnapshot | null {
    return this.streams.current.recon;
  }
  private set recon(v: ReconSnapshot | null) {
    this.streams.current.recon = v;
  }
  private readonly listeners = new Map<Topic, Set<() => void>>(TOPICS.map((t) => [t, new Set()]));
  private readonly trainer: RestartableWorker;
  /** Restarts a crashed or hung training worker from the latest weights (trainerSupervisor.ts). */
  private readonly supervisor: TrainerSupervisor;
  private readonly inference: Worker;
  /** The drag's single decode, on the page: no thread hop (mainThreadDecoder.ts); one per model kind. */
  private get mainDecoder(): MainThreadDecoder {
    return this.streams.current.decoder;
  }
  private readonly baseUrl: string;
  private readonly manifest: Promise<Manifest>;
  private readonly testSets = new Map<DatasetName, Promise<DataSplit>>();
  /** The manifest entry of the user's own images, once trained on (imageDataset.ts). */
  private ownImages: DatasetInfo | null = null;
  private ownImageData: ImageDataset | null = null;
  private nextId = 1;
  private readonly inferencePending = new PendingRequests<FromInference>(() => this.nextId++);
  private readonly trainerPending = new PendingRequests<FromTrainer>(() => this.nextId++);
  private readonly pretrained: PretrainedStart;
  private disposed = false;

  constructor(config: SessionConfig, opts: ClientOptions) {
    const backend = opts.backend ?? 'auto';
    this.baseUrl = opts.baseUrl ?? new URL(import.meta.env.BASE_URL, location.href).href;
    this.state = { ...initialState(config, backend), view: opts.view ?? config.model.kind };
    // A link that opens in Compare starts both models from new weights.
    if (opts.view === 'compare') this.state = { ...this.state, compareFrom: 'fresh' };
    // The backend speed probe runs on a browser's first visit only (probeStore.ts).
    this.state = { ...this.state, backendProbe: rememberedProbe() };
    this.streams = new ModelStreams(config.model.kind);

    this.trainer = new RestartableWorker(() => new Worker(new URL('../workers/training.worker.ts', import.meta.url), { type: 'module' }));
    if (!opts.instantStart) this.trainer.start();
    this.inference = new Worker(new URL('../workers/inference.worker.ts', import.meta.url), { type: 'module' });
    this.trainer.onmessage = (e: MessageEvent<FromTrainer>) => this.onTrainer(e.data);
    this.inference.onmessage = (e: MessageEvent<FromInference>) => this.onInference(e.data);
    for (const [worker, name] of [
      [this.trainer, 'training'],
      [this.inference, 'inference'],
    ] as const) {
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        if (name === 'training' && this.supervisor.crashed(e.message || 'no message')) return;
        this.workerFailed(name, e.message || 'it could not start (a script failed to load)');
      };
      worker.onmessageerror = () => this.workerFailed(name, 'a message could not be read');
    }

    this.manifest = loadManifest(fetchSource(this.baseUrl));
    this.manifest.then(
      (manifest) => this.setState({ ...this.state, manifest: withImageInfo(manifest, this.ownImages) }),
      (err: unknown) => this.notice('error', `The dataset list could not be loaded: ${errorText(err)}`),
    );
    this.postTrainer({ type: 'init', config, backend, baseUrl: this.baseUrl, probe: this.state.backendProbe });
    if (opts.view === 'compare') this.postTrainer({ type: 'setView', view: 'compare' });
    this.pretrained = new PretrainedStart(this.startHost(), opts.instantStart === true);
    this.supervisor = new TrainerSupervisor(this.supervisorHost());
    this.supervisor.start();
    installDebugHook({ post: (fault) => this.postTrainer({ type: 'debug', fault }), client: this, snapshotStep: () => this.supervisor.snapshotStep });
  }

  getState = (): ClientState => this.state;
  getMetrics = (): MetricsHistory => this.metrics.history;
  getLatent = (): LatentSnapshot | null => this.latent;
  getRecon = (): ReconSnapshot | null => this.recon;

  subscribe = (topic: Topic, listener: () => void): (() => void) => {
    const set = this.listeners.get(topic);
    set?.add(listener);
    return () => set?.delete(listener);
  };

  play(): void {
    this.supervisor.played();
    this.postTrainer({ type: 'play' });
  }
  pause(): void {
    this.supervisor.paused();
    this.postTrainer({ type: 'pause' });
  }
  step(chunks = 1): void {
    this.postTrainer({ type: 'step', chunks: Math.max(1, Math.floor(chunks)) });
  }

  reset(config: SessionConfig): void {
    this.pretrained.cancel();
    this.supervisor.forget();
    this.postTrainer({ type: 'reset', config });
    this.mainDecoder.clear();
    this.metrics.clear();
    this.streams.clearOthers();
    // In Compare both models get new weights: they start level.
    this.setState({ ...this.state, config, step: 0, epoch: 0, epochProgress: 0, pretrained: null, compareFrom: 'fresh' });
    this.emit('metrics');
    this.clearPicture();
  }

  /** The codes and reconstructions of weights that are gone. */
  private clearPicture(): void {
    this.latent = null;
    this.recon = null;
    this.emit('latent');
    this.emit('recon');
  }

  setHyper(hyper: Partial<Hyper>): void {
    this.postTrainer({ type: 'setHyper', hyper });
    const config = this.state.config;
    this.setState({ ...this.state, config: { ...config, hyper: { ...config.hyper, ...hyper } } });
  }

  setBackend(backend: BackendChoice): void {
    this.postTrainer({ type: 'setBackend', backend });
    this.setState({ ...this.state, backendChoice: backend });
  }

  dismissNotice(id: number): void {
    this.setState({ ...this.state, notices: this.state.notices.filter((n) => n.id !== id) });
  }

  decodeNow = (z: Float32Array, model?: ModelTag): Float32Array | null =>
    (model === undefined ? this.mainDecoder : this.streams.of(model).decoder).decode(z);

  async decode(z: Float32Array, n: number, model: ModelTag = this.streams.active): Promise<Float32Array> {
    const reply = await this.askInference((id) => ({ type: 'decode', id, n, z, model }));
    if (reply.type !== 'decoded') throw new Error(`decode: unexpected reply ${reply.type}`);
    return reply.pixels;
  }

  async encode(pixels: Float32Array, n: number): Promise<Encoded> {
    const model = this.streams.active;
    const reply = await this.askInference((id) => ({ type: 'encode', id, n, pixels, model }));
    if (reply.type !== 'encoded') throw new Error(`encode: unexpected reply ${reply.type}`);
    return { mu: reply.mu, logvar: reply.logvar, recon: reply.recon };
  }

  getTestSet(): Promise<DataSplit> {
    const dataset = this.state.config.dataset;
    let split = this.testSets.get(dataset);
    if (!split) {
      // Not before the first paint: it needs the bandwidth, and the map does not need the images.
      split = this.pretrained.settled.then(() => this.manifest).then((m) => loadSplit(fetchSource(this.baseUrl), m, dataset, 'test', () => {}));
      // A failed download is not cached: the next call tries again.
      split.catch(() => this.testSets.delete(dataset));
      this.testSets.set(dataset, split);
    }
    return split;
  }

  /** A self-describing checkpoint of the current session. */
  async save(): Promise<ArrayBuffer> {
    const history = this.metrics.record();
    const reply = await this.askTrainer((id) => ({ type: 'save', id, history }));
    if (reply.type !== 'saved') throw new Error(`save: unexpected reply ${reply.type}`);
    return reply.bytes;
  }

  /** Replaces the session with a checkpoint's; on failure the current model stays. */
  async load(bytes: ArrayBuffer): Promise<Loaded> {
    this.pretrained.cancel();
    const comparing = this.state.view === 'compare';
    return this.levelCompare(await this.loadBytes(bytes), comparing);
  }

  listPretrained = async (): Promise<PretrainedEntry[]> => (await this.pretrained.list()).models;
  loadPretrained = async (id: string): Promise<Loaded> => {
    const comparing = this.state.view === 'compare';
    return this.levelCompare(await this.pretrained.load(id), comparing);
  };

  /** Trains on the user's own images (new weights, step 0); on failure the current model and images stay. */
  async useImages(images: ImageDataset): Promise<Loaded> {
    const test = imageSplits(images).test;
    this.pretrained.cancel();
    const before = { info: this.ownImages, test: this.testSets.get(IMAGES_DATASET) };
    // In place before the reply, so the page never shows the new dataset without its classes and test images.
    this.showOwnImages(imageInfo(images), Promise.resolve(test));
    try {
      const reply = await this.askTrainer((id) => ({ type: 'useImages', id, config: this.state.config, images: copyImages(images) }));
      if (reply.type !== 'loaded') throw new Error(`useImages: unexpected reply ${reply.type}`);
      this.ownImageData = images;
      return { config: reply.config, step: reply.step };
    } catch (err) {
      this.showOwnImages(before.info, before.test);
      throw err;
    }
  }

  private showOwnImages(info: DatasetInfo | null, test: Promise<DataSplit> | undefined): void {
    this.ownImages = info;
    if (test) this.testSets.set(IMAGES_DATASET, test);
    else this.testSets.delete(IMAGES_DATASET);
    this.setState({ ...this.state, manifest: withImageInfo(this.state.manifest ?? { version: 1, datasets: [] }, info) });
  }

  private async loadBytes(bytes: ArrayBuffer, onId?: (id: number) => void): Promise<Loaded> {
    // Copied, not transferred: after a failed load the caller still holds the file's bytes.
    const reply = await this.askTrainer((id) => {
      onId?.(id);
      return { type: 'load', id, bytes };
    });
    if (reply.type !== 'loaded') throw new Error(`load: unexpected reply ${reply.type}`);
    return { config: reply.config, step: reply.step };
  }

  /** Test metrics now: the 1,000-image subset or the full test set; log p(x) with iwK samples. */
  async evaluate(full: boolean, iwK?: number): Promise<Evaluated> {
    const reply = await this.askTrainer((id) => (iwK ? { type: 'evaluate', id, full, iwK } : { type: 'evaluate', id, full }));
    if (reply.type !== 'evaluated') throw new Error(`evaluate: unexpected reply ${reply.type}`);
    return reply.logpx === undefined ? { metrics: reply.metrics } : { metrics: reply.metrics, logpx: reply.logpx };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.supervisor.dispose();
    this.trainer.terminate();
    this.inference.terminate();
    this.inferencePending.failAll(CLOSED);
    this.trainerPending.failAll(CLOSED);
    for (const set of this.listeners.values()) set.clear();
  }

  private onTrainer(msg: FromTrainer): void {
    // A load nobody waits for any more (a Reset overtook it) changes nothing: the reset's messages follow.
    if (msg.type === 'loaded' && !this.trainerPending.has(msg.id)) return;
    // The startup's load brings the weights already on screen (the first paint): the picture stays.
    const keepPicture = msg.type === 'loaded' && this.pretrained.gate.active;
    for (const m of this.pretrained.gate.admit(msg)) this.applyTrainer(m, keepPicture);
  }

  private applyTrainer(msg: FromTrainer, keepPicture = false): void {
    const noticeId = this.nextId++;
    const { weightsStep } = this.state;
    this.supervisor.observe(msg);
    this.setState(applyTrainerMessage(this.state, msg, noticeId));
    if ('model' in msg && msg.model !== undefined && msg.model !== this.streams.active) return this.applyOther(msg, msg.model);
    switch (msg.type) {
      case 'metrics':
        this.metrics.appendChunk(msg.train, msg.test, msg.step);
        this.emit('metrics');
        break;
      case 'loaded':
        // Normally a 'view' message came first; at startup the gate may have held it back.
        this.showModel(msg.config.model.kind);
        this.metrics.clear(msg.history);
        this.streams.clearOthers();
        this.emit('metrics');
        if (keepPicture) this.setState({ ...this.state, weightsStep });
        else {
          this.setState({ ...this.state, pretrained: null });
          this.mainDecoder.clear();
          this.clearPicture();
        }
        this.trainerPending.settle(msg.id, msg);
        break;
      case 'evaluated':
        if (msg.metrics.full) {
          this.metrics.appendTest(msg.metrics, this.state.step);
          this.emit('metrics');
        }
        this.trainerPending.settle(msg.id, msg);
        break;
      case 'saved':
        this.trainerPending.settle(msg.id, msg);
        break;
      case 'latent': {
        const { type: _type, ...snapshot } = msg;
        this.latent = snapshot;
        this.emit('latent');
        break;
      }
      case 'recon': {
        const { type: _type, ...snapshot } = msg;
        this.recon = snapshot;
        this.emit('recon');
        break;
      }
      case 'weights':
        this.mainDecoder.set(msg.weights.config, msg.weights.decoder, msg.step);
        // The inference worker owns these buffers from now on: transferred, not copied.
        this.postInference({ type: 'weights', step: msg.step, weights: msg.weights }, weightBuffers(msg.weights));
        this.setState({ ...this.state, weightsStep: msg.step });
        this.emit('weights');
        break;
      case 'error':
        if (msg.id !== undefined) this.trainerPending.fail(msg.id, msg.message);
        break;
      case 'view':
        this.showModel(shownModel(msg.view));
        break;
      case 'probed':
        rememberProbe(msg.probe);
        break;
      case 'ready':
      case 'progress':
      case 'state':
        break;
    }
  }

  /** What the supervisor may do to this client when the training worker dies. */
  private supervisorHost(): SupervisorHost {
    return {
      now: () => performance.now(),
      hidden: () => typeof document !== 'undefined' && document.hidden,
      state: () => this.state,
      history: () => this.metrics.record(),
      replaceWorker: () => {
        if (this.pretrained.gate.active) this.pretrained.cancel();
        this.trainerPending.failAll('The training worker was restarted.');
        this.trainer.restart();
      },
      init: (config, backend) => {
        // A new worker has none of the user's images: they travel with its init.
        const images = config.dataset === IMAGES_DATASET && this.ownImageData ? { images: copyImages(this.ownImageData) } : {};
        this.postTrainer({ type: 'init', config, backend, baseUrl: this.baseUrl, probe: this.state.backendProbe, ...images });
      },
      load: (bytes) => this.loadBytes(bytes),
      play: () => this.postTrainer({ type: 'play' }),
      rewind: (step) => {
        this.metrics.clear(historyUpTo(this.metrics.record(), step));
        this.emit('metrics');
      },
      notice: (level, message) => this.notice(level, message),
    };
  }

  /**
   * AE vs VAE. Compare starts both models at one step (compareStart.ts): kept as they are when
   * level, else both from the shipped checkpoints or both from new weights; `ask` may decline
   * when that replaces training of the user's own.
   */
  async setView(view: ViewMode, ask?: (plan: ComparePlan) => boolean): Promise<boolean> {
    if (view !== 'compare') {
      this.showView(view);
      return true;
    }
    const models = await this.listPretrained().catch(() => []);
    const { config, pretrained = null } = this.state;
    const settled = !this.pretrained.gate.active;
    const plan = planCompare({ config, vaeStep: this.stepOf('vae'), aeStep: this.stepOf('ae'), pretrained, settled, models });
    if (plan.asks && ask && !ask(plan)) return false;
    // Each way reaches Compare in one message, so the worker never holds the two at different steps.
    const freshPair = () => {
      this.reset({ ...config, model: { ...config.model, kind: 'vae' } });
      this.showView('compare');
    };
    if (plan.kind === 'keep') {
      this.showView('compare');
      this.setState({ ...this.state, compareFrom: plan.step === 0 ? 'fresh' : (this.state.compareFrom ?? 'same') });
    } else if (plan.kind === 'fresh') {
      freshPair();
    } else {
      try {
        if (plan.vae) await this.pretrained.load(plan.vae.id);
        await this.loadPartner(plan.ae);
      } catch (err) {
        this.notice('warning', `The shipped models for Compare could not be loaded (${errorText(err)}); both start from new weights.`);
        freshPair();
      }
    }
    return true;
  }

  stepOf = (model: ModelTag): number => (model === this.streams.active ? this.state.step : this.streams.of(model).step);

  /** Compare, with the AE from its shipped checkpoint beside the VAE at the same step (the worker's 'view' switches the page). */
  private async loadPartner(entry: PretrainedEntry): Promise<void> {
    const bytes = await fetchCheckpoint(this.baseUrl, entry);
    const reply = await this.askTrainer((id) => ({ type: 'loadPartner', id, bytes }));
    if (reply.type !== 'loaded') throw new Error(`loadPartner: unexpected reply ${reply.type}`);
    this.setState({ ...this.state, compareFrom: 'shipped' });
  }

  /**
   * A trained model loaded in Compare is shown alone (the worker leaves Compare): the shipped
   * AE joins a shipped VAE at its step; otherwise a notice says why there is one model.
   */
  private async levelCompare(loaded: Loaded, comparing: boolean): Promise<Loaded> {
    if (!comparing || loaded.step === 0) return loaded;
    const pair = shippedPair(await this.listPretrained().catch(() => []), this.state.config);
    if (pair && this.state.pretrained === pair.vae.id && loaded.step === pair.vae.step) {
      try {
        await this.loadPartner(pair.ae);
        return loaded;
      } catch (err) {
        this.notice('warning', `The shipped AE could not be loaded (${errorText(err)}).`);
      }
    }
    this.notice('info', `Compare shows both models at one step, and there is no shipped AE at step ${loaded.step.toLocaleString('en-US')}: the loaded model is shown alone.`);
    return loaded;
  }

  /** The worker keeps each model; here the page shows another one's streams at once. */
  private showView(view: ViewMode): void {
    this.postTrainer({ type: 'setView', view });
    const model = shownModel(view);
    const config = { ...this.state.config, model: { ...this.state.config.model, kind: model } };
    this.setState({ ...this.state, view, config });
    this.showModel(model);
  }

  getMetricsOf = (model: ModelTag): MetricsHistory => this.streams.of(model).metrics.history;
  getLatentOf = (model: ModelTag): LatentSnapshot | null => this.streams.of(model).latent;
  weightsStepOf = (model: ModelTag): number => (model === this.streams.active ? this.state.weightsStep : this.streams.of(model).weightsStep);

  private showModel(model: ModelTag): void {
    const { step, epoch, weightsStep } = this.state;
    const counters = this.streams.show(model, { step, epoch, weightsStep });
    if (!counters) return;
    this.setState({ ...this.state, ...counters, epochProgress: 0 });
    for (const topic of ['metrics', 'latent', 'recon', 'weights'] as const) this.emit(topic);
  }

  /** A message about a model not shown (Compare's AE, or the one just switched away from). */
  private applyOther(msg: FromTrainer, model: ModelTag): void {
    const topic = absorb(this.streams.of(model), msg);
    // absorb() kept a copy of the decoder; the inference worker now owns the originals.
    if (msg.type === 'weights') this.postInference({ type: 'weights', step: msg.step, weights: msg.weights }, weightBuffers(msg.weights));
    if (topic) this.emit(topic);
    if (msg.type === 'loaded') {
      // Compare's AE from a checkpoint: the old AE's codes and decoder are gone.
      this.emit('latent');
      this.emit('weights');
      this.trainerPending.settle(msg.id, msg);
    }
  }

  /** What the pretrained start may do to this client. */
  private startHost(): StartHost {
    return {
      baseUrl: this.baseUrl,
      config: () => this.state.config,
      showFirstPaint: (fp) => {
        const { config, decoder, step, epoch, count, mu, logvar, labels } = fp;
        this.latent = { step, kind: config.kind, dim: config.latentDim, count, mu, logvar, labels };
        this.mainDecoder.set(config, decoder, step);
        // The inference worker owns the decoder from now on: transferred, not copied.
        this.postInference({ type: 'decoder', step, config, decoder }, decoder.flatMap((l) => [l.W.buffer, l.b.buffer] as ArrayBuffer[]));
        this.setState({ ...this.state, weightsStep: step, step, epoch });
        this.emit('latent');
      },
      startTrainer: () => this.trainer.start(),
      load: (bytes, onId) => this.loadBytes(bytes, onId),
      abandonLoad: (id) => this.trainerPending.fail(id, 'Replaced by a newer choice.'),
      deliver: (msgs) => msgs.forEach((m) => this.applyTrainer(m)),
      resetFresh: () => this.reset(this.state.config),
      setPretrained: (id) => this.setState({ ...this.state, pretrained: id }),
      notice: (level, message) => this.notice(level, message),
    };
  }

  private onInference(msg: FromInference): void {
    if (msg.type === 'inferenceError') this.inferencePending.fail(msg.id, msg.message);
    else this.inferencePending.settle(msg.id, msg);
  }

  private askInference(make: (id: number) => ToInference): Promise<FromInference> {
    if (this.disposed) return Promise.reject(new Error(CLOSED));
    return this.inferencePending.ask((id) => this.postInference(make(id)));
  }

  private askTrainer(make: (id: number) => ToTrainer): Promise<FromTrainer> {
    if (this.disposed) return Promise.reject(new Error(CLOSED));
    return this.trainerPending.ask((id) => this.postTrainer(make(id)));
  }

  private postTrainer(msg: ToTrainer, transfer: Transferable[] = []): void {
    if (!this.disposed) this.trainer.postMessage(msg, transfer);
  }

  private postInference(msg: ToInference, transfer: Transferable[] = []): void {
    if (!this.disposed) this.inference.postMessage(msg, transfer);
  }

  private workerFailed(name: 'training' | 'inference', detail: string): void {
    const message = `The ${name} worker failed: ${detail}`;
    const failed = name === 'training' && this.state.phase !== 'ready';
    const next = withNotice(this.state, { id: this.nextId++, level: 'error', code: 'internal', message });
    this.setState(failed ? { ...next, phase: 'error', progress: null } : next);
    if (name === 'inference') this.inferencePending.failAll(message);
  }

  private notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.setState(withNotice(this.state, { id: this.nextId++, level, message }));
  }

  private setState(next: ClientState): void {
    if (next === this.state || this.disposed) return;
    this.state = next;
    this.emit('state');
  }

  private emit(topic: Topic): void {
    for (const listener of this.listeners.get(topic) ?? []) listener();
  }
}

export type WorkerPlaygroundClient = WorkerClient;

export function createPlaygroundClient(config: SessionConfig, opts: ClientOptions = {}): WorkerPlaygroundClient {
  return new WorkerClient(config, opts);
}
