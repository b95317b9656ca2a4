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
// A heartbeat on a timer would not do: a timer cannot fire while the thread is blocked, and
// one that fired during a genuine hang elsewhere (a stuck await) would hide it.

import type { FromTrainer } from '../shared/protocol';

type Post = (msg: FromTrainer, transfer?: Transferable[]) => void;

/** Silence after which a finished unit of work is followed by an 'alive' message. */
export const HEARTBEAT_MS = 2_000;

export class ShaderWarmup {
  /** Posts through this record when the page last heard from the worker. */
  readonly post: Post;
  private readonly seen = new Set<string>();
  private open = false;
  private lastPost: number;

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
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (!this.open) this.post({ type: 'progress', stage: 'warmup', loaded: 0, total: 1, label });
    this.open = true;
    return true;
  }

  /** A unit of work ended (or failed): closes an open warm-up, or says 'alive' after a long silence. */
  done(): void {
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
    this.seen.clear();
  }
}
