// The shipped pretrained models on the page's side: the instant start and the `Load
// pretrained` switch. Instant start: the default model's first-paint file is requested at
// once (before the index, before React has rendered, before TF.js or the dataset), its codes
// go on the map and its decoder to the inference worker; only then does the training worker
// start, and it loads the model's checkpoint so Train continues from it. The client
// (client.ts) does what this decides through StartHost.

import type { FirstPaint } from '../model/firstPaint';
import { DEFAULT_PRETRAINED, type PretrainedIndex } from '../model/pretrainedIndex';
import { fetchCheckpoint, fetchFirstPaint, fetchPretrainedIndex, firstPaintSession, sameSession } from './pretrainedFiles';
import type { FromTrainer, SessionConfig } from '../shared/protocol';
import { StartupGate } from './startupGate';
import { errorText } from '../shared/workerErrors';

export interface Loaded {
  config: SessionConfig;
  step: number;
}

/** What the client lets this do. */
export interface StartHost {
  readonly baseUrl: string;
  config(): SessionConfig;
  /** Puts a first paint on screen: its codes as the latent snapshot, its decoder in the inference worker. */
  showFirstPaint(fp: FirstPaint): void;
  /** Starts the training worker (once; later calls do nothing). */
  startTrainer(): void;
  /** Sends a checkpoint to the training worker; `onId` learns the request's id at once. */
  load(bytes: ArrayBuffer, onId?: (id: number) => void): Promise<Loaded>;
  /** Forgets a load request: its reply, if it still comes, changes nothing. */
  abandonLoad(id: number): void;
  /** Applies trainer messages the gate held back. */
  deliver(msgs: FromTrainer[]): void;
  /** Fresh weights with the current config (the startup's checkpoint did not make it). */
  resetFresh(): void;
  setPretrained(id: string | null): void;
  notice(level: 'info' | 'warning' | 'error', message: string): void;
}

export class PretrainedStart {
  readonly gate = new StartupGate();
  /** Settles once the first paint is on screen or will not come: background downloads wait for it. */
  readonly settled: Promise<void>;
  private readonly host: StartHost;
  private index: Promise<PretrainedIndex> | null = null;
  /** Bumped by every choice that replaces the startup's (Reset, a loaded file, another model). */
  private generation = 0;
  private loadId: number | null = null;

  constructor(host: StartHost, instant: boolean) {
    this.host = host;
    // Whatever goes wrong on the way, the training worker starts.
    this.settled = instant ? this.begin().catch(() => this.host.startTrainer()) : Promise.resolve();
  }

  /** The shipped models, fetched once. */
  list(): Promise<PretrainedIndex> {
    const index = (this.index ??= fetchPretrainedIndex(this.host.baseUrl));
    // A failed fetch is not kept: the next call tries again.
    index.catch(() => this.index === index && (this.index = null));
    return index;
  }

  /** Replaces the session with a shipped model's checkpoint (dataset and shape included). */
  async load(id: string): Promise<Loaded> {
    try {
      const entry = (await this.list()).models.find((m) => m.id === id);
      if (!entry) throw new Error(`there is no pretrained model "${id}"`);
      this.cancel();
      const loaded = await this.host.load(await fetchCheckpoint(this.host.baseUrl, entry));
      this.host.setPretrained(entry.id);
      return loaded;
    } catch (err) {
      this.host.notice('error', `The pretrained model could not be loaded: ${errorText(err)}`);
      throw err;
    }
  }

  /** Something else replaces the startup's model: stop it, and let the worker's own messages through. */
  cancel(): void {
    this.generation++;
    if (this.loadId !== null) this.host.abandonLoad(this.loadId);
    this.loadId = null;
    this.host.deliver(this.gate.release());
    this.host.startTrainer();
  }

  private async begin(): Promise<void> {
    const generation = this.generation;
    // Both requests leave now; the first paint does not wait for the index.
    const firstPaint = fetchFirstPaint(this.host.baseUrl, DEFAULT_PRETRAINED);
    void this.list().catch(() => {});
    let fp: FirstPaint;
    try {
      fp = await firstPaint;
    } catch (err) {
      if (generation === this.generation) this.host.notice('warning', `The pretrained model could not be shown (${errorText(err)}); the model starts from new weights.`);
      return this.host.startTrainer();
    }
    // A link asking for other settings, or a change made meanwhile, starts from new weights.
    if (generation !== this.generation || !sameSession(firstPaintSession(fp), this.host.config())) return this.host.startTrainer();
    this.gate.hold();
    this.host.showFirstPaint(fp);
    this.host.setPretrained(fp.id);
    // The background work (TF.js, the datasets) waits until the map and the first decoded image are drawn.
    await idle();
    this.host.startTrainer();
    void this.continueInTrainer(fp, generation);
  }

  /**
   * The training worker takes over the pretrained weights (the gate opens at its 'loaded');
   * the first paint shows the same weights until the worker's own snapshot of them arrives.
   */
  private async continueInTrainer(fp: FirstPaint, generation: number): Promise<void> {
    try {
      const entry = (await this.list()).models.find((m) => m.id === fp.id);
      if (!entry) throw new Error(`the index does not list "${fp.id}"`);
      const bytes = await fetchCheckpoint(this.host.baseUrl, entry);
      if (generation !== this.generation) return;
      await this.host.load(bytes, (id) => (this.loadId = id));
      this.loadId = null;
    } catch (err) {
      this.loadId = null;
      if (generation === this.generation) this.giveUp(err);
    }
  }

  /** The checkpoint did not make it into the training worker: new weights, said plainly. */
  private giveUp(err: unknown): void {
    this.generation++;
    this.host.deliver(this.gate.release());
    this.host.setPretrained(null);
    this.host.notice('warning', `The pretrained model could not be loaded for training (${errorText(err)}); the model starts from new weights.`);
    // The worker's fresh weights were held back, never shown: ask for them (and their snapshot) again.
    this.host.resetFresh();
  }
}

/** Resolves when the page is idle (drawing done), or after IDLE_WAIT_MS at most. */
const IDLE_WAIT_MS = 300;
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS });
    else setTimeout(resolve, 0);
  });
}
