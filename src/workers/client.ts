// The main thread's side of the workers: starts the training and inference workers, keeps
// the state React reads, the streaming metrics, the latest snapshots, and answers requests
// by id. Listeners are only told that something changed; they read what they need.

import { fetchSource, loadManifest, loadSplit } from '../data';
import type { DataSplit, DatasetName, Manifest } from '../data/types';
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
import { LazyWorker } from './lazyWorker';
import { MainThreadDecoder } from './mainThreadDecoder';
import { MetricsStore } from './metricsStore';
import { PendingRequests } from './pendingRequests';
import { PretrainedStart, type StartHost } from './pretrainedStart';
import { weightBuffers } from './transfer';
import { errorText } from './workerErrors';
import type {
  BackendChoice,
  FromInference,
  FromTrainer,
  SessionConfig,
  TestMetrics,
  ToInference,
  ToTrainer,
} from './protocol';

export interface ClientOptions {
  backend?: BackendChoice;
  /** Where public/ is served; defaults to Vite's BASE_URL resolved against the page. */
  baseUrl?: string;
  /** If `config` is the default pretrained model's, show it at once; the training worker starts after (pretrainedStart.ts). */
  instantStart?: boolean;
}

type Encoded = { mu: Float32Array; logvar: Float32Array | null; recon: Float32Array };
type Evaluated = { metrics: TestMetrics; logpx?: number };
type Loaded = { config: SessionConfig; step: number };

const CLOSED = 'The playground was closed.';
const TOPICS: readonly Topic[] = ['state', 'metrics', 'latent', 'recon', 'weights'];

class WorkerClient implements PlaygroundClient {
  private state: ClientState;
  private readonly metrics = new MetricsStore();
  private latent: LatentSnapshot | null = null;
  private recon: ReconSnapshot | null = null;
  private readonly listeners = new Map<Topic, Set<() => void>>(TOPICS.map((t) => [t, new Set()]));
  private readonly trainer: LazyWorker;
  private readonly inference: Worker;
  /** The drag's single decode, on the page: no thread hop (mainThreadDecoder.ts). */
  private readonly mainDecoder = new MainThreadDecoder();
  private readonly baseUrl: string;
  private readonly manifest: Promise<Manifest>;
  private readonly testSets = new Map<DatasetName, Promise<DataSplit>>();
  private nextId = 1;
  private readonly inferencePending = new PendingRequests<FromInference>(() => this.nextId++);
  private readonly trainerPending = new PendingRequests<FromTrainer>(() => this.nextId++);
  private readonly pretrained: PretrainedStart;
  private disposed = false;

  constructor(config: SessionConfig, opts: ClientOptions) {
    const backend = opts.backend ?? 'auto';
    this.baseUrl = opts.baseUrl ?? new URL(import.meta.env.BASE_URL, location.href).href;
    this.state = initialState(config, backend);

    this.trainer = new LazyWorker(() => new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' }));
    if (!opts.instantStart) this.trainer.start();
    this.inference = new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module' });
    this.trainer.onmessage = (e: MessageEvent<FromTrainer>) => this.onTrainer(e.data);
    this.inference.onmessage = (e: MessageEvent<FromInference>) => this.onInference(e.data);
    for (const [worker, name] of [
      [this.trainer, 'training'],
      [this.inference, 'inference'],
    ] as const) {
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        this.workerFailed(name, e.message || 'it could not start (a script failed to load)');
      };
      worker.onmessageerror = () => this.workerFailed(name, 'a message could not be read');
    }

    this.manifest = loadManifest(fetchSource(this.baseUrl));
    this.manifest.then(
      (manifest) => this.setState({ ...this.state, manifest }),
      (err: unknown) => this.notice('error', `The dataset list could not be loaded: ${errorText(err)}`),
    );
    this.postTrainer({ type: 'init', config, backend, baseUrl: this.baseUrl });
    this.pretrained = new PretrainedStart(this.startHost(), opts.instantStart === true);
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
    this.postTrainer({ type: 'play' });
  }
  pause(): void {
    this.postTrainer({ type: 'pause' });
  }
  step(chunks = 1): void {
    this.postTrainer({ type: 'step', chunks: Math.max(1, Math.floor(chunks)) });
  }

  reset(config: SessionConfig): void {
    this.pretrained.cancel();
    this.postTrainer({ type: 'reset', config });
    this.mainDecoder.clear();
    this.metrics.clear();
    this.setState({ ...this.state, config, step: 0, epoch: 0, epochProgress: 0, pretrained: null });
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

  decodeNow = (z: Float32Array): Float32Array | null => this.mainDecoder.decode(z);

  async decode(z: Float32Array, n: number): Promise<Float32Array> {
    const reply = await this.askInference((id) => ({ type: 'decode', id, n, z }));
    if (reply.type !== 'decoded') throw new Error(`decode: unexpected reply ${reply.type}`);
    return reply.pixels;
  }

  async encode(pixels: Float32Array, n: number): Promise<Encoded> {
    const reply = await this.askInference((id) => ({ type: 'encode', id, n, pixels }));
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
    return this.loadBytes(bytes);
  }

  listPretrained = async (): Promise<PretrainedEntry[]> => (await this.pretrained.list()).models;
  loadPretrained = (id: string): Promise<Loaded> => this.pretrained.load(id);

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
    this.setState(applyTrainerMessage(this.state, msg, noticeId));
    switch (msg.type) {
      case 'metrics':
        this.metrics.appendChunk(msg.train, msg.test, msg.step);
        this.emit('metrics');
        break;
      case 'loaded':
        this.metrics.clear(msg.history);
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
      case 'ready':
      case 'progress':
      case 'state':
        break;
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
