// Test/debug hook, worker side: faults injected on purpose (a `debug` message, sent by the page's
// window.__vaeDebug, debugHook.ts) so the end-to-end tests can prove that training survives
// them. Nothing in the app sends these by itself.

import * as tf from '@tensorflow/tfjs-core';
import type { DebugFault } from '../shared/protocol';
import type { TrainingSession } from './trainingSession';
import { WorkerError } from '../shared/workerErrors';

/** A hang long enough for the page's watchdog (10 s of silence) to give up on the worker. */
export const HANG_MS = 60_000;

export function injectFault(fault: DebugFault, session: TrainingSession | null): void {
  switch (fault) {
    case 'nan':
      return poisonWeights(session);
    case 'crash':
      return crash();
    case 'hang':
      return hang(HANG_MS);
    case 'lose-context':
      return loseWebglContext();
  }
}

/**
 * What a too-large learning rate eventually does: weights that are no longer finite. The next
 * step's loss is NaN, and the loop must put back the weights of the last snapshot.
 */
function poisonWeights(session: TrainingSession | null): void {
  if (!session) throw new WorkerError('internal', 'Debug fault "nan": no model is loaded yet.', true);
  const v = session.net.variables[0];
  if (!v) throw new WorkerError('internal', 'Debug fault "nan": the network has no variables.', true);
  tf.tidy(() => v.assign(tf.fill(v.shape, NaN)));
}

/** An uncaught error (the page sees an `error` event), then the worker stops for good. */
function crash(): void {
  setTimeout(() => {
    setTimeout(() => self.close(), 0);
    throw new Error('Debug fault: the training worker crashed on purpose');
  }, 0);
}

/** Busy for `ms`: no message goes out, none comes in. */
function hang(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spinning on purpose: this is the hang.
  }
}

/** Loses TF.js's own WebGL context, as a GPU reset or driver crash would. */
function loseWebglContext(): void {
  if (tf.getBackend() !== 'webgl') throw new WorkerError('internal', `Debug fault "lose-context" needs the WebGL backend; this worker runs ${tf.getBackend()}.`, true);
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
  const ext = backend.gpgpu?.gl?.getExtension('WEBGL_lose_context');
  if (!ext) throw new WorkerError('internal', 'Debug fault "lose-context": WEBGL_lose_context is not available.', true);
  ext.loseContext();
}
