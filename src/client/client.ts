// The page's side of the workers, as React uses it (PlaygroundClient): a facade over the parts.
// clientCore.ts holds the state, the streams and the worker links; trainerInbox.ts applies the
// training worker's messages (their rules: trainerMessages.ts); compareFlow.ts is AE vs VAE;
// ownData.ts the test sets and the user's images; hosts.ts what the supervisor and the
// pretrained start may do. Listeners are only told that something changed; they read what they need.

import type { DataSplit } from '../data/types';
import type { ImageDataset } from '../data/imageImport/types';
import type { Hyper } from '../model/types';
import { ClientCore } from './clientCore';
import { initialState } from './clientState';
import type { ClientOptions, ClientState, DisentanglementSnapshot, LatentSnapshot, MetricsHistory, PlaygroundClient, PretrainedEntry, ReconSnapshot, Topic } from './clientTypes';
import { CompareFlow } from './compareFlow';
import type { ComparePlan } from './compareStart';
import { installDebugHook } from './debugHook';
import { startHost, supervisorHost, type HostParts } from './hosts';
import { OwnData } from './ownData';
import { PretrainedStart } from './pretrainedStart';
import { rememberedProbe } from './probeStore';
import { TrainerInbox } from './trainerInbox';
import { TrainerSupervisor } from './trainerSupervisor';
import { SweepFlow } from './sweepFlow';
import * as requests from './workerRequests';
import { slotOfKind, type ModelBSettings } from '../shared/modelB';
import type { BackendChoice, ModelTag, SessionConfig, ViewMode } from '../shared/protocol';

export type { ClientOptions };

type Loaded = { config: SessionConfig; step: number };

class WorkerClient implements PlaygroundClient {
  private readonly core: ClientCore;
  private readonly data: OwnData;
  private readonly inbox: TrainerInbox;
  private readonly pretrained: PretrainedStart;
  /** Restarts a crashed or hung training worker from the latest weights (trainerSupervisor.ts). */
  private readonly supervisor: TrainerSupervisor;
  private readonly compare: CompareFlow;
  readonly sweeps: SweepFlow;

  constructor(config: SessionConfig, opts: ClientOptions) {
    const backend = opts.backend ?? 'auto';
    const baseUrl = opts.baseUrl ?? new URL(import.meta.env.BASE_URL, location.href).href;
    // A link that opens in Compare starts both models from new weights; the backend speed probe
    // runs on a browser's first visit only (probeStore.ts).
    const state: ClientState = {
      ...initialState(config, backend),
      view: opts.view ?? config.model.kind,
      ...(opts.view === 'compare' ? { compareFrom: 'fresh' as const } : {}),
      ...(opts.modelB ? { modelB: opts.modelB } : {}),
      backendProbe: rememberedProbe(),
    };
    const core = (this.core = new ClientCore(state, slotOfKind(config.model.kind), !opts.instantStart));
    this.inbox = new TrainerInbox(core, () => this.supervisor, () => this.pretrained);
    core.listen((msg) => this.inbox.receive(msg), (message) => this.supervisor.crashed(message));
    this.data = new OwnData(core, baseUrl, () => this.pretrained);
    core.postTrainer({ type: 'init', config, backend, baseUrl, probe: state.backendProbe });
    // Model B's settings reach the worker before Compare spawns it.
    if (opts.modelB) core.postTrainer({ type: 'setModelB', settings: opts.modelB });
    if (opts.view === 'compare') core.postTrainer({ type: 'setView', view: 'compare' });
    const parts: HostParts = { core, baseUrl, data: this.data, inbox: this.inbox, pretrained: () => this.pretrained, reset: (c) => this.reset(c) };
    this.pretrained = new PretrainedStart(startHost(parts), opts.instantStart === true);
    this.supervisor = new TrainerSupervisor(supervisorHost(parts));
    this.supervisor.start();
    this.compare = new CompareFlow(core, this.pretrained, baseUrl, (c) => this.reset(c));
    this.sweeps = new SweepFlow(core);
    installDebugHook({ post: (fault) => core.postTrainer({ type: 'debug', fault }), client: this, snapshotStep: (model) => (model ? this.supervisor.partnerStep : this.supervisor.snapshotStep) });
  }

  // ClientStore
  getState = (): ClientState => this.core.state;
  getMetrics = (): MetricsHistory => this.core.metrics.history;
  getLatent = (): LatentSnapshot | null => this.core.latent;
  getRecon = (): ReconSnapshot | null => this.core.recon;
  getDisentanglement = (): DisentanglementSnapshot | null => this.core.disentanglement;
  subscribe = (topic: Topic, listener: () => void): (() => void) => this.core.subscribe(topic, listener);
  dismissNotice(id: number): void {
    this.core.setState({ ...this.core.state, notices: this.core.state.notices.filter((n) => n.id !== id) });
  }

  // Training
  play(): void {
    this.supervisor.played();
    this.core.postTrainer({ type: 'play' });
  }
  pause(): void {
    this.supervisor.paused();
    this.core.postTrainer({ type: 'pause' });
  }
  step(chunks = 1): void {
    this.core.postTrainer({ type: 'step', chunks: Math.max(1, Math.floor(chunks)) });
  }
  reset(config: SessionConfig): void {
    const core = this.core;
    this.pretrained.cancel();
    this.supervisor.forget();
    core.postTrainer({ type: 'reset', config });
    core.mainDecoder.clear();
    core.metrics.clear();
    core.streams.clearOthers();
    // In Compare both models get new weights: they start level.
    core.setState({ ...core.state, config, step: 0, epoch: 0, epochProgress: 0, pretrained: null, compareFrom: 'fresh' });
    core.emit('metrics');
    core.clearPicture();
  }
  setHyper(hyper: Partial<Hyper>): void {
    const core = this.core;
    core.postTrainer({ type: 'setHyper', hyper });
    core.setState({ ...core.state, config: { ...core.state.config, hyper: { ...core.state.config.hyper, ...hyper } } });
  }
  measureDisentanglement(): void {
    this.core.postTrainer({ type: 'measureDisentanglement' });
  }
  setBackend(backend: BackendChoice): void {
    this.core.postTrainer({ type: 'setBackend', backend });
    this.core.setState({ ...this.core.state, backendChoice: backend });
  }

  // Inference
  decodeNow = (z: Float32Array, model?: ModelTag): Float32Array | null =>
    (model === undefined ? this.core.mainDecoder : this.core.streams.of(model).decoder).decode(z);
  decode = (z: Float32Array, n: number, model: ModelTag = this.core.streams.active) => requests.decode(this.core, z, n, model);
  encode = (pixels: Float32Array, n: number) => requests.encode(this.core, pixels, n, this.core.streams.active);
  getTestSet = (): Promise<DataSplit> => this.data.getTestSet();

  // Sessions
  save = (): Promise<ArrayBuffer> => requests.save(this.core, this.core.metrics.record());
  async load(bytes: ArrayBuffer): Promise<Loaded> {
    this.pretrained.cancel();
    const comparing = this.core.state.view === 'compare';
    return this.compare.level(await this.core.loadBytes(bytes), comparing);
  }
  listPretrained = async (): Promise<PretrainedEntry[]> => (await this.pretrained.list()).models;
  loadPretrained = async (id: string): Promise<Loaded> => {
    const comparing = this.core.state.view === 'compare';
    return this.compare.level(await this.pretrained.load(id), comparing);
  };
  useImages = (images: ImageDataset): Promise<Loaded> => this.data.useImages(images);
  evaluate = (full: boolean, iwK?: number) => requests.evaluate(this.core, full, iwK);

  // Models
  setView = (view: ViewMode, ask?: (plan: ComparePlan) => boolean): Promise<boolean> => this.compare.setView(view, ask);
  stepOf = (model: ModelTag): number => this.compare.stepOf(model);
  getMetricsOf = (model: ModelTag): MetricsHistory => this.core.streams.of(model).metrics.history;
  getLatentOf = (model: ModelTag): LatentSnapshot | null => this.core.streams.of(model).latent;
  setModelB = (settings: ModelBSettings): void => this.compare.setModelB(settings);
  weightsStepOf = (model: ModelTag): number =>
    model === this.core.streams.active ? this.core.state.weightsStep : this.core.streams.of(model).weightsStep;

  dispose(): void {
    this.supervisor.dispose();
    this.core.dispose();
  }
}

export type WorkerPlaygroundClient = WorkerClient;

export function createPlaygroundClient(config: SessionConfig, opts: ClientOptions = {}): WorkerPlaygroundClient {
  return new WorkerClient(config, opts);
}
