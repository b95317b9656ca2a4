// Tells a stuck or crashed training worker from a busy one. While training runs, the worker
// posts metrics after every chunk (well under a second) and 'alive' between slow slices of
// extra work, and announces WebGL's shader compiles as warm-ups (src/workers/shaderWarmup.ts;
// trainerSupervisor.ts allows those longer), so a long silence means it hangs. Pure: the client feeds it
// the clock and the messages, and decides what to do (terminate, start a new worker, restore).

/** Silence while running after which the worker counts as stuck. */
export const SILENCE_LIMIT_MS = 10_000;
/** Restarts allowed within RESTART_WINDOW_MS; past that a worker that keeps dying is left dead. */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 5 * 60_000;

export type WatchdogVerdict = 'ok' | 'stuck';

export class Watchdog {
  private lastHeard: number;
  private running = false;
  private restarts: number[] = [];

  constructor(
    now: number,
    private readonly limitMs = SILENCE_LIMIT_MS,
  ) {
    this.lastHeard = now;
  }

  /** Any message from the worker; `running` when the message says whether it trains. */
  heard(now: number, running?: boolean): void {
    this.lastHeard = now;
    if (running !== undefined) this.running = running;
  }

  /** The client asked the worker to train: silence counts from now. */
  expectRunning(now: number): void {
    this.running = true;
    this.lastHeard = now;
  }

  /** Paused or stopped: silence is expected and means nothing. */
  stopped(): void {
    this.running = false;
  }

  check(now: number): WatchdogVerdict {
    return this.running && now - this.lastHeard > this.limitMs ? 'stuck' : 'ok';
  }

  /**
   * Records a restart about to happen; false when the worker already died too often lately,
   * so the client should give up with an error instead of looping.
   */
  mayRestart(now: number): boolean {
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) return false;
    this.restarts.push(now);
    this.lastHeard = now;
    return true;
  }
}
