// Keeps the user's model alive when the training worker is not: it holds a copy of the latest
// weights the worker sent (every few chunks and on pause), and when the worker crashes (an
// `error` event) or goes silent for over 10 s while training (watchdog.ts), a new worker is
// started, given the same settings, and loaded with those weights as a checkpoint. At most a
// snapshot interval of steps is lost, and a notice says what happened. The client (client.ts)
// does the work through SupervisorHost; this decides when and with what.

import { serializeCheckpoint } from '../model/checkpoint';
import type { LayerWeights, NetworkWeights } from '../model/types';
import type { ClientState } from './clientTypes';
import { applyModelB, DEFAULT_MODEL_B, sameModelB, slotOfKind, type ModelBSettings } from '../shared/modelB';
import type { BackendChoice, FromTrainer, HistoryRecord, SessionConfig, ViewMode } from '../shared/protocol';
import { weightsFinite } from '../shared/finiteWeights';
import { MAX_RESTARTS, SILENCE_LIMIT_MS, Watchdog } from './watchdog';
import { errorText } from '../shared/workerErrors';

/** How often silence is judged. */
export const TICK_MS = 1_000;
/** WebGL's first chunk compiles shaders (seconds on a fast machine, far more on a slow one): silence allowed meanwhile. */
export const WARMUP_LIMIT_MS = 60_000;
/**
 * Before a unit of work that took busyMs last time (a slow backend's step), the worker says so
 * ('alive', src/workers/shaderWarmup.ts): silence is allowed up to this many times that, but
 * never past BUSY_CAP_MS.
 */
export const BUSY_FACTOR = 3;
export const BUSY_CAP_MS = 2 * WARMUP_LIMIT_MS;
/** A gap between ticks this long means the page itself was frozen (sleep, a throttled tab): not the worker's fault. */
const FROZEN_GAP_MS = 3 * TICK_MS;

export interface SupervisorHost {
  now(): number;
  /** A hidden tab's timers are throttled: silence cannot be judged while it is hidden. */
  hidden(): boolean;
  state(): ClientState;
  /** The loss curves as the page holds them: the shown model's, or Compare's Model B's. */
  history(model?: 'b'): HistoryRecord;
  /** Ends the training worker and starts a new one; requests waiting on the old one fail. */
  replaceWorker(): void;
  init(config: SessionConfig, backend: BackendChoice): void;
  /** Loads checkpoint bytes into the (new) worker; rejects if it refuses them. */
  load(bytes: ArrayBuffer): Promise<unknown>;
  play(): void;
  /** Model B's own settings, as the page holds them, for the new worker. */
  setModelB(settings: ModelBSettings): void;
  /** Compare with new weights for Model B. */
  setView(view: ViewMode): void;
  /** Compare with Model B from these checkpoint bytes; rejects if the worker refuses them. */
  loadPartner(bytes: ArrayBuffer): Promise<unknown>;
  /** The worker went back to an earlier step (weights restored): curves after it are gone. */
  rewind(step: number): void;
  notice(level: 'info' | 'warning' | 'error', message: string): void;
}

export interface Snapshot {
  step: number;
  epoch: number;
  config: SessionConfig;
  weights: NetworkWeights;
}

const copyDense = <T extends LayerWeights>(d: T): T => ({ ...d, W: d.W.slice(), b: d.b.slice() });

export function copyWeights(w: NetworkWeights): NetworkWeights {
  return { config: { ...w.config, hidden: [...w.config.hidden] }, encoder: w.encoder.map(copyDense), mu: copyDense(w.mu), logvar: w.logvar ? copyDense(w.logvar) : null, decoder: w.decoder.map(copyDense) };
}

/** The curves as they were when the weights of `step` were taken: train points before it, test points at or before it. */
export function historyUpTo(h: HistoryRecord, step: number): HistoryRecord {
  const n = h.steps.findIndex((s) => s >= step);
  const cut = <T>(a: T[]) => (n < 0 ? [...a] : a.slice(0, n));
  return { steps: cut(h.steps), elbo: cut(h.elbo), recon: cut(h.recon), kl: cut(h.kl), objective: cut(h.objective), test: h.test.filter((t) => t.step <= step) };
}

/** A snapshot as the one checkpoint format, with the current hyperparameters and the curves up to its step. */
export function snapshotCheckpoint(s: Snapshot, hyper: SessionConfig['hyper'], history: HistoryRecord, createdAt: string): ArrayBuffer {
  return serializeCheckpoint({
    format: 'vae-playground',
    version: 1,
    dataset: s.config.dataset,
    config: s.weights.config,
    hyper,
    seed: s.config.seed,
    step: s.step,
    epoch: s.epoch,
    createdAt,
    history: historyUpTo(history, s.step),
    weights: s.weights,
  });
}

export class TrainerSupervisor {
  private readonly host: SupervisorHost;
  private readonly watchdog: Watchdog;
  private snapshot: Snapshot | null = null;
  /** Compare's Model B (the model beside the shown one): its latest weights, to come back beside it. */
  private partner: Snapshot | null = null;
  /** Whether the worker should be training: Train pressed, or its own latest report. */
  private running = false;
  private restoring = false;
  /** Between the worker's 'warmup' progress messages: a long silence is expected. */
  private warmingUp = false;
  /** Silence the worker announced for the unit of work it runs now (0: none); ends with its next message. */
  private busyMs = 0;
  private lastHeard: number;
  private lastTick: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Restarts done; after MAX_RESTARTS within the watchdog's window it stays stopped. */
  restarts = 0;

  constructor(host: SupervisorHost, limitMs = SILENCE_LIMIT_MS) {
    this.host = host;
    this.lastTick = host.now();
    this.lastHeard = this.lastTick;
    this.watchdog = new Watchdog(this.lastTick, limitMs);
  }

  /** Judges silence every TICK_MS from now on. */
  start(): void {
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  dispose(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Step of the weights a restart would resume from; null before the first snapshot. */
  get snapshotStep(): number | null {
    return this.snapshot?.step ?? null;
  }

  /** Step of Compare's Model B's latest weights kept for a restart; null when there are none. */
  get partnerStep(): number | null {
    return this.partner?.step ?? null;
  }

  get busy(): boolean {
    return this.restoring;
  }

  /** Every training-worker message, before the client applies it (the state still shows what came before). */
  observe(msg: FromTrainer): void {
    this.lastHeard = this.host.now();
    this.watchdog.heard(this.lastHeard, msg.type === 'state' ? msg.running : undefined);
    if (msg.type === 'state') this.running = msg.running;
    if (msg.type === 'progress' && msg.stage === 'warmup') this.warmingUp = msg.loaded < msg.total;
    this.busyMs = msg.type === 'alive' ? Math.min(BUSY_CAP_MS, BUSY_FACTOR * (msg.busyMs ?? 0)) : 0;
    if (this.restoring) return;
    const shown = !('model' in msg) || msg.model === undefined || msg.model === slotOfKind(this.host.state().config.model.kind);
    if (msg.type === 'state' && shown && msg.step < this.host.state().step) this.host.rewind(msg.step);
    // Another session's weights come next; these belong to the one that was replaced (a load
    // replaces Model B too; loading B alone replaces B's).
    if (msg.type === 'loaded') {
      if (shown) this.snapshot = null;
      this.partner = null;
    }
    // Weights gone NaN are no snapshot to come back to.
    if (msg.type === 'weights' && weightsFinite(msg.weights)) {
      const { step, weights } = msg;
      const state = this.host.state();
      if (shown) this.snapshot = { step, epoch: state.epoch, config: state.config, weights: copyWeights(weights) };
      else if (msg.model === 'b' && state.view === 'compare') this.partner = { step, epoch: 0, config: state.config, weights: copyWeights(weights) };
    }
  }

  /** Train was pressed: silence counts from now. */
  played(): void {
    this.running = true;
    this.watchdog.expectRunning(this.host.now());
  }

  /** Pause was pressed: a restart from now on does not resume training. */
  paused(): void {
    this.running = false;
  }

  /** New weights (Reset): the old snapshots must not come back. */
  forget(): void {
    this.snapshot = null;
    this.partner = null;
  }

  /** The worker raised an `error` event. True when a restart was started (the client says nothing more). */
  crashed(detail: string): boolean {
    if (this.host.state().phase !== 'ready') return false;
    void this.restart(`stopped with an error (${detail})`);
    return true;
  }

  tick(): void {
    const now = this.host.now();
    const frozen = now - this.lastTick > FROZEN_GAP_MS;
    this.lastTick = now;
    if (this.restoring) return;
    // Messages may be queued behind a frozen page: they count as heard.
    if (frozen || this.host.hidden()) return this.watchdog.heard(now);
    if (this.warmingUp && now - this.lastHeard <= WARMUP_LIMIT_MS) return;
    if (now - this.lastHeard <= this.busyMs) return;
    // The notice names the silence that was allowed: longer than 10 s after a slow step's announcement.
    const allowed = Math.max(SILENCE_LIMIT_MS, this.busyMs);
    if (this.watchdog.check(now) === 'stuck') void this.restart(`stopped answering for more than ${Math.round(allowed / 1000)} s`);
  }

  /** A new worker from the latest snapshot; resumes training if it was training. */
  async restart(why: string): Promise<void> {
    if (this.restoring) return;
    const { host } = this;
    if (!this.watchdog.mayRestart(host.now())) {
      this.watchdog.stopped();
      host.notice('error', `The training worker ${why} again, after ${MAX_RESTARTS} restarts within a few minutes, so it is left stopped. Reload the page to start over.`);
      return;
    }
    this.restoring = true;
    this.restarts++;
    this.busyMs = 0;
    const resume = this.running;
    const snap = this.snapshot;
    const state = host.state();
    try {
      host.replaceWorker();
      host.init(snap?.config ?? state.config, state.backendChoice);
      if (snap) await host.load(snapshotCheckpoint(snap, state.config.hyper, host.history(), new Date().toISOString()));
      const pair = await this.restorePartner(state);
      const from = (snap ? `step ${snap.step}, the latest snapshot` : 'new weights (no snapshot had been taken yet)') + pair;
      host.notice('warning', `The training worker ${why}. A new worker took over from ${from}; ${resume ? 'training goes on' : 'press Train to go on'}.`);
      if (resume) {
        this.played();
        host.play();
      }
    } catch (err) {
      host.notice('error', `The training worker ${why}, and the new one could not take over the model: ${errorText(err)}`);
    } finally {
      this.restoring = false;
      this.watchdog.heard(host.now());
    }
  }

  /**
   * Compare comes back as it was: Model B's own settings, then B from its latest weights beside
   * the restored model (or new weights for B when it had none, or the worker refuses them).
   * Returns what the notice adds about Model B.
   */
  private async restorePartner(state: ClientState): Promise<string> {
    const { host } = this;
    const settings = state.modelB ?? DEFAULT_MODEL_B;
    if (!sameModelB(settings, DEFAULT_MODEL_B)) host.setModelB(settings);
    if (state.view !== 'compare') return '';
    const b = this.partner;
    if (b) {
      const config = applyModelB(state.config, settings);
      try {
        await host.loadPartner(snapshotCheckpoint({ ...b, config }, config.hyper, host.history('b'), new Date().toISOString()));
        return `, with Model B from its step ${b.step}`;
      } catch {
        // Its layers changed since (new weights not sent yet): B starts over below.
      }
    }
    host.setView('compare');
    return ', with Model B from new weights';
  }
}
