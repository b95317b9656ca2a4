// AE vs VAE on the page's side: each model kind's curves, codes, reconstructions, decoder copy
// and counters, kept while another kind is shown, so toggling loses nothing. The client reads
// the shown model's through `current`; Compare reads the other one through of().

import type { LatentSnapshot, ReconSnapshot, Topic } from './clientTypes';
import { MainThreadDecoder } from './mainThreadDecoder';
import { MetricsStore } from './metricsStore';
import type { FromTrainer, ModelTag, ViewMode } from '../shared/protocol';

export interface ModelStream {
  readonly metrics: MetricsStore;
  readonly decoder: MainThreadDecoder;
  latent: LatentSnapshot | null;
  recon: ReconSnapshot | null;
  /** Step of the weights the inference worker holds for this model; −1 before the first. */
  weightsStep: number;
  /** The status line's counters, kept while another model is shown. */
  step: number;
  epoch: number;
}

const KINDS: readonly ModelTag[] = ['vae', 'ae'];

export interface Counters {
  step: number;
  epoch: number;
  weightsStep: number;
}

function emptyStream(): ModelStream {
  return { metrics: new MetricsStore(), decoder: new MainThreadDecoder(), latent: null, recon: null, weightsStep: -1, step: 0, epoch: 0 };
}

/** The model a view shows first (the status line's): in Compare the VAE. */
export function shownModel(view: ViewMode): ModelTag {
  return view === 'compare' ? 'vae' : view;
}

export class ModelStreams {
  private readonly byModel: Record<ModelTag, ModelStream> = { vae: emptyStream(), ae: emptyStream() };
  private shown: ModelTag;

  constructor(shown: ModelTag = 'vae') {
    this.shown = shown;
  }

  get active(): ModelTag {
    return this.shown;
  }

  get current(): ModelStream {
    return this.byModel[this.shown];
  }

  of(model: ModelTag): ModelStream {
    return this.byModel[model];
  }

  /**
   * Makes `model` the shown one. `counters` are the status line's numbers of the model shown
   * until now (kept for when it comes back); returns those of the model shown from now on,
   * or null when it already was.
   */
  show(model: ModelTag, counters: Counters): Counters | null {
    if (model === this.shown) return null;
    Object.assign(this.current, counters);
    this.shown = model;
    const { step, epoch, weightsStep } = this.current;
    return { step, epoch, weightsStep };
  }

  /** New weights for everything (reset, load): the models not shown lose theirs; the caller clears the shown one's. */
  clearOthers(): void {
    for (const kind of KINDS) {
      if (kind === this.shown) continue;
      const s = this.byModel[kind];
      s.metrics.clear();
      s.decoder.clear();
      Object.assign(s, { latent: null, recon: null, weightsStep: -1, step: 0, epoch: 0 });
    }
  }
}

/** Files a message about a model that is not shown; returns the topic it changed, if any. */
export function absorb(stream: ModelStream, msg: FromTrainer): Topic | null {
  switch (msg.type) {
    case 'metrics':
      stream.metrics.appendChunk(msg.train, msg.test, msg.step);
      stream.step = msg.step;
      stream.epoch = msg.epoch;
      return 'metrics';
    case 'latent': {
      const { type: _type, model: _model, ...snapshot } = msg;
      stream.latent = snapshot;
      return 'latent';
    }
    case 'recon': {
      const { type: _type, model: _model, ...snapshot } = msg;
      stream.recon = snapshot;
      return 'recon';
    }
    case 'weights':
      // A copy: the caller transfers the originals to the inference worker.
      stream.decoder.set(msg.weights.config, msg.weights.decoder, msg.step);
      stream.weightsStep = msg.step;
      return 'weights';
    case 'state':
      stream.step = msg.step;
      stream.epoch = msg.epoch;
      return null;
    case 'loaded':
      // Compare's AE from a checkpoint: its curves, its step; its codes and decoder follow.
      stream.metrics.clear(msg.history);
      stream.decoder.clear();
      Object.assign(stream, { latent: null, recon: null, weightsStep: -1, step: msg.step });
      return 'metrics';
    default:
      return null;
  }
}
