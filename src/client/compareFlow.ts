// AE vs VAE on the page: switching the shown model, and Compare's start with both models at one
// step (compareStart.ts plans it: kept, both from the shipped checkpoints, or both new).

import type { ClientCore } from './clientCore';
import type { PretrainedEntry } from './clientTypes';
import { planCompare, shippedPair, type ComparePlan } from './compareStart';
import { shownModel } from './modelStreams';
import type { PretrainedStart } from './pretrainedStart';
import { fetchCheckpoint } from './pretrainedFiles';
import { errorText } from '../shared/workerErrors';
import { DEFAULT_MODEL_B, modelBDiff, modelBNeedsNewWeights, sameModelB, type ModelBSettings } from '../shared/modelB';
import type { ModelTag, SessionConfig, ViewMode } from '../shared/protocol';

type Loaded = { config: SessionConfig; step: number };

export class CompareFlow {
  private readonly core: ClientCore;
  private readonly pretrained: PretrainedStart;
  private readonly baseUrl: string;
  /** New weights for both models (the client's reset). */
  private readonly reset: (config: SessionConfig) => void;

  constructor(core: ClientCore, pretrained: PretrainedStart, baseUrl: string, reset: (config: SessionConfig) => void) {
    this.core = core;
    this.pretrained = pretrained;
    this.baseUrl = baseUrl;
    this.reset = reset;
  }

  stepOf(model: ModelTag): number {
    return model === this.core.streams.active ? this.core.state.step : this.core.streams.of(model).step;
  }

  /**
   * Compare starts both models at one step: kept as they are when level, else both from the
   * shipped checkpoints or both from new weights; `ask` may decline when that replaces training
   * of the user's own.
   */
  async setView(view: ViewMode, ask?: (plan: ComparePlan) => boolean): Promise<boolean> {
    if (view !== 'compare') {
      this.showView(view);
      return true;
    }
    const core = this.core;
    const models = await this.pretrained.list().then((l) => l.models, () => []);
    const { config, pretrained = null } = core.state;
    const settled = !this.pretrained.gate.active;
    // The shipped AE is Model B only in the default pair (an AE with A's layers).
    const shippable = sameModelB(modelBDiff(config, core.state.modelB ?? DEFAULT_MODEL_B), DEFAULT_MODEL_B);
    const plan = planCompare({ config, vaeStep: this.stepOf('a'), aeStep: this.stepOf('b'), pretrained, settled, models: shippable ? models : [] });
    if (plan.asks && ask && !ask(plan)) return false;
    // Each way reaches Compare in one message, so the worker never holds the two at different steps.
    const freshPair = () => {
      this.reset({ ...config, model: { ...config.model, kind: 'vae' } });
      this.showView('compare');
    };
    if (plan.kind === 'keep') {
      this.showView('compare');
      core.setState({ ...core.state, compareFrom: plan.step === 0 ? 'fresh' : (core.state.compareFrom ?? 'same') });
    } else if (plan.kind === 'fresh') {
      freshPair();
    } else {
      try {
        if (plan.vae) await this.pretrained.load(plan.vae.id);
        await this.loadPartner(plan.ae);
      } catch (err) {
        core.notice('warning', `The shipped models for Compare could not be loaded (${errorText(err)}); both start from new weights.`);
        freshPair();
      }
    }
    return true;
  }

  /**
   * A trained model loaded in Compare is shown alone (the worker leaves Compare): the shipped
   * AE joins a shipped VAE at its step; otherwise a notice says why there is one model.
   */
  async level(loaded: Loaded, comparing: boolean): Promise<Loaded> {
    if (!comparing || loaded.step === 0) return loaded;
    const core = this.core;
    const pair = shippedPair(await this.pretrained.list().then((l) => l.models, () => []), core.state.config);
    if (pair && core.state.pretrained === pair.vae.id && loaded.step === pair.vae.step) {
      try {
        await this.loadPartner(pair.ae);
        return loaded;
      } catch (err) {
        core.notice('warning', `The shipped AE could not be loaded (${errorText(err)}).`);
      }
    }
    core.notice('info', `Compare shows both models at one step, and there is no shipped AE at step ${loaded.step.toLocaleString('en-US')}: the loaded model is shown alone.`);
    return loaded;
  }

  /** Compare, with the AE from its shipped checkpoint beside the VAE at the same step (the worker's 'view' switches the page). */
  private async loadPartner(entry: PretrainedEntry): Promise<void> {
    const bytes = await fetchCheckpoint(this.baseUrl, entry);
    const reply = await this.core.askTrainer((id) => ({ type: 'loadPartner', id, bytes }));
    if (reply.type !== 'loaded') throw new Error(`loadPartner: unexpected reply ${reply.type}`);
    this.core.setState({ ...this.core.state, compareFrom: 'shipped' });
  }

  /**
   * Model B's own settings. Those that need new weights reset B only: its curves, codes and
   * decoder go with its old weights (the worker sends the new ones).
   */
  setModelB(settings: ModelBSettings): void {
    const core = this.core;
    const before = core.state.modelB ?? DEFAULT_MODEL_B;
    core.postTrainer({ type: 'setModelB', settings });
    if (modelBNeedsNewWeights(core.state.config, before, settings)) {
      const stream = core.streams.of('b');
      stream.metrics.clear();
      stream.decoder.clear();
      Object.assign(stream, { latent: null, recon: null, disentanglement: null, weightsStep: -1, step: 0, epoch: 0 });
      for (const topic of ['metrics', 'latent', 'weights', 'disentanglement'] as const) core.emit(topic);
    }
    core.setState({ ...core.state, modelB: { ...settings } });
  }

  /** The worker keeps each model; here the page shows another one's streams at once. */
  private showView(view: ViewMode): void {
    const core = this.core;
    core.postTrainer({ type: 'setView', view });
    const model = shownModel(view);
    const kind: SessionConfig['model']['kind'] = view === 'ae' ? 'ae' : 'vae';
    const config = { ...core.state.config, model: { ...core.state.config.model, kind } };
    // The AE view shows Model B as an AE (the worker makes it one, as here).
    const modelB = view === 'ae' && core.state.modelB?.kind !== undefined && core.state.modelB.kind !== 'ae' ? { ...core.state.modelB, kind } : core.state.modelB;
    core.setState({ ...core.state, view, config, ...(modelB ? { modelB } : {}) });
    core.showModel(model);
  }
}
