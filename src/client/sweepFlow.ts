// The page's β sweep (issue 16): start one in the training worker when it fits the bound
// (sweepStore.ts), pause, resume, cancel, discard, and open a finished model as Compare's
// Model B — Model A stays as it is; B takes the sweep model's settings and weights.

import type { ClientCore } from './clientCore';
import type { SweepRefusal, SweepSnapshot } from './sweepStore';
import { MODEL_B_KEYS, modelBDiff, type ModelBSettings } from '../shared/modelB';
import type { SessionConfig } from '../shared/protocol';

/** What React may do with sweeps (PlaygroundClient.sweeps). */
export interface SweepControls {
  get(): SweepSnapshot;
  subscribe(listener: () => void): () => void;
  /** Starts a sweep of the shown model's config with these β values and steps each; a refusal when it does not fit (nothing starts). */
  start(values: readonly number[], steps: number): SweepRefusal | null;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Frees a finished (or cancelled) sweep's kept models. */
  discard(sweepId: number): void;
  /** Compare, with Model B this sweep model; rejects (nothing changed) when it no longer fits Model A. */
  open(sweepId: number, index: number): Promise<void>;
}

/** Model A's config: the panel's, as a VAE (the AE view shows Model B). */
function configA(core: ClientCore): SessionConfig {
  const c = core.state.config;
  return c.model.kind === 'vae' ? c : { ...c, model: { ...c.model, kind: 'vae' } };
}

/** The settings that make Model B this model over Model A: only those that differ. */
export function sweepModelB(a: SessionConfig, model: SessionConfig): ModelBSettings {
  const full: ModelBSettings = {};
  const fields = { ...model.hyper, ...model.model } as Record<string, unknown>;
  for (const key of MODEL_B_KEYS) if (fields[key] !== undefined) Object.assign(full, { [key]: fields[key] });
  return modelBDiff(a, full);
}

export class SweepFlow implements SweepControls {
  private readonly core: ClientCore;

  constructor(core: ClientCore) {
    this.core = core;
  }

  get = (): SweepSnapshot => this.core.sweeps.get();
  subscribe = (listener: () => void): (() => void) => this.core.sweeps.subscribe(listener);

  start(values: readonly number[], steps: number): SweepRefusal | null {
    const store = this.core.sweeps;
    const refusal = store.refusal(values, configA(this.core));
    if (refusal) return refusal;
    const sweepId = store.begin(values, steps);
    this.core.postTrainer({ type: 'sweepStart', sweepId, values: [...values], steps });
    return null;
  }

  pause(): void {
    this.core.postTrainer({ type: 'sweepControl', action: 'pause' });
  }

  resume(): void {
    this.core.postTrainer({ type: 'sweepControl', action: 'resume' });
  }

  cancel(): void {
    this.core.postTrainer({ type: 'sweepControl', action: 'cancel' });
  }

  discard(sweepId: number): void {
    this.core.sweeps.discard(sweepId);
  }

  async open(sweepId: number, index: number): Promise<void> {
    const core = this.core;
    const model = core.sweeps.find(sweepId, index);
    if (!model) throw new Error('That sweep model was discarded.');
    const settings = sweepModelB(configA(core), model.config);
    // Copied, not transferred: the page keeps the sweep's weights.
    const reply = await core.askTrainer((id) => ({ type: 'openSweepModel', id, settings, config: model.config, weights: model.weights, test: model.test }));
    if (reply.type !== 'loaded') throw new Error(`openSweepModel: unexpected reply ${reply.type}`);
    core.setState({ ...core.state, view: 'compare', modelB: settings, compareFrom: 'sweep' });
  }
}
