// What the supervisor (trainerSupervisor.ts) and the pretrained start (pretrainedStart.ts) may do
// to the client: each gets a small host object over the shared core, not the client itself.

import type { ClientCore } from './clientCore';
import type { OwnData } from './ownData';
import type { PretrainedStart, StartHost } from './pretrainedStart';
import type { TrainerInbox } from './trainerInbox';
import { historyUpTo, type SupervisorHost } from './trainerSupervisor';
import type { SessionConfig } from '../shared/protocol';

export interface HostParts {
  core: ClientCore;
  baseUrl: string;
  data: OwnData;
  inbox: TrainerInbox;
  pretrained: () => PretrainedStart;
  /** New weights with this config (the client's reset). */
  reset: (config: SessionConfig) => void;
}

export function supervisorHost({ core, baseUrl, data, pretrained }: HostParts): SupervisorHost {
  return {
    now: () => performance.now(),
    hidden: () => typeof document !== 'undefined' && document.hidden,
    state: () => core.state,
    history: (model) => (model ? core.streams.of(model).metrics.record() : core.metrics.record()),
    replaceWorker: () => {
      if (pretrained().gate.active) pretrained().cancel();
      core.trainerPending.failAll('The training worker was restarted.');
      core.trainer.restart();
    },
    // A new worker has none of the user's images: they travel with its init.
    init: (config, backend) =>
      core.postTrainer({ type: 'init', config, backend, baseUrl, probe: core.state.backendProbe, ...data.imagesFor(config) }),
    load: (bytes) => core.loadBytes(bytes),
    play: () => core.postTrainer({ type: 'play' }),
    setModelB: (settings) => core.postTrainer({ type: 'setModelB', settings }),
    setView: (view) => core.postTrainer({ type: 'setView', view }),
    loadPartner: (bytes) => core.askTrainer((id) => ({ type: 'loadPartner', id, bytes })),
    rewind: (step) => {
      core.metrics.clear(historyUpTo(core.metrics.record(), step));
      core.emit('metrics');
    },
    notice: (level, message) => core.notice(level, message),
  };
}

export function startHost({ core, baseUrl, inbox, reset }: HostParts): StartHost {
  return {
    baseUrl,
    config: () => core.state.config,
    showFirstPaint: (fp) => {
      const { config, decoder, step, epoch, count, mu, logvar, labels } = fp;
      core.latent = { step, kind: config.kind, dim: config.latentDim, count, mu, logvar, labels };
      core.mainDecoder.set(config, decoder, step);
      // The inference worker owns the decoder from now on: transferred, not copied.
      core.postInference({ type: 'decoder', step, config, decoder }, decoder.flatMap((l) => [l.W.buffer, l.b.buffer] as ArrayBuffer[]));
      core.setState({ ...core.state, weightsStep: step, step, epoch });
      core.emit('latent');
    },
    startTrainer: () => core.trainer.start(),
    load: (bytes, onId) => core.loadBytes(bytes, onId),
    abandonLoad: (id) => core.trainerPending.fail(id, 'Replaced by a newer choice.'),
    deliver: (msgs) => msgs.forEach((m) => inbox.apply(m)),
    resetFresh: () => reset(core.state.config),
    setPretrained: (id) => core.setState({ ...core.state, pretrained: id }),
    notice: (level, message) => core.notice(level, message),
  };
}
