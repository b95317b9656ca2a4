// Every message between the page and its workers. Types only: no logic lives here.
// Large arrays travel as transferables (Float32Array/Uint8Array buffers), never as JSON arrays.

import type { DatasetName } from '../data/types';
import type { DenseWeights, Hyper, Metrics, ModelConfig, NetworkWeights } from '../model/types';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

/** One backend the worker tried, in order, and why it did not run (if it did not). */
export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  reason?: string;
}

/** Everything a training session is: dataset, network shape, live hyperparameters, seed. */
export interface SessionConfig {
  dataset: DatasetName;
  model: ModelConfig;
  hyper: Hyper;
  seed: number;
}

export type ProgressStage = 'backend' | 'download' | 'upload' | 'warmup' | 'evaluate';

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
  test: Array<TestMetrics & { step: number }>;
}

// ─── page → training worker ────────────────────────────────────────────────────────────────
export type ToTrainer =
  /** baseUrl: where public/ is served (import.meta.env.BASE_URL resolved to an absolute URL). */
  | { type: 'init'; config: SessionConfig; backend: BackendChoice; baseUrl: string }
  | { type: 'play' }
  | { type: 'pause' }
  /** Run exactly `chunks` chunks, then pause. */
  | { type: 'step'; chunks: number }
  /** New weights (and, if the dataset changed, new data); step back to 0. */
  | { type: 'reset'; config: SessionConfig }
  | { type: 'setHyper'; hyper: Partial<Hyper> }
  | { type: 'setBackend'; backend: BackendChoice }
  | { type: 'evaluate'; id: number; full: boolean; iwK?: number }
  /** history: the page's curves, stored in the checkpoint so a load restores them. */
  | { type: 'save'; id: number; history?: HistoryRecord }
  | { type: 'load'; id: number; bytes: ArrayBuffer };

// ─── training worker → page ────────────────────────────────────────────────────────────────
export type FromTrainer =
  | { type: 'ready'; backend: BackendName; tried: BackendAttempt[]; config: SessionConfig }
  | { type: 'progress'; stage: ProgressStage; loaded: number; total: number; label: string }
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
    }
  /** A copy of the current weights for the inference worker (every few chunks and on pause). */
  | { type: 'weights'; step: number; weights: NetworkWeights }
  /** The fixed strip of test images (count × 784, [0,1]) and their reconstructions (mean images). */
  | { type: 'recon'; step: number; count: number; inputs: Float32Array; outputs: Float32Array }
  | { type: 'state'; running: boolean; step: number; epoch: number }
  | { type: 'evaluated'; id: number; metrics: TestMetrics; logpx?: number }
  | { type: 'saved'; id: number; bytes: ArrayBuffer }
  | { type: 'loaded'; id: number; config: SessionConfig; step: number; history?: HistoryRecord }
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
  | { type: 'weights'; step: number; weights: NetworkWeights }
  /**
   * A decoder alone (a pretrained model's first paint, before the training worker has sent the
   * whole network): decode answers from it, encode refuses until full weights arrive.
   */
  | { type: 'decoder'; step: number; config: ModelConfig; decoder: DenseWeights[] }
  /** Decode n latent vectors (n × dim, row-major) to mean images sigmoid(logits). */
  | { type: 'decode'; id: number; n: number; z: Float32Array }
  /** Encode n images (n × 784, [0,1]); also returns their reconstructions from z = μ. */
  | { type: 'encode'; id: number; n: number; pixels: Float32Array };

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
