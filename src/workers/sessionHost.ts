// The training worker's models and where they run: the backend (and a first visit's speed probe
// still running between chunks), the session and its loop, Compare's second model (modelSlots.ts),
// and their moves — new weights, another view, another backend, repairs after NaN weights or a
// lost WebGL context. The dispatcher (trainerController.ts) drives it one message or chunk at a time.

import type { DataSource } from '../data';
import type { BackgroundProbe, BackendSelection } from './backend';
import { ModelSlots, type Slot } from './modelSlots';
import { SessionData } from './sessionData';
import type { TrainingData } from './trainingData';
import { TrainingLoop } from './trainingLoop';
import { TrainingSession, type SessionStart } from './trainingSession';
import type { SweepJob } from './sweepJob';
import { settled } from '../model/readback';
import { weightsFinite } from '../shared/finiteWeights';
import { slotOfKind, type ModelBSettings } from '../shared/modelB';
import type { BackendChoice, BackendName, BackendProbe, FromTrainer, ModelTag, SessionConfig, ViewMode } from '../shared/protocol';
import { classifyError, errorText, WorkerError } from '../shared/workerErrors';

export interface ControllerDeps {
  post(msg: FromTrainer, transfer?: Transferable[]): void;
  /** remembered: the page's speed probe; without one, 'auto' measures (backendProbe.ts). */
  selectBackend(
    choice: BackendChoice,
    remembered?: BackendProbe | null,
    onProbe?: (backend: BackendName, done: number, total: number) => void,
    deferProbe?: boolean,
  ): Promise<BackendSelection>;
  openSource(baseUrl: string): DataSource;
  /** WebGL reports a lost context only when asked. */
  contextLost(): boolean;
}

export class SessionHost {
  readonly data: SessionData;
  selection: BackendSelection | null = null;
  /** The first visit's speed probe, still running between chunks. */
  pendingProbe: BackgroundProbe | null = null;
  /** The speed probe 'auto' orders backends by: the page's, or the one measured here. */
  probe: BackendProbe | null = null;
  session: TrainingSession | null = null;
  /** The config of the last session built, to rebuild from if a backend switch failed halfway. */
  private lastConfig: SessionConfig | null = null;
  /** The shown model's loop; AE vs VAE swaps it for a parked one (modelSlots.ts). */
  loop: TrainingLoop;
  readonly slots = new ModelSlots();
  /** The β sweep beside the user's models (sweepJob.ts, sweepControl.ts), if one was started. */
  sweep: SweepJob | null = null;
  private readonly deps: ControllerDeps;

  constructor(deps: ControllerDeps) {
    this.deps = deps;
    this.data = new SessionData((stage, loaded, total, label) => this.post({ type: 'progress', stage, loaded, total, label }));
    this.loop = new TrainingLoop((msg, transfer) => deps.post(msg, transfer));
    this.loop.repair = () => this.repairWeights();
  }

  post(msg: FromTrainer, transfer: Transferable[] = []): void {
    this.deps.post(msg, transfer);
  }

  requireSession(): TrainingSession {
    if (!this.session) throw new WorkerError('internal', 'No model is loaded yet.', true);
    return this.session;
  }

  /** The loops the page sees (both in Compare). */
  shownLoops(): TrainingLoop[] {
    return this.slots.shownLoops(this.loop);
  }

  /** The shown loop's state and a snapshot of its weights, for the page. */
  announce(loops: TrainingLoop[] = [this.loop]): void {
    for (const l of loops) {
      l.postState();
      l.queueSnapshot();
    }
  }

  async init(choice: BackendChoice, baseUrl: string): Promise<void> {
    await this.chooseBackend(choice);
    await this.data.open(this.deps.openSource(baseUrl));
  }

  async chooseBackend(choice: BackendChoice): Promise<void> {
    this.post({ type: 'progress', stage: 'backend', loaded: 0, total: 1, label: 'Starting TensorFlow.js' });
    try {
      // A first visit's speed probe runs between chunks (advanceProbe), so Train is usable at once.
      this.selection = await this.deps.selectBackend(choice, this.probe, undefined, true);
    } catch (err) {
      throw new WorkerError('backend', errorText(err), false);
    }
    this.pendingProbe = this.selection.pendingProbe ?? null;
    if (this.selection.probe) {
      this.probe = this.selection.probe;
      this.post({ type: 'probed', probe: this.selection.probe });
    }
    this.loop.webgl = this.selection.backend === 'webgl';
    this.post({ type: 'progress', stage: 'backend', loaded: 1, total: 1, label: `Using ${this.selection.backend}` });
  }

  postReady(): void {
    if (!this.session || !this.selection) return;
    const { backend, tried, threads } = this.selection;
    this.post({ type: 'ready', backend, tried, config: this.session.config, ...(threads === undefined ? {} : { threads }) });
  }

  /** Downloads (if the dataset is new) and uploads data, then builds a session; on failure nothing changes. */
  async replaceSession(config: SessionConfig, start?: SessionStart): Promise<void> {
    const { splits, data, same } = await this.data.prepare(config, this.session !== null);
    let session: TrainingSession;
    try {
      session = new TrainingSession(config, data, start);
    } catch (err) {
      if (!same) data.dispose();
      throw err;
    }
    this.session?.dispose();
    this.slots.dropAll();
    this.data.adopt(splits, data);
    if (this.sweep && !this.sweep.usesData(data)) this.sweep.cancel('The dataset changed, so the β sweep stopped; its finished models are kept.');
    this.adopt(session, true);
    this.slots.replaced(this.primary(), this.spawn);
    this.post({ type: 'view', view: this.slots.view, config: session.config });
  }

  /** AE vs VAE: shows another kind (or both), keeping each kind's weights and step; `partner`: Compare's AE from these weights. */
  setView(view: ViewMode, partner?: SessionStart): void {
    const next = this.slots.setView(view, this.primary(), this.spawn, partner);
    this.session = next.session;
    this.loop = next.loop;
    this.lastConfig = next.session.config;
    // Weight repair restores the primary's session: only its loop may call it.
    for (const loop of this.slots.allLoops(this.loop)) loop.repair = loop === this.loop ? () => this.repairWeights() : null;
    this.post({ type: 'view', view: this.slots.view, config: next.session.config });
    this.announce(this.shownLoops());
  }

  primary(): Slot {
    return { session: this.requireSession(), loop: this.loop };
  }

  /** Model B's own settings; in Compare the page sees B's state and weights again (new ones if it was reset). */
  setModelB(settings: ModelBSettings): void {
    const before = this.slots.partner;
    // Before the first session (a link's Model B, sent right after init) the settings wait for Compare.
    this.slots.setModelB(settings, this.session ? this.primary() : null, this.spawn);
    const after = this.slots.partner;
    if (after && after !== before) this.announce([after.loop]);
  }

  /** The other model beside the primary: same data and seed, its own config (modelSlots.ts). */
  private readonly spawn = (tag: ModelTag, config: SessionConfig, start?: SessionStart): Slot => {
    const session = new TrainingSession(config, this.data.data as TrainingData, start);
    const loop = new TrainingLoop((msg, transfer) => this.deps.post(msg, transfer));
    loop.tag = tag;
    loop.webgl = this.loop.webgl;
    loop.adopt(session, start === undefined);
    return { session, loop };
  };

  private adopt(session: TrainingSession | null, fresh: boolean): void {
    this.session = session;
    if (session) {
      this.lastConfig = session.config;
      // A VAE shown alone is Model A; an AE shown alone is Model B (modelSlots.ts).
      this.loop.tag = slotOfKind(session.config.model.kind);
    }
    this.loop.adopt(session, fresh);
  }

  /** Moves the session to another backend, keeping its weights, step and hyperparameters. */
  async switchBackend(choice: BackendChoice): Promise<void> {
    const s = this.session;
    if (s) {
      await settled(s.net.variables); // getWeights reads synchronously: safe on WebGPU only after this
      return this.rebuildOn(choice, s.config, { weights: s.net.getWeights(), step: s.step, epoch: s.epoch });
    }
    // An earlier switch failed halfway: start over from the last weights sent out.
    if (this.lastConfig && this.data.splits) return this.rebuildOn(choice, this.lastConfig, this.loop.lastSnapshot ?? undefined);
  }

  private async rebuildOn(choice: BackendChoice, config: SessionConfig, start: SessionStart | undefined): Promise<void> {
    this.sweep?.cancel('The backend changed, so the β sweep stopped; its finished models are kept.');
    await this.slots.settle();
    const parked = this.slots.suspend();
    // Tensors belong to the backend that made them: free them before leaving it.
    try {
      this.session?.dispose();
    } catch {
      // A lost WebGL context cannot free its textures; they went with the context.
    }
    this.data.dropTensors();
    this.adopt(null, false);
    await this.chooseBackend(choice);
    const data = this.data.reupload();
    const fresh = start === undefined;
    this.adopt(new TrainingSession(config, data, start), fresh);
    this.slots.resume(parked, this.primary(), this.spawn);
    this.postReady();
    this.loop.postState();
    // The same weights on a new backend: the page already has their snapshot.
    if (fresh) this.loop.queueSnapshot();
  }

  /** One chunk of the next loop's training; a lost WebGL context moves everything to WASM. */
  async trainChunk(): Promise<void> {
    const wasPlaying = this.loop.playing;
    const lost = () => this.selection?.backend === 'webgl' && this.deps.contextLost();
    try {
      await this.slots.nextLoop(this.primary()).work();
      // A lost context fails quietly (reads give zeros): ask after every chunk.
      if (lost()) await this.recoverFromContextLoss(wasPlaying);
    } catch (err) {
      try {
        if (lost()) await this.recoverFromContextLoss(wasPlaying);
        else this.post({ type: 'error', ...classifyError(err, `training with batch size ${this.session?.hyper.batchSize ?? '?'}`) });
      } catch (inner) {
        this.post({ type: 'error', ...classifyError(inner, 'recovering from a lost WebGL context') });
      }
      this.loop.postState();
    }
  }

  /** One chunk (or test slice) of the β sweep; a failure stops it, with the reason. */
  async advanceSweep(): Promise<void> {
    const sweep = this.sweep;
    if (!sweep) return;
    try {
      await sweep.advance();
    } catch (err) {
      const c = classifyError(err, 'running the β sweep');
      this.post({ type: 'error', ...c, recoverable: true });
      sweep.cancel(c.message);
    }
  }

  /**
   * One candidate of the first visit's deferred speed probe. Once all are measured the page gets
   * the probe, and when another backend trained faster the session moves there, weights and step
   * kept (the same move as choosing it in the menu).
   */
  async advanceProbe(): Promise<void> {
    const pending = this.pendingProbe;
    const current = this.selection?.backend;
    if (!pending || !current) return;
    let done: Awaited<ReturnType<BackgroundProbe['advance']>>;
    try {
      done = await pending.advance(current);
    } catch (err) {
      this.pendingProbe = null;
      this.post({ type: 'error', ...classifyError(err, 'measuring which backend trains fastest'), recoverable: true });
      return;
    }
    if (!done) return;
    this.pendingProbe = null;
    this.probe = done.probe;
    this.post({ type: 'probed', probe: done.probe });
    if (this.selection) this.selection = { ...this.selection, threads: done.threads };
    const fastest = done.probe.results[0];
    if (fastest?.imagesPerSec && fastest.backend !== current) await this.switchBackend('auto');
  }

  /** The loss went NaN: if the weights themselves are no longer finite, the last snapshot's come back. */
  private repairWeights(): number | null {
    const s = this.session;
    const data = this.data.data;
    if (!s || !data || weightsFinite(s.net.getWeights())) return null;
    const snapshot = this.loop.lastSnapshot;
    // Without a snapshot (none sent yet) the only finite weights left are new ones.
    const next = new TrainingSession(s.config, data, snapshot ?? undefined);
    s.dispose();
    // New weights for the loop (fresh optimizer moments, too: they went bad with the weights).
    this.adopt(next, true);
    this.loop.lastSnapshot = snapshot;
    return next.step;
  }

  /** WebGL's context died with the weights on it: resume on WASM/CPU from the last snapshot. */
  private async recoverFromContextLoss(resume: boolean): Promise<void> {
    this.loop.stop();
    const config = this.session?.config ?? this.lastConfig;
    if (!config) return;
    const start = this.loop.lastSnapshot ?? undefined;
    await this.rebuildOn('wasm', config, start);
    // The page's picture may be newer than the snapshot: send the restored weights' own.
    this.loop.republish();
    this.loop.queueSnapshot();
    const from = start ? `step ${start.step}, the last snapshot` : 'new weights (no snapshot had been taken yet)';
    const next = resume ? 'training goes on' : 'press Train to go on';
    const message = `The WebGL context was lost. The model moved to ${this.selection?.backend} and continues from ${from}; ${next}.`;
    this.post({ type: 'error', code: 'context-lost', recoverable: true, message });
    if (resume) this.shownLoops().forEach((l) => l.play());
  }
}
