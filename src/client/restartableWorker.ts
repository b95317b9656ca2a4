// The training worker as the client holds it: started lazily (lazyWorker.ts), and replaceable by
// a fresh one when it crashes or hangs (trainerSupervisor.ts). Handlers are set once on this
// object and follow every replacement; nothing from a replaced worker reaches them.

import { LazyWorker } from './lazyWorker';

type Handler<E> = ((e: E) => void) | null;

export class RestartableWorker {
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<ErrorEvent> = null;
  onmessageerror: Handler<MessageEvent> = null;
  private readonly create: () => Worker;
  private current: LazyWorker;
  private ended = false;
  /** Workers made so far (1 until the first restart). */
  generation = 1;

  constructor(create: () => Worker) {
    this.create = create;
    this.current = this.make();
  }

  get started(): boolean {
    return this.current.started;
  }

  start(): void {
    this.current.start();
  }

  postMessage(msg: unknown, transfer: Transferable[] = []): void {
    this.current.postMessage(msg, transfer);
  }

  terminate(): void {
    this.ended = true;
    this.current.terminate();
  }

  /** Ends the current worker (whatever it is doing) and starts a new one in its place. */
  restart(): void {
    if (this.ended) return;
    this.current.terminate();
    this.current = this.make();
    this.generation++;
    this.current.start();
  }

  private make(): LazyWorker {
    const w = new LazyWorker(this.create);
    // A replaced worker's last messages may still be queued: they belong to nobody now.
    w.onmessage = (e) => this.current === w && this.onmessage?.(e);
    w.onerror = (e) => this.current === w && this.onerror?.(e);
    w.onmessageerror = (e) => this.current === w && this.onmessageerror?.(e);
    return w;
  }
}
