// How each training-worker message changes the slow-moving client state. Pure: the client
// (client.ts) owns the workers and the listeners; this decides the numbers React sees.

import type { ClientState, Notice } from './clientTypes';
import type { BackendChoice, ErrorCode, FromTrainer, SessionConfig } from '../shared/protocol';

/** Notices kept on screen at once; older ones drop off first. */
export const MAX_NOTICES = 5;

export function initialState(config: SessionConfig, backendChoice: BackendChoice): ClientState {
  return {
    phase: 'starting',
    running: false,
    step: 0,
    epoch: 0,
    epochProgress: 0,
    imagesPerSec: 0,
    backend: null,
    backendChoice,
    tried: [],
    backendProbe: null,
    progress: null,
    config,
    manifest: null,
    notices: [],
    weightsStep: -1,
  };
}

/** Adds a notice; an identical message already showing is replaced rather than repeated. */
export function withNotice(state: ClientState, notice: Notice): ClientState {
  const others = state.notices.filter((n) => n.message !== notice.message || n.code !== notice.code);
  return { ...state, notices: [...others, notice].slice(-MAX_NOTICES) };
}

export function noticeLevel(code: ErrorCode, recoverable: boolean): Notice['level'] {
  if (code === 'nan') return 'warning';
  return recoverable ? 'warning' : 'error';
}

/**
 * The state after one training-worker message. `noticeId` is used only when the message
 * creates a notice. Messages that carry no slow state (latent, recon, saved, …) return the
 * same object, so React does not re-render for them.
 */
export function applyTrainerMessage(state: ClientState, msg: FromTrainer, noticeId: number): ClientState {
  // Compare trains a second model: its step and state are not the status line's.
  if ('model' in msg && msg.model !== undefined && msg.model !== state.config.model.kind) return state;
  switch (msg.type) {
    case 'ready':
      return { ...state, phase: 'ready', backend: msg.backend, tried: msg.tried, config: msg.config, progress: null };
    case 'probed':
      return { ...state, backendProbe: msg.probe };
    case 'progress': {
      const done = msg.total > 0 && msg.loaded >= msg.total;
      const progress = done ? null : { stage: msg.stage, loaded: msg.loaded, total: msg.total, label: msg.label };
      const phase = state.phase === 'starting' ? 'loading' : state.phase;
      return { ...state, phase, progress };
    }
    case 'metrics':
      return {
        ...state,
        step: msg.step,
        epoch: msg.epoch,
        epochProgress: msg.epochProgress,
        imagesPerSec: msg.imagesPerSec,
        progress: state.progress?.stage === 'warmup' ? null : state.progress,
      };
    case 'state':
      return { ...state, running: msg.running, step: msg.step, epoch: msg.epoch };
    case 'loaded':
      // New weights arrive next; until they do, nothing keyed on weightsStep may match the old model's.
      return { ...state, config: msg.config, step: msg.step, epochProgress: 0, weightsStep: -1 };
    case 'error': {
      // An error with an id answers a request: its promise rejects and the caller says it.
      if (msg.id !== undefined) return state;
      const level = noticeLevel(msg.code, msg.recoverable);
      const next = withNotice(state, { id: noticeId, level, code: msg.code, message: msg.message });
      // Before 'ready', an unrecoverable error means there is nothing to show but the error.
      const failed = !msg.recoverable && state.phase !== 'ready';
      return { ...next, phase: failed ? 'error' : next.phase, progress: failed ? null : next.progress };
    }
    case 'view':
      return { ...state, view: msg.view, config: msg.config };
    case 'latent':
    case 'weights':
    case 'recon':
    case 'evaluated':
    case 'saved':
      return state;
  }
}
