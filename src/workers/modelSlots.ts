// AE vs VAE: the training worker keeps one session per model kind on the same data and the
// same layers, so switching the view parks a model instead of discarding it. In Compare the
// VAE (the primary) and the AE (its partner) train in turns, in lockstep on their step counts:
// the one behind trains exactly the steps it lacks, so both see batch k at their step k (same
// seed, same sampler) and the page shows them at one step (the page starts them at one step:
// compareStart.ts). TrainerController owns the primary; this owns the parked ones and the turns.

import type { ModelTag, SessionConfig, ViewMode } from '../shared/protocol';
import type { TrainingLoop } from './trainingLoop';
import type { SessionStart, TrainingSession } from './trainingSession';

export interface Slot {
  session: TrainingSession;
  loop: TrainingLoop;
}

/** A new session and loop of this kind (from `start`, or fresh weights). */
export type SpawnSlot = (kind: ModelTag, start?: SessionStart) => Slot;

/** The model a view shows first: in Compare the VAE (its status line, its checkpoint). */
export function primaryOf(view: ViewMode): ModelTag {
  return view === 'compare' ? 'vae' : view;
}

export function withKind(config: SessionConfig, kind: ModelTag): SessionConfig {
  return { ...config, model: { ...config.model, kind }, hyper: { ...config.hyper } };
}

export class ModelSlots {
  private current: ViewMode = 'vae';
  private readonly parked = new Map<ModelTag, Slot>();

  get view(): ViewMode {
    return this.current;
  }

  /** The AE trained beside the VAE in Compare; null otherwise. */
  get partner(): Slot | null {
    return this.current === 'compare' ? (this.parked.get('ae') ?? null) : null;
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
   * Shows `view`; returns the new primary. A kind shown for the first time gets fresh weights;
   * one shown before comes back as it was left. Training that ran goes on with what is shown.
   * `partner`: Compare's AE starts from these weights (a shipped AE at the VAE's step), in one
   * go with the switch, so the two never stand at different steps in between.
   */
  setView(view: ViewMode, primary: Slot, spawn: SpawnSlot, partner?: SessionStart): Slot {
    const running = primary.loop.playing || (this.partner?.loop.playing ?? false);
    for (const loop of this.allLoops(primary.loop)) loop.stop();
    const want = primaryOf(view);
    const have = primary.session.config.model.kind;
    let next = primary;
    if (want !== have) {
      this.parked.set(have, primary);
      next = this.parked.get(want) ?? spawn(want);
      this.parked.delete(want);
    }
    if (view === 'compare' && partner) {
      const old = this.parked.get('ae');
      if (old) dispose(old);
      this.parked.set('ae', spawn('ae', partner));
    }
    if (view === 'compare' && !this.parked.has('ae')) this.parked.set('ae', spawn('ae'));
    this.current = view;
    this.markBase(next);
    if (running) for (const loop of this.shownLoops(next.loop)) loop.play();
    return next;
  }

  /**
   * New weights for the primary (reset, load, startup): every parked model goes, since its
   * shape or data may no longer match. The view follows the primary's kind, except that
   * Compare stays Compare when the primary is a new VAE (it gets a new AE beside it, both at
   * step 0). A trained VAE is shown alone: the page decides what goes beside it (loadPartner).
   */
  replaced(primary: Slot, spawn: SpawnSlot): void {
    this.dropAll();
    const kind = primary.session.config.model.kind;
    this.current = this.current === 'compare' && kind === 'vae' && primary.session.step === 0 ? 'compare' : kind;
    if (this.current === 'compare') this.parked.set('ae', spawn('ae'));
    this.markBase(primary);
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

  /**
   * Before the tensors go (a backend switch, a lost WebGL context): each parked model's weights
   * as plain arrays, or its last snapshot if they cannot be read any more, then frees it.
   */
  suspend(): Map<ModelTag, SessionStart> {
    const starts = new Map<ModelTag, SessionStart>();
    for (const [kind, { session, loop }] of this.parked) {
      let start: SessionStart | null = loop.lastSnapshot;
      try {
        start = { weights: session.net.getWeights(), step: session.step, epoch: session.epoch };
      } catch {
        // A lost context took the weights with it: the last snapshot is what is left.
      }
      if (start) starts.set(kind, start);
    }
    this.dropAll();
    return starts;
  }

  /** Rebuilds what suspend() kept, on the new backend. */
  resume(starts: Map<ModelTag, SessionStart>, primary: Slot, spawn: SpawnSlot): void {
    for (const [kind, start] of starts) this.parked.set(kind, spawn(kind, start));
    if (this.current === 'compare' && !this.parked.has('ae')) this.parked.set('ae', spawn('ae'));
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
