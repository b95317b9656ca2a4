// Two models on the same data: Model A (the VAE view's) and Model B (Compare's second; the AE
// view's in the default pair), each in its slot, so switching the view parks a model instead
// of discarding it. B's config is A's with B's own settings over it (shared/modelB.ts). In
// Compare A (the primary) and B (its partner) train in turns, in lockstep on their step counts:
// the one behind trains exactly the steps it lacks, so both see batch k at their step k (same
// seed, same sampler) and the page shows them at one step (the page starts them at one step:
// compareStart.ts). TrainerController owns the primary; this owns the parked ones and the turns.

import { settled } from '../model/readback';
import type { Hyper } from '../model/types';
import { applyModelB, DEFAULT_MODEL_B, modelBHyper, modelBNeedsNewWeights, primarySlot, sharedHyper, slotOfKind, type ModelBSettings } from '../shared/modelB';
import type { ModelTag, SessionConfig, ViewMode } from '../shared/protocol';
import type { TrainingLoop } from './trainingLoop';
import type { SessionStart, TrainingSession } from './trainingSession';

export interface Slot {
  session: TrainingSession;
  loop: TrainingLoop;
}

/** A new session and loop with this config, for this slot (from `start`, or fresh weights). */
/** A parked model as suspend() keeps it: its config and weights. */
export interface ParkedStart {
  config: SessionConfig;
  start: SessionStart;
}

export type SpawnSlot = (tag: ModelTag, config: SessionConfig, start?: SessionStart) => Slot;

export function withKind(config: SessionConfig, kind: SessionConfig['model']['kind']): SessionConfig {
  return { ...config, model: { ...config.model, kind }, hyper: { ...config.hyper } };
}

export class ModelSlots {
  private current: ViewMode = 'vae';
  private readonly parked = new Map<ModelTag, Slot>();
  /** Model B's own settings; the rest it shares with A. */
  private b: ModelBSettings = { ...DEFAULT_MODEL_B };

  get view(): ViewMode {
    return this.current;
  }

  get modelB(): ModelBSettings {
    return this.b;
  }

  /** Model B trained beside A in Compare; null otherwise. */
  get partner(): Slot | null {
    return this.current === 'compare' ? (this.parked.get('b') ?? null) : null;
  }

  /** The slot the primary fills: B in the AE view, A otherwise. */
  get primaryTag(): ModelTag {
    return primarySlot(this.current);
  }

  /**
   * New settings for Model B. Those that need new weights (kind, latent dimension, layers) drop
   * B's model only: Compare spawns it anew at once, at step 0 (the page starts the pair level);
   * elsewhere when it is next shown. The others apply to B's loop live.
   */
  setModelB(settings: ModelBSettings, primary: Slot | null, spawn: SpawnSlot): void {
    const before = this.b;
    this.b = { ...settings };
    const b = this.parked.get('b');
    if (!primary || !b || this.primaryTag === 'b') return;
    const a = this.configA(primary);
    if (modelBNeedsNewWeights(a, before, this.b)) {
      const running = primary.loop.playing || b.loop.playing;
      dispose(b);
      this.parked.delete('b');
      if (this.current === 'compare') {
        primary.loop.stop();
        this.parked.set('b', spawn('b', applyModelB(a, this.b)));
        this.markBase(primary);
        if (running) for (const loop of this.shownLoops(primary.loop)) loop.play();
      }
      return;
    }
    b.loop.setHyper(modelBHyper(a, this.b));
  }

  /**
   * A live change from the panel: all of it to the primary, and to the other model all but the
   * settings Model B holds apart (so a comparison stays fair, and B keeps its own β).
   */
  setHyper(hyper: Partial<Hyper>, primary: TrainingLoop): void {
    primary.setHyper(hyper);
    const shared = sharedHyper(hyper, this.b);
    for (const slot of this.parked.values()) slot.loop.setHyper(shared);
  }

  /** A's config: the primary's, or (B shown alone) the parked A's, or B's network as a VAE. */
  private configA(primary: Slot): SessionConfig {
    if (this.primaryTag === 'a') return primary.session.config;
    return this.parked.get('a')?.session.config ?? withKind(primary.session.config, 'vae');
  }

  /** Whether a model other than the primary has work now (Compare's partner only). */
  get partnerHasWork(): boolean {
    return this.partner?.loop.hasWork ?? false;
  }

  /** The loops that play, pause and step together: the primary's, and the partner's in Compare. */
  shownLoops(primary: TrainingLoop): TrainingLoop[] {
    const partner = this.partner;
    return partner ? [primary, partner.loop] : [primary];
  }

  /** Every loop, parked ones included: hyperparameters apply to all, so a comparison stays fair. */
  allLoops(primary: TrainingLoop): TrainingLoop[] {
    return [primary, ...[...this.parked.values()].map((s) => s.loop)];
  }

  /**
   * Shows `view`; returns the new primary. A model shown for the first time gets fresh weights;
   * one shown before comes back as it was left. Training that ran goes on with what is shown.
   * The AE view shows Model B as an AE: a B of another kind becomes an AE (new weights for B).
   * `partner`: Compare's Model B starts from these weights (a shipped AE at the VAE's step), in
   * one go with the switch, so the two never stand at different steps in between.
   */
  setView(view: ViewMode, primary: Slot, spawn: SpawnSlot, partner?: SessionStart): Slot {
    const running = primary.loop.playing || (this.partner?.loop.playing ?? false);
    for (const loop of this.allLoops(primary.loop)) loop.stop();
    const a = this.configA(primary);
    if (view === 'ae' && this.b.kind !== 'ae') {
      this.b = { ...this.b, kind: 'ae' };
      const stale = this.parked.get('b');
      if (stale) dispose(stale);
      this.parked.delete('b');
    }
    const want = primarySlot(view);
    const have = this.primaryTag;
    let next = primary;
    if (want !== have) {
      this.parked.set(have, primary);
      next = this.parked.get(want) ?? spawn(want, want === 'b' ? applyModelB(a, this.b) : a);
      this.parked.delete(want);
    }
    if (view === 'compare' && partner) {
      const old = this.parked.get('b');
      if (old) dispose(old);
      this.parked.set('b', spawn('b', applyModelB(a, this.b), partner));
    }
    if (view === 'compare' && !this.parked.has('b')) this.parked.set('b', spawn('b', applyModelB(a, this.b)));
    this.current = view;
    this.markBase(next);
    if (running) for (const loop of this.shownLoops(next.loop)) loop.play();
    return next;
  }

  /**
   * New weights for the primary (reset, load, startup): every parked model goes, since its
   * shape or data may no longer match. The view follows the primary's kind, except that
   * Compare stays Compare when the primary is a new VAE (it gets a new Model B beside it, both
   * at step 0). A trained VAE is shown alone: the page decides what goes beside it (loadPartner).
   * Returns the primary's slot.
   */
  replaced(primary: Slot, spawn: SpawnSlot): ModelTag {
    this.dropAll();
    const kind = primary.session.config.model.kind;
    this.current = this.current === 'compare' && kind === 'vae' && primary.session.step === 0 ? 'compare' : kind;
    // An AE shown alone is Model B: an AE, whatever B was before.
    if (slotOfKind(kind) === 'b' && this.current !== 'compare' && this.b.kind !== 'ae') this.b = { ...this.b, kind: 'ae' };
    if (this.current === 'compare') this.parked.set('b', spawn('b', applyModelB(primary.session.config, this.b)));
    this.markBase(primary);
    return this.primaryTag;
  }

  /**
   * The loop that works next. In Compare the model behind trains exactly the steps it lacks,
   * and the AE never trains past the VAE: when the VAE has done its steps, chunks the AE has
   * left over (it spent fewer catching up) are dropped.
   */
  nextLoop(primary: Slot): TrainingLoop {
    this.level(primary);
    const partner = this.partner;
    if (!partner?.loop.hasWork) return primary.loop;
    const gap = primary.session.step - partner.session.step;
    partner.loop.nextChunkSteps = gap > 0 ? gap : null;
    primary.loop.nextChunkSteps = null;
    if (!primary.loop.hasWork) {
      if (gap <= 0 && partner.loop.training) partner.loop.pause();
      return partner.loop;
    }
    if (gap > 0) return partner.loop;
    if (gap < 0) primary.loop.nextChunkSteps = -gap;
    return primary.loop;
  }

  /**
   * Training stopped (Pause, or the last Step) with one model a chunk ahead: the other owes the
   * steps it lacks, so the two stand at one step whenever they stand still.
   */
  private level(primary: Slot): void {
    const partner = this.partner;
    if (!partner || primary.loop.training || partner.loop.training) return;
    const gap = primary.session.step - partner.session.step;
    if (gap > 0) partner.loop.step(1);
    else if (gap < 0) primary.loop.step(1);
  }

  /** Makes the parked models' weights safe to read synchronously (WebGPU: model/readback.ts); suspend() reads them. */
  async settle(): Promise<void> {
    for (const { session } of this.parked.values()) {
      try {
        await settled(session.net.variables);
      } catch {
        // A lost context has nothing left to read: suspend() falls back to the last snapshot.
      }
    }
  }

  /**
   * Before the tensors go (a backend switch, a lost WebGL context): each parked model's weights
   * as plain arrays, or its last snapshot if they cannot be read any more, then frees it.
   */
  suspend(): Map<ModelTag, ParkedStart> {
    const starts = new Map<ModelTag, ParkedStart>();
    for (const [tag, { session, loop }] of this.parked) {
      let start: SessionStart | null = loop.lastSnapshot;
      try {
        start = { weights: session.net.getWeights(), step: session.step, epoch: session.epoch };
      } catch {
        // A lost context took the weights with it: the last snapshot is what is left.
      }
      if (start) starts.set(tag, { config: session.config, start });
    }
    this.dropAll();
    return starts;
  }

  /** Rebuilds what suspend() kept, on the new backend. */
  resume(starts: Map<ModelTag, ParkedStart>, primary: Slot, spawn: SpawnSlot): void {
    for (const [tag, { config, start }] of starts) this.parked.set(tag, spawn(tag, config, start));
    if (this.current === 'compare' && !this.parked.has('b')) this.parked.set('b', spawn('b', applyModelB(primary.session.config, this.b)));
    this.markBase(primary);
  }

  dropAll(): void {
    for (const slot of this.parked.values()) dispose(slot);
    this.parked.clear();
  }

  /** A new pairing: no chunk size carried over from the last one. */
  private markBase(primary: Slot): void {
    const partner = this.partner;
    primary.loop.nextChunkSteps = null;
    if (partner) partner.loop.nextChunkSteps = null;
  }
}

function dispose({ session, loop }: Slot): void {
  loop.adopt(null, true);
  try {
    session.dispose();
  } catch {
    // A lost WebGL context cannot free its textures; they went with the context.
  }
}
