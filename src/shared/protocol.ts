// Every message between the page and its workers. Types only: no logic lives here.
// Large arrays travel as transferables (Float32Array/Uint8Array buffers), never as JSON arrays.

import type { DatasetName } from '../data/types';
import type { ConvertedImages, ImageDataset } from '../data/imageImport/types';
import type { SpriteOptions } from '../data/imageImport/sprites';
import type { Hyper, LayerWeights, Metrics, ModelConfig, NetworkWeights } from '../model/types';
import type { ModelBSettings } from './modelB';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

/** One backend the worker tried, in order, and why it did not run (if it did not). */
export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  reason?: string;
}

/** One backend's training speed in the first-visit probe; imagesPerSec null when it failed. */
export interface BackendSpeed {
  backend: BackendName;
  imagesPerSec: number | null;
  /** The first step, shader compilation and kernel set-up included, ms. */
  firstStepMs?: number;
  reason?: string;
  /** WASM: the threads (this one included) that share each product, as measured fastest… */
  threads?: number;
  /** …of the counts tried, in order (backendThreads.ts). */
  threadTrials?: ThreadTrial[];
}

/** One thread count the probe tried on WASM; imagesPerSec null, with the reason, when it failed. */
export interface ThreadTrial {
  threads: number;
  imagesPerSec: number | null;
  reason?: string;
}

/** The first-visit speed probe (backendProbe.ts), remembered per browser by the page. */
export interface BackendProbe {
  version: 1;
  /** ISO time of the measurement. */
  measuredAt: string;
  /** navigator.userAgent when measured: another browser (or version) measures again. */
  agent: string;
  /** The probe's model and batch: the default 2-D VAE. */
  batch: number;
  hidden: number[];
  /** Fastest first. */
  results: BackendSpeed[];
}

/** Everything a training session is: dataset, network shape, live hyperparameters, seed. */
export interface SessionConfig {
  dataset: DatasetName;
  model: ModelConfig;
  hyper: Hyper;
  seed: number;
}

/** 'upload': the data made ready for training (uploaded, or for Shapes drawn first). */
export type ProgressStage = 'backend' | 'download' | 'upload' | 'warmup' | 'evaluate';

/**
 * Each test image's true factors of variation (Shapes): `values` holds count × names.length
 * factor indices, row-major (image i's factor k at i·K + k); factor k takes sizes[k] values.
 */
export interface LatentFactors {
  names: readonly string[];
  sizes: readonly number[];
  values: Uint8Array;
}

/**
 * MIG over the evaluation set (src/model/mig.ts), at a step. mig is null when it is not defined
 * (a dataset without known factors, latent dimension 1, a diverged model): `note` says why, and
 * the arrays are then empty.
 */
export interface DisentanglementSnapshot {
  step: number;
  mig: number | null;
  /** I(μ_j; v_k) in nats: latentDim rows × factorNames.length columns. */
  mi: number[][];
  /** H(v_k) in nats, per factor. */
  factorEntropy: number[];
  /** (I_(1) − I_(2)) / H(v_k) per factor; mig is their mean. */
  migGap: number[];
  /** src/data/shapes FACTOR_NAMES order. */
  factorNames: string[];
  note?: string;
}

/**
 * Which model a message is about: 'a', Model A (the VAE view's, Compare's first), or 'b', Model B
 * (Compare's second, the AE view's; its settings: modelB.ts). The worker keeps both side by side.
 */
export type ModelTag = 'a' | 'b';
/** What the page shows and trains: one model kind, or both models in alternation (Compare). */
export type ViewMode = ModelConfig['kind'] | 'compare';

/** Metrics over a test set: the fixed 1,000-image subset during training, or the full set. */
export interface TestMetrics extends Metrics {
  full: boolean;
  count: number;
}

/** Train figures of one chunk: one entry per step, in order (steps firstStep … firstStep+n−1). */
export interface ChunkSeries {
  firstStep: number;
  elbo: number[];
  recon: number[];
  kl: number[];
  objective: number[];
}

/** The loss curves as a checkpoint carries them (the client's MetricsHistory without its version). */
export interface HistoryRecord {
  steps: number[];
  elbo: number[];
  recon: number[];
  kl: number[];
  objective: number[];
  /** mig: MIG measured at that step (Shapes; src/client/metricsStore.ts noteMig). */
  test: Array<TestMetrics & { step: number; mig?: number }>;
}

/**
 * Where a β sweep stands (src/workers/sweepJob.ts): model `index` (0-based) of `of`, at `step` of
 * the `steps` each trains. 'done': all trained; 'cancelled': stopped early (the models finished
 * before stay on the page), `note` says why when the user did not cancel it.
 */
export interface SweepProgress {
  sweepId: number;
  phase: 'training' | 'testing' | 'paused' | 'done' | 'cancelled';
  index: number;
  of: number;
  step: number;
  steps: number;
  note?: string;
}

/** One finished model of a β sweep: its config (the primary's, with this β), test figures and weights. */
export interface SweepModelResult {
  sweepId: number;
  index: number;
  beta: number;
  step: number;
  config: SessionConfig;
  /** Rate R = test.kl, distortion D = test.recon, −ELBO = −test.elbo (the full test set). */
  test: TestMetrics;
  /** MIG on Shapes (null where it is not defined). */
  mig: number | null;
  /** Plain arrays (transferred): the page keeps them, within its bound (src/client/sweepStore.ts). */
  weights: NetworkWeights;
}

// ─── page → training worker ────────────────────────────────────────────────────────────────
export type ToTrainer =
  /** baseUrl: where public/ is served (import.meta.env.BASE_URL resolved to an absolute URL). */
  /** probe: the page's remembered speed probe; with none (or a stale one) 'auto' measures anew. */
  /** images: the user's own, when config.dataset is 'custom' (a restarted worker gets them again). */
  | { type: 'init'; config: SessionConfig; backend: BackendChoice; baseUrl: string; probe?: BackendProbe | null; images?: ImageDataset }
  | { type: 'play' }
  | { type: 'pause' }
  /** Run exactly `chunks` chunks, then pause. */
  | { type: 'step'; chunks: number }
  /** New weights (and, if the dataset changed, new data); step back to 0. */
  | { type: 'reset'; config: SessionConfig }
  | { type: 'setHyper'; hyper: Partial<Hyper> }
  | { type: 'setBackend'; backend: BackendChoice }
  /** Show/train another model kind, or both (Compare); each kind keeps its weights and step. */
  | { type: 'setView'; view: ViewMode }
  /** Model B's own settings (modelB.ts); those that need new weights reset Model B only. */
  | { type: 'setModelB'; settings: ModelBSettings }
  | { type: 'evaluate'; id: number; full: boolean; iwK?: number }
  /** MIG of the shown model(s) now, over the evaluation set; answered by 'disentanglement'. */
  | { type: 'measureDisentanglement' }
  /** history: the page's curves, stored in the checkpoint so a load restores them. */
  | { type: 'save'; id: number; history?: HistoryRecord }
  | { type: 'load'; id: number; bytes: ArrayBuffer }
  /** Compare, with Model B from this checkpoint (a shipped AE of the VAE's shape, at the VAE's step); answered by 'loaded' for 'b'. */
  | { type: 'loadPartner'; id: number; bytes: ArrayBuffer }
  /** Train on the user's own images (config.dataset 'custom'): new weights, step 0; answered by 'loaded'. */
  | { type: 'useImages'; id: number; config: SessionConfig; images: ImageDataset }
  /** A β sweep (sweepJob.ts): one VAE per value, each `steps` steps from the primary's seed; the shown models pause. */
  | { type: 'sweepStart'; sweepId: number; values: number[]; steps: number }
  | { type: 'sweepControl'; action: 'pause' | 'resume' | 'cancel' }
  /** Compare, with Model B a sweep's model (these settings over Model A's, these weights); answered by 'loaded' for 'b'. */
  | { type: 'openSweepModel'; id: number; settings: ModelBSettings; config: SessionConfig; weights: NetworkWeights; test: TestMetrics }
  /** Test/debug hook (debugFaults.ts): makes the worker fail on purpose, so recovery can be tested. */
  | { type: 'debug'; fault: DebugFault };

/** Faults the test/debug hook can inject: a NaN step, a crash, a hang, a lost WebGL context. */
export type DebugFault = 'nan' | 'crash' | 'hang' | 'lose-context';

// ─── training worker → page ────────────────────────────────────────────────────────────────
export type FromTrainer =
  /** threads: how many share WASM's matrix products (the probe's answer; 1 elsewhere). */
  | { type: 'ready'; backend: BackendName; tried: BackendAttempt[]; config: SessionConfig; threads?: number }
  /** A new speed probe, for the page to remember and show in the backend menu. */
  | { type: 'probed'; probe: BackendProbe }
  | { type: 'progress'; stage: ProgressStage; loaded: number; total: number; label: string }
  /**
   * Busy, not hung (shaderWarmup.ts): posted after a unit of work when the page heard nothing for
   * a while, and before one whose kind took `busyMs` last time (a slow backend's training step),
   * so the page's watchdog allows a silence that long.
   */
  | { type: 'alive'; busyMs?: number }
  /**
   * One per chunk of steps. A test pass runs between chunks and arrives as a metrics message
   * of its own, with an empty train series and `step` = the step it measured.
   * `epoch` counts completed passes over the train set (0 during the first).
   */
  | {
      type: 'metrics';
      step: number;
      epoch: number;
      /** Fraction of the current epoch done, 0–1. */
      epochProgress: number;
      train: ChunkSeries;
      test?: TestMetrics;
      imagesPerSec: number;
      /** tf.memory().numTensors after the chunk: flat when nothing leaks. */
      numTensors?: number;
      /** tf.memory().numBytes after the chunk (the soak script watches it). */
      numBytes?: number;
      /** The model these figures belong to (absent: the one shown). */
      model?: ModelTag;
    }
  /** Test-set codes, posted every few chunks. logvar is null for the AE. */
  | {
      type: 'latent';
      step: number;
      kind: ModelConfig['kind'];
      dim: number;
      count: number;
      mu: Float32Array;
      logvar: Float32Array | null;
      labels: Uint8Array;
      /** Shapes: the true factors of these images (the first `count` rows). */
      factors?: LatentFactors;
      model?: ModelTag;
    }
  /** MIG after each epoch, with each full snapshot, and on request (Shapes; elsewhere null with a note). */
  | ({ type: 'disentanglement'; model?: ModelTag } & DisentanglementSnapshot)
  /** A copy of the current weights for the inference worker (every few chunks and on pause). */
  | { type: 'weights'; step: number; weights: NetworkWeights; model?: ModelTag }
  /** The fixed strip of test images (count × 784, [0,1]) and their reconstructions (mean images). */
  | { type: 'recon'; step: number; count: number; inputs: Float32Array; outputs: Float32Array; model?: ModelTag }
  | { type: 'state'; running: boolean; step: number; epoch: number; model?: ModelTag }
  /** The view now in force (after setView, or a reset/load that changed the model kind). */
  | { type: 'view'; view: ViewMode; config: SessionConfig }
  | { type: 'evaluated'; id: number; metrics: TestMetrics; logpx?: number }
  | { type: 'saved'; id: number; bytes: ArrayBuffer }
  /** Answers 'load', 'loadPartner' and 'useImages' (step 0, no history). */
  /** model: 'b' answers 'loadPartner' (Compare's Model B); absent, the shown model was replaced. */
  | { type: 'loaded'; id: number; config: SessionConfig; step: number; history?: HistoryRecord; model?: ModelTag }
  | ({ type: 'sweep' } & SweepProgress)
  | ({ type: 'sweepModel' } & SweepModelResult)
  | { type: 'error'; code: ErrorCode; message: string; recoverable: boolean; id?: number };

export type ErrorCode =
  | 'backend'
  | 'dataset'
  | 'nan'
  | 'oom'
  | 'checkpoint'
  | 'context-lost'
  | 'internal';

// ─── page → inference worker (TF.js-free, answers while training runs) ───────────────────────
export type ToInference =
  /** model: whose weights (absent: the model's kind says, 'vae' A and 'ae' B). */
  | { type: 'weights'; step: number; weights: NetworkWeights; model?: ModelTag }
  /**
   * A decoder alone (a pretrained model's first paint, before the training worker has sent the
   * whole network): decode answers from it, encode refuses until full weights arrive.
   */
  | { type: 'decoder'; step: number; config: ModelConfig; decoder: LayerWeights[] }
  /** Decode n latent vectors (n × dim, row-major) to mean images sigmoid(logits). model: whose decoder (absent: the latest weights). */
  | { type: 'decode'; id: number; n: number; z: Float32Array; model?: ModelTag }
  /** Encode n images (n × 784, [0,1]); also returns their reconstructions from z = μ. */
  | { type: 'encode'; id: number; n: number; pixels: Float32Array; model?: ModelTag };

// ─── inference worker → page ─────────────────────────────────────────────────────────────────
export type FromInference =
  | { type: 'decoded'; id: number; n: number; step: number; pixels: Float32Array }
  | {
      type: 'encoded';
      id: number;
      n: number;
      step: number;
      mu: Float32Array;
      logvar: Float32Array | null;
      recon: Float32Array;
    }
  /** No weights yet, or a request of the wrong shape. */
  | { type: 'inferenceError'; id: number; message: string };

// ─── page ↔ image import worker (import.worker.ts: the user's files to 28 × 28 gray) ─────────
/** A picked file and its path inside the picked folder ("digits/3/a.png"), or its name alone. */
export interface ImportFile {
  path: string;
  file: Blob;
}

export type ToImporter = { type: 'import'; files: ImportFile[]; sprite: SpriteOptions | null };

export type FromImporter =
  | { type: 'importProgress'; done: number; total: number }
  /** pixels and labels are transferred. */
  | { type: 'imported'; images: ConvertedImages }
  | { type: 'importFailed'; message: string };
