// At most one request in flight plus the latest one waiting: while a decode runs, newer z's
// replace each other, so a drag never builds a queue and the image shows the newest point.

export class LatestOnly<Req, Res> {
  private busy = false;
  private pending: { req: Req } | null = null;

  constructor(
    private readonly run: (req: Req) => Promise<Res>,
    private readonly onResult: (res: Res, req: Req) => void,
    private readonly onError: (err: unknown, req: Req) => void = () => {},
  ) {}

  /** Sends `req` now if idle; otherwise it replaces whatever was waiting. */
  request(req: Req): void {
    if (this.busy) {
      this.pending = { req };
      return;
    }
    this.start(req);
  }

  /** Drops the waiting request (the one in flight still reports). */
  cancelPending(): void {
    this.pending = null;
  }

  get inFlight(): boolean {
    return this.busy;
  }

  private start(req: Req): void {
    this.busy = true;
    let done: Promise<void>;
    try {
      done = this.run(req).then(
        (res) => this.onResult(res, req),
        (err: unknown) => this.onError(err, req),
      );
    } catch (err) {
      done = Promise.resolve().then(() => this.onError(err, req));
    }
    void done.finally(() => {
      this.busy = false;
      const next = this.pending;
      this.pending = null;
      if (next) this.start(next.req);
    });
  }
}
