// Requests to a worker answered by id: each ask() gets a promise that the reply settles.

interface Pending<T> {
  resolve(value: T): void;
  reject(reason: Error): void;
}

export class PendingRequests<T> {
  private readonly waiting = new Map<number, Pending<T>>();
  private readonly nextId: () => number;

  constructor(nextId: () => number) {
    this.nextId = nextId;
  }

  /** Sends with a fresh id and waits for settle/fail with that id. */
  ask(send: (id: number) => void): Promise<T> {
    const id = this.nextId();
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  /** Whether a request with this id still waits for its reply. */
  has(id: number): boolean {
    return this.waiting.has(id);
  }

  settle(id: number, value: T): void {
    this.waiting.get(id)?.resolve(value);
    this.waiting.delete(id);
  }

  fail(id: number, message: string): void {
    this.waiting.get(id)?.reject(new Error(message));
    this.waiting.delete(id);
  }

  failAll(message: string): void {
    for (const p of this.waiting.values()) p.reject(new Error(message));
    this.waiting.clear();
  }
}
