// Every message of the training worker, once, on the page: what the startup gate does with it,
// how it changes the slow state React reads, what it files into its model's streams (and which
// topic that changes), and what else the client does (answer a request, forward weights, show
// a model). Nothing else on the page switches on FromTrainer: the gate (startupGate.ts), the
// state (clientState.ts), the streams (modelStreams.ts) and the client read this table. A new
// message without a row here does not compile.

import type { ClientState, Topic } from './clientTypes';
import { noticeLevel, withNotice } from './notices';
import type { ModelStream } from './modelStream';
import type { BackendProbe, FromTrainer, ModelTag } from '../shared/protocol';

export type TrainerMessage<K extends FromTrainer['type'] = FromTrainer['type']> = Extract<FromTrainer, { type: K }>;

/**
 * While a pretrained model's first paint is on screen and the worker starts with fresh weights
 * (startupGate.ts): 'apply' it now, 'drop' it (it is about the fresh weights), 'hold' it until
 * the checkpoint is in, or 'release' (the checkpoint is in: apply what was held, then it).
 */
export type StartupRule = 'apply' | 'drop' | 'hold' | 'release';

/** What the client does beyond state and streams; implemented by client.ts. */
export interface TrainerEffects {
  /** The request with this id is answered. */
  settle(id: number, msg: FromTrainer): void;
  /** The request with this id failed. */
  fail(id: number, message: string): void;
  /** New weights: on to the inference worker (transferred), and the status of the shown model. */
  forwardWeights(msg: TrainerMessage<'weights'>, shown: boolean): void;
  rememberProbe(probe: BackendProbe): void;
  /** The worker now shows this view; the page shows its first model's streams. */
  showView(msg: TrainerMessage<'view'>): void;
  /** A checkpoint replaced a model's weights (the shown one, or Compare's other). */
  replaced(msg: TrainerMessage<'loaded'>, shown: boolean): void;
  /** A β sweep's progress or finished model (the page's sweep store); `lost`: the worker (re)started, so no sweep runs there. */
  sweep(msg: TrainerMessage<'sweep' | 'sweepModel'> | 'lost'): void;
}

export interface MessageRule<M extends FromTrainer> {
  startup: StartupRule;
  /** The slow state after it (only for the shown model's messages); absent: unchanged. */
  state?: (state: ClientState, msg: M, noticeId: number) => ClientState;
  /** Files it into the streams of the model it is about; returns the topic it changed. `step`: the shown model's. */
  stream?: (stream: ModelStream, msg: M, step: number) => Topic | null;
  effect?: (fx: TrainerEffects, msg: M, shown: boolean) => void;
}

type Rules = { [K in FromTrainer['type']]: MessageRule<TrainerMessage<K>> };

export const TRAINER_MESSAGES: Rules = {
  // Kept back while the first paint shows: Train is not offered before the checkpoint is in.
  ready: {
    startup: 'hold',
    state: (s, m) => ({ ...s, phase: 'ready', backend: m.backend, tried: m.tried, config: m.config, progress: null }),
    effect: (fx) => fx.sweep('lost'),
  },
  probed: {
    startup: 'apply',
    state: (s, m) => ({ ...s, backendProbe: m.probe }),
    effect: (fx, m) => fx.rememberProbe(m.probe),
  },
  // Download progress belongs to whatever the page shows.
  progress: {
    startup: 'apply',
    state: (s, m) => {
      const done = m.total > 0 && m.loaded >= m.total;
      const progress = done ? null : { stage: m.stage, loaded: m.loaded, total: m.total, label: m.label };
      return { ...s, phase: s.phase === 'starting' ? 'loading' : s.phase, progress };
    },
  },
  // Only the watchdog listens (trainerSupervisor.ts observes every message).
  alive: { startup: 'apply' },
  metrics: {
    startup: 'drop',
    state: (s, m) => ({
      ...s,
      step: m.step,
      epoch: m.epoch,
      epochProgress: m.epochProgress,
      imagesPerSec: m.imagesPerSec,
      progress: s.progress?.stage === 'warmup' ? null : s.progress,
    }),
    stream: (stream, m) => {
      stream.metrics.appendChunk(m.train, m.test, m.step);
      stream.step = m.step;
      stream.epoch = m.epoch;
      return 'metrics';
    },
  },
  state: {
    startup: 'drop',
    state: (s, m) => ({ ...s, running: m.running, step: m.step, epoch: m.epoch }),
    stream: (stream, m) => {
      stream.step = m.step;
      stream.epoch = m.epoch;
      return null;
    },
  },
  latent: {
    startup: 'drop',
    stream: (stream, m) => {
      const { type: _type, model: _model, ...snapshot } = m;
      stream.latent = snapshot;
      return 'latent';
    },
  },
  disentanglement: {
    startup: 'drop',
    stream: (stream, m) => {
      const { type: _type, model: _model, ...snapshot } = m;
      stream.disentanglement = snapshot;
      // An epoch's MIG joins its test point (the CSV's mig column, a checkpoint's curves).
      if (m.mig !== null) stream.metrics.noteMig(m.step, m.mig);
      return 'disentanglement';
    },
  },
  recon: {
    startup: 'drop',
    stream: (stream, m) => {
      const { type: _type, model: _model, ...snapshot } = m;
      stream.recon = snapshot;
      return 'recon';
    },
  },
  weights: {
    startup: 'drop',
    // A copy of the decoder for the drag; the client transfers the originals on.
    stream: (stream, m) => {
      stream.decoder.set(m.weights.config, m.weights.decoder, m.step);
      stream.weightsStep = m.step;
      return 'weights';
    },
    effect: (fx, m, shown) => fx.forwardWeights(m, shown),
  },
  view: {
    startup: 'drop',
    state: (s, m) => ({ ...s, view: m.view, config: m.config }),
    effect: (fx, m) => fx.showView(m),
  },
  // The checkpoint is in: what was held back applies first.
  loaded: {
    startup: 'release',
    // New weights arrive next; until they do, nothing keyed on weightsStep may match the old model's.
    state: (s, m) => ({ ...s, config: m.config, step: m.step, epochProgress: 0, weightsStep: -1 }),
    effect: (fx, m, shown) => {
      fx.replaced(m, shown);
      fx.settle(m.id, m);
    },
  },
  evaluated: {
    startup: 'apply',
    stream: (stream, m, step) => {
      if (!m.metrics.full) return null;
      stream.metrics.appendTest(m.metrics, step);
      return 'metrics';
    },
    effect: (fx, m) => fx.settle(m.id, m),
  },
  saved: { startup: 'apply', effect: (fx, m) => fx.settle(m.id, m) },
  // The sweep's own store, apart from the models' streams.
  sweep: { startup: 'apply', effect: (fx, m) => fx.sweep(m) },
  sweepModel: { startup: 'apply', effect: (fx, m) => fx.sweep(m) },
  error: {
    startup: 'apply',
    state: (s, m, noticeId) => {
      // An error with an id answers a request: its promise rejects and the caller says it.
      if (m.id !== undefined) return s;
      const next = withNotice(s, { id: noticeId, level: noticeLevel(m.code, m.recoverable), code: m.code, message: m.message });
      // Before 'ready', an unrecoverable error means there is nothing to show but the error.
      const failed = !m.recoverable && s.phase !== 'ready';
      return { ...next, phase: failed ? 'error' : next.phase, progress: failed ? null : next.progress };
    },
    effect: (fx, m) => {
      if (m.id !== undefined) fx.fail(m.id, m.message);
    },
  },
};

/** The rule of one message, typed for it. */
export function ruleOf<M extends FromTrainer>(msg: M): MessageRule<M> {
  return TRAINER_MESSAGES[msg.type] as unknown as MessageRule<M>;
}

/** The model a message is about: its own tag, or the one shown. */
export function modelOf(msg: FromTrainer, shown: ModelTag): ModelTag {
  return 'model' in msg && msg.model !== undefined ? msg.model : shown;
}
