// The one surface the React components see of the workers (implemented by client.ts,
// reached from components through the usePlayground hook). Types only.

import type { DataSplit, Manifest } from '../data/types';
import type { ImageDataset } from '../data/imageImport/types';
import type { PretrainedEntry } from '../model/pretrainedIndex';
import type { CompareOrigin, ComparePlan } from './compareStart';
import type { SweepControls } from './sweepFlow';
import type { Hyper } from '../model/types';
import type { ModelBSettings } from '../shared/modelB';
import type {
  BackendAttempt,
  BackendProbe,
  BackendChoice,
  BackendName,
  DisentanglementSnapshot,
  ErrorCode,
  HistoryRecord,
  LatentFactors,
  ModelTag,
  ProgressStage,
  SessionConfig,
  TestMetrics,
  ViewMode,
} from '../shared/protocol';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  code?: ErrorCode;
  message: string;
}

/** Slow-changing state: React re-renders on it. */
export interface ClientState {
  phase: 'starting' | 'loading' | 'ready' | 'error';
  running: boolean;
  step: number;
  epoch: number;
  epochProgress: number;
  imagesPerSec: number;
  backend: BackendName | null;
  backendChoice: BackendChoice;
  tried: BackendAttempt[];
  /** Each backend's measured training speed (the first-visit probe), for the backend menu. */
  backendProbe: BackendProbe | null;
  progress: { stage: ProgressStage; loaded: number; total: number; label: string } | null;
  config: SessionConfig;
  manifest: Manifest | null;
  notices: Notice[];
  /** Training step of the weights the inference worker holds; −1 before the first snapshot. */
  weightsStep: number;
  /** Id of the shipped pretrained model the session started from (public/pretrained); null or absent otherwise. */
  pretrained?: string | null;
  /** AE vs VAE: one model shown, or both (Compare; `config` is then the VAE's). Absent: config.model.kind. */
  view?: ViewMode;
  /** Where Compare's two models started from (compareStart.ts), said on screen; absent before Compare. */
  compareFrom?: CompareOrigin;
  /** Compare's Model B: the settings in which it differs from `config` (shared/modelB.ts). Absent: the default pair (an AE). */
  modelB?: ModelBSettings;
}

export type { DisentanglementSnapshot, LatentFactors, PretrainedEntry };

/** Streaming numbers live outside React: charts read them in effects when `version` changes. */
export interface MetricsHistory extends HistoryRecord {
  /** Bumped on every change. Train series: one entry per step (raw); test points: the subset during training, the full set at epoch ends. */
  version: number;
}

export interface LatentSnapshot {
  step: number;
  kind: 'vae' | 'ae';
  dim: number;
  count: number;
  mu: Float32Array;
  logvar: Float32Array | null;
  labels: Uint8Array;
  /** Shapes: each point's true factor indices (count × names.length, row-major); absent elsewhere. */
  factors?: LatentFactors;
}

export interface ReconSnapshot {
  step: number;
  count: number;
  inputs: Float32Array;
  outputs: Float32Array;
}

export type Topic = 'state' | 'metrics' | 'latent' | 'recon' | 'weights' | 'disentanglement';

/** What React reads: the slow state, the streams of the shown model, and change topics. */
export interface ClientStore {
  getState(): ClientState;
  getMetrics(): MetricsHistory;
  getLatent(): LatentSnapshot | null;
  getRecon(): ReconSnapshot | null;
  /** The shown model's latest MIG (after each epoch, each full snapshot, or measureDisentanglement); null before any. */
  getDisentanglement(): DisentanglementSnapshot | null;
  /** Calls `listener` after each change of `topic`; returns the unsubscribe function. */
  subscribe(topic: Topic, listener: () => void): () => void;
  dismissNotice(id: number): void;
}

/** The training worker's controls. */
export interface Training {
  play(): void;
  pause(): void;
  step(chunks?: number): void;
  /** New weights with this config (dataset, model kind, shape may change). */
  reset(config: SessionConfig): void;
  setHyper(hyper: Partial<Hyper>): void;
  setBackend(backend: BackendChoice): void;
  /** Asks the worker for MIG now, over the evaluation set; the answer arrives on topic 'disentanglement'. */
  measureDisentanglement(): void;
}

/** Images from codes and codes from images, never waiting for training. */
export interface Inference {
  /**
   * The mean image for one latent vector, decoded on the page at once from the latest decoder
   * snapshot (the drag's path: no thread hop); null when no decoder of z's size is held yet.
   * The array is reused by the next call.
   */
  decodeNow(z: Float32Array, model?: ModelTag): Float32Array | null;
  /** Mean images for n latent vectors (n × dim) from the inference worker. */
  decode(z: Float32Array, n: number, model?: ModelTag): Promise<Float32Array>;
  /** μ, log σ² (null for AE) and reconstructions for n images (n × 784 in [0,1]). */
  encode(pixels: Float32Array, n: number): Promise<{ mu: Float32Array; logvar: Float32Array | null; recon: Float32Array }>;
  /** The test split of the current dataset (loaded once on the main thread, cached). */
  getTestSet(): Promise<DataSplit>;
}

/** Whole models in and out: checkpoints, the shipped models, the user's images, evaluation. */
export interface Sessions {
  /** A checkpoint file's bytes for the current session, curves included. */
  save(): Promise<ArrayBuffer>;
  /** Replaces the session with a checkpoint's (dataset and shape may change); on failure the current one stays. */
  load(bytes: ArrayBuffer): Promise<{ config: SessionConfig; step: number }>;
  /** The pretrained models shipped with the app, in menu order. */
  listPretrained(): Promise<PretrainedEntry[]>;
  /** Replaces the session with a shipped pretrained model (dataset and shape may change); Train continues from it. */
  loadPretrained(id: string): Promise<{ config: SessionConfig; step: number }>;
  /** Trains on the user's own images (dataset 'custom', new weights, step 0); on failure the current model stays. */
  useImages(images: ImageDataset): Promise<{ config: SessionConfig; step: number }>;
  /** Test metrics now: the fixed 1,000-image subset or the full test set; log p(x) with iwK samples (1,000 images). */
  evaluate(full: boolean, iwK?: number): Promise<{ metrics: TestMetrics; logpx?: number }>;
}

/**
 * AE vs VAE. Shows one model kind or both (Compare); each kind keeps its weights, step and
 * curves while another is shown. The getters read any model's streams (ClientStore's read the
 * shown one's; in Compare, the VAE's).
 */
export interface Models {
  /**
   * Compare starts both models at one step (compareStart.ts); when that replaces training of
   * the user's own, `ask` decides (false: nothing changes). Resolves whether the view changed.
   */
  setView(view: ViewMode, ask?: (plan: ComparePlan) => boolean): Promise<boolean>;
  /** Training step of a model (the shown one's is state.step). */
  stepOf(model: ModelTag): number;
  getMetricsOf(model: ModelTag): MetricsHistory;
  getLatentOf(model: ModelTag): LatentSnapshot | null;
  /** Training step of the model's weights the inference worker holds; −1 before its first snapshot. */
  weightsStepOf(model: ModelTag): number;
  /** Model B's own settings; those that need new weights reset Model B only. */
  setModelB(settings: ModelBSettings): void;
}

/** The facade React uses (client.ts): every capability, and dispose. */
export interface PlaygroundClient extends ClientStore, Training, Inference, Sessions, Models {
  /** The β sweeps (sweepFlow.ts). */
  readonly sweeps: SweepControls;
  dispose(): void;
}

/** How createPlaygroundClient (client.ts) starts. */
export interface ClientOptions {
  backend?: BackendChoice;
  /** Where public/ is served; defaults to Vite's BASE_URL resolved against the page. */
  baseUrl?: string;
  /** If `config` is the default pretrained model's, show it at once; the training worker starts after (pretrainedStart.ts). */
  instantStart?: boolean;
  /** AE vs VAE: start in Compare (both models) rather than with config.model.kind alone. */
  view?: ViewMode;
  /** Compare's Model B (a link's b.* settings); absent: the default pair. */
  modelB?: ModelBSettings;
}
