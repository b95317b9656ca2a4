// AE vs VAE on the page's side: each model kind's curves, codes, reconstructions, decoder copy
// and counters, kept while another kind is shown, so toggling loses nothing. The client reads
// the shown model's through `current`; Compare reads the other one through of().

import type { Topic } from './clientTypes';
import { MainThreadDecoder } from './mainThreadDecoder';
import { MetricsStore } from './metricsStore';
import type { ModelStream } from './modelStream';
import { primarySlot } from '../shared/modelB';
import type { FromTrainer, ModelTag, ViewMode } from '../shared/protocol';
import { ruleOf } from './trainerMessages';

export type { ModelStream };

const KINDS: readonly ModelTag[] = ['a', 'b'];

export interface Counters {
  step: number;
  epoch: number;
  weightsStep: number;
}

function emptyStream(): ModelStream {
  return { metrics: new MetricsStore(), decoder: new MainThreadDecoder(), latent: null, recon: null, disentanglement: null, weightsStep: -1, step: 0, epoch: 0 };
}

/** The model a view shows first (the status line's): in Compare Model A. */
export function shownModel(view: ViewMode): ModelTag {
  return primarySlot(view);
}

export class ModelStreams {
  private readonly byModel: Record<ModelTag, ModelStream> = { a: emptyStream(), b: emptyStream() };
  private shown: ModelTag;

  constructor(shown: ModelTag = 'a') {
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
      Object.assign(s, { latent: null, recon: null, disentanglement: null, weightsStep: -1, step: 0, epoch: 0 });
    }
  }
}

/** Files a message into a model's streams (its rule in trainerMessages.ts); returns the topic it changed, if any. */
export function absorb(stream: ModelStream, msg: FromTrainer, step = stream.step): Topic | null {
  return ruleOf(msg).stream?.(stream, msg, step) ?? null;
}
