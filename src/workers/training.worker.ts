// The training worker: owns TF.js. Messages queue up in an inbox and are handled one at a
// time, in order, between chunks of training (and slices of extra work), so a pause or a new
// learning rate takes effect at the next chunk and no handler ever runs while a chunk (or
// another handler) is mid-way.

import { fetchSource } from '../data';
import { selectBackend, webglContextLost } from './backend';
import { nonPlainPaths } from './plainData';
import type { FromTrainer, ToTrainer } from '../shared/protocol';
import { TrainerController } from './trainerController';
import { errorText } from '../shared/workerErrors';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: FromTrainer, transfer: Transferable[] = []): void {
  if (import.meta.env.DEV) {
    const bad = nonPlainPaths(msg);
    if (bad.length > 0) console.error(`training worker: "${msg.type}" carries non-plain data: ${bad.join(', ')}`);
  }
  scope.postMessage(msg, transfer);
}

const controller = new TrainerController({
  post,
  selectBackend,
  openSource: fetchSource,
  contextLost: webglContextLost,
});

const inbox: ToTrainer[] = [];
let wake: (() => void) | null = null;

scope.onmessage = (e: MessageEvent<ToTrainer>) => {
  inbox.push(e.data);
  wake?.();
  wake = null;
};

// A message on a MessageChannel is a macrotask: awaiting it lets queued worker messages in,
// without setTimeout's 4 ms clamp on nested timers.
const channel = new MessageChannel();
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

async function run(): Promise<never> {
  for (;;) {
    try {
      const msg = inbox.shift();
      if (msg) {
        await controller.handle(msg);
      } else if (controller.hasWork) {
        await controller.work();
        await nextMacrotask();
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } catch (err) {
      // handle() and runChunk() report their own errors; this guards the loop itself.
      post({ type: 'error', code: 'internal', message: `The training loop failed: ${errorText(err)}`, recoverable: true });
      await nextMacrotask();
    }
  }
}

scope.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  post({ type: 'error', code: 'internal', message: `Unexpected failure in the training worker: ${errorText(e.reason)}`, recoverable: true });
});

void run();
