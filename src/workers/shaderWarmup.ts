// What the training loop tells the page's watchdog (src/client/trainerSupervisor.ts) so that a
// slow worker is not taken for a hung one, while a hung one still is after 10 s of silence.
//
// Two kinds of slowness, two answers:
// - WebGL compiles a shader program per op and tensor shape the first time it runs it: the
//   first training chunk, and the first slice of each kind of extra work (test pass, snapshot,
//   MIG) at each slice size, and a job's last part (the snapshot's reconstructions). With a
//   software renderer (SwiftShader) one such unit of work takes tens of seconds for the conv
//   VAE, and the worker's thread is blocked meanwhile, so nothing can be posted during it. Such
//   a unit is announced before it starts as a 'warmup' stage (the page allows 60 s between
//   warm-up messages) and closed when it ends; each is announced once per session.
// - Extra work runs in many short slices that post nothing until the job completes; on a slow
//   backend a whole job can take longer than 10 s. After any unit of work, when nothing was
//   posted for HEARTBEAT_MS, a one-word 'alive' message goes out. So the page hears from the
//   worker at least every HEARTBEAT_MS plus one slice, and only a worker stuck inside one
//   already-compiled unit of work for 10 s (a real hang) stays silent that long.
// - On a slow backend (the conv VAE on software WebGL) one unit of work can take longer than
//   10 s even with its shaders compiled: a training step, a slice. Before a unit whose key took
//   BUSY_MS or more last time, the worker says how long that was ('alive' with busyMs), and the
//   page allows a silence of a few times that, once; any later message ends the allowance. A
//   worker that hangs is still found, only later on such a backend; elsewhere nothing changes.
// A heartbeat on a timer would not do: a timer cannot fire while the thread is blocked, and
// one that fired during a genuine hang elsewhere (a stuck await) would hide it.

import type { FromTrainer } from '../shared/protocol';

type Post = (msg: FromTrainer, transfer?: Transferable[]) => void;

/** Silence after which a finished unit of work is followed by an 'alive' message. */
export const HEARTBEAT_MS = 2_000;
/** A unit of work that took this long is announced with its duration the next time it runs. */
export const BUSY_MS = 2_000;

export class ShaderWarmup {
  /** Posts through this record when the page last heard from the worker. */
  readonly post: Post;
  /** Each key met: how long its last unit of work took, ms (NaN while it runs). */
  private readonly seen = new Map<string, number>();
  private open = false;
  private lastPost: number;
  private current: { key: string; start: number } | null = null;

  constructor(
    post: Post,
    private readonly now: () => number,
  ) {
    this.lastPost = now();
    this.post = (msg, transfer) => {
      this.lastPost = this.now();
      post(msg, transfer);
    };
  }

  /**
   * Work of this key (its kind and shapes) is about to run: the first time, says a warm-up
   * begins and returns true. Within an open warm-up it only records the key.
   */
  begin(key: string, label: string): boolean {
    const start = this.now();
    this.current ??= { key, start };
    const last = this.seen.get(key);
    if (last !== undefined) {
      if (last >= BUSY_MS && !this.open) this.post({ type: 'alive', busyMs: Math.round(last) });
      return false;
    }
    this.seen.set(key, NaN);
    if (!this.open) this.post({ type: 'progress', stage: 'warmup', loaded: 0, total: 1, label });
    this.open = true;
    return true;
  }

  /** A unit of work ended (or failed): closes an open warm-up, or says 'alive' after a long silence. */
  done(): void {
    const unit = this.current;
    this.current = null;
    if (unit) this.seen.set(unit.key, this.now() - unit.start);
    if (this.open) {
      this.open = false;
      this.post({ type: 'progress', stage: 'warmup', loaded: 1, total: 1, label: 'Shaders compiled' });
    } else if (this.now() - this.lastPost >= HEARTBEAT_MS) {
      this.post({ type: 'alive' });
    }
  }

  /** Another session (another model, maybe another backend): its shapes are new. */
  forget(): void {
    if (this.open) this.done();
    this.current = null;
    this.seen.clear();
  }
}
