// Every message the training worker takes, once: what it does and, for errors, what the worker
// was doing. Typed against the protocol: a new ToTrainer message without a row here does not
// compile. The handlers drive the session host (sessionHost.ts); requests answer with their id.

import { readCheckpoint, checkpointBytes } from './checkpointIO';
import { injectFault } from './debugFaults';
import { TestJob } from './extraJobs';
import { MigJob } from './migJob';
import { settled } from '../model/readback';
import type { SessionHost } from './sessionHost';
import { controlSweep, openSweepModel, pauseSweepFor, startSweep } from './sweepControl';
import { IMAGES_DATASET } from '../shared/imageDataset';
import { applyModelB } from '../shared/modelB';
import type { ToTrainer } from '../shared/protocol';
import { WorkerError } from '../shared/workerErrors';

type Message<K extends ToTrainer['type']> = Extract<ToTrainer, { type: K }>;
interface Handler<K extends ToTrainer['type']> {
  run(host: SessionHost, msg: Message<K>): Promise<void> | void;
  /** "… failed while <doing>", for its error message. */
  doing?: string;
}

/** Rows per evaluation batch on request: big enough to be quick, small enough for memory. */
const EVALUATE_ROWS = 1000;

export const HANDLERS = {
  init: {
    doing: 'starting up',
    run: async (host, msg) => {
      host.probe = msg.probe ?? null;
      await host.init(msg.backend, msg.baseUrl);
      if (msg.images) host.data.takeImages(msg.images);
      await host.replaceSession(msg.config);
      host.postReady();
      host.announce();
    },
  },
  // Train and Step pause a running β sweep: the two take turns (sweepControl.ts).
  play: {
    run: (host) => {
      pauseSweepFor(host);
      host.shownLoops().forEach((l) => l.play());
    },
  },
  pause: { run: (host) => host.shownLoops().forEach((l) => l.pause()) },
  step: {
    run: (host, msg) => {
      pauseSweepFor(host);
      host.shownLoops().forEach((l) => l.step(msg.chunks));
    },
  },
  reset: {
    doing: 'creating new weights',
    run: async (host, msg) => {
      await host.replaceSession(msg.config);
      host.announce(host.shownLoops());
    },
  },
  // A live hyperparameter goes straight to every loop, parked ones too, so a comparison stays
  // fair; Model B keeps the settings it holds apart (modelSlots.ts).
  setHyper: { doing: 'changing hyperparameters', run: (host, msg) => host.slots.setHyper(msg.hyper, host.loop) },
  setView: { run: (host, msg) => host.setView(msg.view) },
  setModelB: { doing: 'changing Model B', run: (host, msg) => host.setModelB(msg.settings) },
  setBackend: { doing: 'switching backends', run: (host, msg) => host.switchBackend(msg.backend) },
  evaluate: {
    doing: 'evaluating on the test set',
    run: async (host, { id, full, iwK }) => {
      const session = host.requireSession();
      const label = full ? 'Evaluating on the full test set' : 'Evaluating on 1,000 test images';
      const job = new TestJob(session, full);
      for (let done = false; !done; ) {
        host.post({ type: 'progress', stage: 'evaluate', loaded: job.rowsDone, total: job.rows, label });
        done = await job.advance(EVALUATE_ROWS);
      }
      const metrics = job.result();
      let logpx: number | undefined;
      if (iwK !== undefined && iwK > 0) {
        const onProgress = (done: number, total: number) =>
          host.post({ type: 'progress', stage: 'evaluate', loaded: done, total, label: `log p(x) with K = ${iwK}` });
        logpx = (await session.logpx(iwK, onProgress)).logpx;
      }
      host.post({ type: 'progress', stage: 'evaluate', loaded: 1, total: 1, label: 'Evaluated' });
      host.post(logpx === undefined ? { type: 'evaluated', id, metrics } : { type: 'evaluated', id, metrics, logpx });
    },
  },
  // MIG of the shown model now; where it is not defined (no factors, latent dimension 1) the answer is a note at once.
  measureDisentanglement: {
    doing: 'measuring disentanglement (MIG)',
    run: async (host) => {
      const session = host.requireSession();
      const job = new MigJob(session);
      const label = `Measuring disentanglement (MIG) on ${job.rows.toLocaleString('en-US')} images`;
      for (let done = job.rows === 0; !done; ) {
        host.post({ type: 'progress', stage: 'evaluate', loaded: job.rowsDone, total: job.rows, label });
        done = await job.advance(EVALUATE_ROWS);
      }
      if (job.rows > 0) host.post({ type: 'progress', stage: 'evaluate', loaded: 1, total: 1, label: 'Measured' });
      // Untagged: about the shown model (the page files it there).
      for (const { msg } of await job.finish()) host.post(msg);
    },
  },
  save: {
    doing: 'saving a checkpoint',
    run: async (host, { id, history }) => {
      const session = host.requireSession();
      await settled(session.net.variables); // the weights are read synchronously next: safe on WebGPU
      const bytes = checkpointBytes(session, history);
      host.post({ type: 'saved', id, bytes }, [bytes]);
    },
  },
  load: {
    doing: 'loading a checkpoint',
    run: async (host, { id, bytes }) => {
      const restored = readCheckpoint(bytes, host.data.requireManifest('checkpoint'));
      await host.replaceSession(restored.config, restored.start);
      host.loop.stop();
      const { config, start, history } = restored;
      host.post({ type: 'loaded', id, config, step: start.step, ...(history ? { history } : {}) });
      host.announce();
    },
  },
  // Compare, with Model B from a checkpoint of B's kind, dataset and layers; on failure nothing changes.
  loadPartner: {
    doing: 'loading Model B beside Model A',
    run: (host, { id, bytes }) => {
      const { config, start, history } = readCheckpoint(bytes, host.data.requireManifest('checkpoint'));
      const b = applyModelB(host.requireSession().config, host.slots.modelB);
      const fits =
        config.model.kind === b.model.kind &&
        (config.model.arch ?? 'mlp') === (b.model.arch ?? 'mlp') &&
        config.dataset === b.dataset &&
        config.model.inputDim === b.model.inputDim &&
        config.model.latentDim === b.model.latentDim &&
        config.model.hidden.join() === b.model.hidden.join();
      if (!fits) throw new WorkerError('checkpoint', 'That checkpoint is not a model of Model B’s kind, dataset and layers. Both models are unchanged.', true);
      host.setView('compare', start);
      host.post({ type: 'loaded', id, model: 'b', config: b, step: start.step, ...(history ? { history } : {}) });
    },
  },
  // The user's images become the dataset, with new weights; on failure the current model and images stay.
  useImages: {
    doing: 'switching to your images',
    run: async (host, { id, config, images }) => {
      host.data.requireManifest('dataset');
      const restore = host.data.takeImages(images);
      try {
        await host.replaceSession({ ...config, dataset: IMAGES_DATASET });
      } catch (err) {
        restore();
        throw err;
      }
      host.loop.stop();
      host.post({ type: 'loaded', id, config: host.requireSession().config, step: 0 });
      host.announce();
    },
  },
  sweepStart: { doing: 'starting the β sweep', run: startSweep },
  sweepControl: { doing: 'controlling the β sweep', run: controlSweep },
  openSweepModel: { doing: 'opening a model of the β sweep', run: openSweepModel },
  debug: { run: (host, msg) => injectFault(msg.fault, host.session) },
} satisfies { [K in ToTrainer['type']]: Handler<K> };

/** The handler of one message, typed for it. */
export function handlerOf<M extends ToTrainer>(msg: M): Handler<M['type']> {
  return HANDLERS[msg.type] as unknown as Handler<M['type']>;
}
