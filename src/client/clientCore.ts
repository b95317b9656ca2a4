// What every part of the page's client shares: the state React reads and its listeners, each
// model's streams, the links to the two workers, and the request ids. The facade (client.ts)
// builds one and hands it to the parts (trainerInbox.ts, compareFlow.ts, ownData.ts, hosts.ts).

import type { ClientState, DisentanglementSnapshot, LatentSnapshot, ReconSnapshot, Topic } from './clientTypes';
import type { MainThreadDecoder } from './mainThreadDecoder';
import type { MetricsStore } from './metricsStore';
import { ModelStreams } from './modelStreams';
import { withNotice } from './notices';
import { PendingRequests } from './pendingRequests';
import { RestartableWorker } from './restartableWorker';
import { SweepStore } from './sweepStore';
import type { FromInference, FromTrainer, ModelTag, ToInference, ToTrainer } from '../shared/protocol';

export const CLOSED = 'The playground was closed.';
const TOPICS: readonly Topic[] = ['state', 'metrics', 'latent', 'recon', 'weights', 'disentanglement'];

export class ClientCore {
  state: ClientState;
  /** Each model kind's curves, codes and decoder (AE vs VAE); the getters below are the shown model's. */
  readonly streams: ModelStreams;
  readonly trainer: RestartableWorker;
  readonly inference: Worker;
  readonly trainerPending: PendingRequests<FromTrainer>;
  /** The β sweeps and their kept models (sweepStore.ts). */
  readonly sweeps = new SweepStore();
  readonly inferencePending: PendingRequests<FromInference>;
  disposed = false;
  private nextIdValue = 1;
  private readonly listeners = new Map<Topic, Set<() => void>>(TOPICS.map((t) => [t, new Set()]));

  /** `startTrainer`: at once (else the pretrained start starts it after the first paint). */
  constructor(state: ClientState, shown: ModelTag, startTrainer: boolean) {
    this.state = state;
    this.streams = new ModelStreams(shown);
    this.trainer = new RestartableWorker(() => new Worker(new URL('../workers/training.worker.ts', import.meta.url), { type: 'module' }));
    if (startTrainer) this.trainer.start();
    this.inference = new Worker(new URL('../workers/inference.worker.ts', import.meta.url), { type: 'module' });
    this.trainerPending = new PendingRequests<FromTrainer>(() => this.nextId());
    this.inferencePending = new PendingRequests<FromInference>(() => this.nextId());
  }

  /**
   * Wires the workers: the training worker's messages go to `onTrainer`, the inference worker's
   * answer its requests. A training worker's crash goes to `crashed` first (the supervisor
   * restarts it and returns true); otherwise the failure becomes a notice.
   */
  listen(onTrainer: (msg: FromTrainer) => void, crashed: (message: string) => boolean): void {
    this.trainer.onmessage = (e: MessageEvent<FromTrainer>) => onTrainer(e.data);
    this.inference.onmessage = (e: MessageEvent<FromInference>) => {
      const msg = e.data;
      if (msg.type === 'inferenceError') this.inferencePending.fail(msg.id, msg.message);
      else this.inferencePending.settle(msg.id, msg);
    };
    for (const [worker, name] of [[this.trainer, 'training'], [this.inference, 'inference']] as const) {
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        if (name === 'training' && crashed(e.message || 'no message')) return;
        this.workerFailed(name, e.message || 'it could not start (a script failed to load)');
      };
      worker.onmessageerror = () => this.workerFailed(name, 'a message could not be read');
    }
  }

  private workerFailed(name: 'training' | 'inference', detail: string): void {
    const message = `The ${name} worker failed: ${detail}`;
    const failed = name === 'training' && this.state.phase !== 'ready';
    const next = withNotice(this.state, { id: this.nextId(), level: 'error', code: 'internal', message });
    this.setState(failed ? { ...next, phase: 'error', progress: null } : next);
    if (name === 'inference') this.inferencePending.failAll(message);
  }

  nextId(): number {
    return this.nextIdValue++;
  }

  get metrics(): MetricsStore {
    return this.streams.current.metrics;
  }
  get latent(): LatentSnapshot | null {
    return this.streams.current.latent;
  }
  set latent(v: LatentSnapshot | null) {
    this.streams.current.latent = v;
  }
  get recon(): ReconSnapshot | null {
    return this.streams.current.recon;
  }
  set recon(v: ReconSnapshot | null) {
    this.streams.current.recon = v;
  }
  get disentanglement(): DisentanglementSnapshot | null {
    return this.streams.current.disentanglement;
  }
  /** The drag's single decode, on the page: no thread hop (mainThreadDecoder.ts); one per model kind. */
  get mainDecoder(): MainThreadDecoder {
    return this.streams.current.decoder;
  }

  subscribe(topic: Topic, listener: () => void): () => void {
    const set = this.listeners.get(topic);
    set?.add(listener);
    return () => set?.delete(listener);
  }

  setState(next: ClientState): void {
    if (next === this.state || this.disposed) return;
    this.state = next;
    this.emit('state');
  }

  emit(topic: Topic): void {
    for (const listener of this.listeners.get(topic) ?? []) listener();
  }

  notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.setState(withNotice(this.state, { id: this.nextId(), level, message }));
  }

  /** The codes and reconstructions of weights that are gone. */
  clearPicture(): void {
    this.latent = null;
    this.recon = null;
    this.streams.current.disentanglement = null;
    this.emit('latent');
    this.emit('recon');
    this.emit('disentanglement');
  }

  /** Makes `model`'s streams the shown ones (AE vs VAE), its counters the status line's. */
  showModel(model: ModelTag): void {
    const { step, epoch, weightsStep } = this.state;
    const counters = this.streams.show(model, { step, epoch, weightsStep });
    if (!counters) return;
    this.setState({ ...this.state, ...counters, epochProgress: 0 });
    for (const topic of ['metrics', 'latent', 'recon', 'weights', 'disentanglement'] as const) this.emit(topic);
  }

  askTrainer(make: (id: number) => ToTrainer): Promise<FromTrainer> {
    if (this.disposed) return Promise.reject(new Error(CLOSED));
    return this.trainerPending.ask((id) => this.postTrainer(make(id)));
  }

  askInference(make: (id: number) => ToInference): Promise<FromInference> {
    if (this.disposed) return Promise.reject(new Error(CLOSED));
    return this.inferencePending.ask((id) => this.postInference(make(id)));
  }

  postTrainer(msg: ToTrainer, transfer: Transferable[] = []): void {
    if (!this.disposed) this.trainer.postMessage(msg, transfer);
  }

  postInference(msg: ToInference, transfer: Transferable[] = []): void {
    if (!this.disposed) this.inference.postMessage(msg, transfer);
  }

  /** A checkpoint's bytes into the training worker; on failure the current model stays. */
  async loadBytes(bytes: ArrayBuffer, onId?: (id: number) => void): Promise<{ config: ClientState['config']; step: number }> {
    // Copied, not transferred: after a failed load the caller still holds the file's bytes.
    const reply = await this.askTrainer((id) => {
      onId?.(id);
      return { type: 'load', id, bytes };
    });
    if (reply.type !== 'loaded') throw new Error(`load: unexpected reply ${reply.type}`);
    return { config: reply.config, step: reply.step };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.trainer.terminate();
    this.inference.terminate();
    this.inferencePending.failAll(CLOSED);
    this.trainerPending.failAll(CLOSED);
    for (const set of this.listeners.values()) set.clear();
  }
}
