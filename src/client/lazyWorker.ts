// A worker that is created on start() rather than at once; messages posted before wait in
// order. The training worker's script is TF.js (≈ 1.8 MB): while a pretrained model's first
// paint is on its way, starting it would take bandwidth and a core from what the user sees.

type Handler<E> = ((e: E) => void) | null;

export class LazyWorker {
  private worker: Worker | null = null;
  private queue: Array<{ msg: unknown; transfer: Transferable[] }> = [];
  private ended = false;
  private readonly create: () => Worker;
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<ErrorEvent> = null;
  onmessageerror: Handler<MessageEvent> = null;

  constructor(create: () => Worker) {
    this.create = create;
  }

  get started(): boolean {
    return this.worker !== null;
  }

  /** Creates the worker (once) and hands it what was posted so far. */
  start(): void {
    if (this.worker || this.ended) return;
    const w = this.create();
    this.worker = w;
    w.onmessage = (e) => this.onmessage?.(e);
    w.onerror = (e) => this.onerror?.(e);
    w.onmessageerror = (e) => this.onmessageerror?.(e);
    for (const { msg, transfer } of this.queue) w.postMessage(msg, transfer);
    this.queue = [];
  }

  postMessage(msg: unknown, transfer: Transferable[] = []): void {
    if (this.ended) return;
    if (this.worker) this.worker.postMessage(msg, transfer);
    else this.queue.push({ msg, transfer });
  }

  terminate(): void {
    this.ended = true;
    this.worker?.terminate();
    this.queue = [];
  }
}
