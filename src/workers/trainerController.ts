// Everything the training worker does, one message, one chunk or one slice of extra work at a
// time. The worker (training.worker.ts) feeds it messages in order and calls work() between
// them, so no two of these ever overlap. Each message's handler is in trainerHandlers.ts; the
// models, their backend and data live in sessionHost.ts; trainingLoop.ts paces the training.

import { classifyError } from '../shared/workerErrors';
import type { ToTrainer } from '../shared/protocol';
import { SessionHost, type ControllerDeps } from './sessionHost';
import { handlerOf } from './trainerHandlers';

export type { ControllerDeps };

/** Training time between two candidates of a first visit's deferred speed probe, ms. */
const PROBE_GAP_MS = 1_500;

export class TrainerController {
  private readonly host: SessionHost;
  /** Time spent training since the pending probe's last turn, ms. */
  private trainedSinceProbeMs = 0;

  constructor(deps: ControllerDeps) {
    this.host = new SessionHost(deps);
  }

  /** Whether work() has something to do: a slice of extra work or a chunk of training. */
  get hasWork(): boolean {
    const host = this.host;
    return host.loop.hasWork || host.slots.partnerHasWork || host.pendingProbe !== null || (host.sweep?.hasWork ?? false);
  }

  /** Never throws: every failure becomes an `error` message (with the request's id, if it has one). */
  async handle(msg: ToTrainer): Promise<void> {
    const handler = handlerOf(msg);
    try {
      await handler.run(this.host, msg);
    } catch (err) {
      const c = classifyError(err, handler.doing ?? `handling "${msg.type}"`, msg.type === 'load' ? 'checkpoint' : 'internal');
      const recoverable = msg.type === 'init' ? false : c.recoverable;
      const id = 'id' in msg ? msg.id : undefined;
      this.host.post(id === undefined ? { type: 'error', ...c, recoverable } : { type: 'error', ...c, recoverable, id });
    }
  }

  /** One slice of pending extra work if there is any, else one chunk of training. Never throws. */
  async work(): Promise<void> {
    const host = this.host;
    // The deferred probe measures a candidate whenever nothing trains, and otherwise after
    // PROBE_GAP_MS of training since its last one, so training started meanwhile keeps going.
    const training = host.loop.training;
    if (host.pendingProbe && (!training || this.trainedSinceProbeMs >= PROBE_GAP_MS)) {
      await host.advanceProbe();
      this.trainedSinceProbeMs = 0;
      if (!training) return;
    }
    // A β sweep trains while the user's models stand still (their owed snapshots go first).
    if (!host.loop.hasWork && !host.slots.partnerHasWork) return host.advanceSweep();
    const started = performance.now();
    await host.trainChunk();
    if (training) this.trainedSinceProbeMs += performance.now() - started;
  }
}
