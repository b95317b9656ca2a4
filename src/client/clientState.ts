// The slow-moving client state React reads: where it starts, and the state after one
// training-worker message (each message's rule is in trainerMessages.ts). Pure: the client
// (client.ts) owns the workers and the listeners; this decides the numbers React sees.

import type { ClientState } from './clientTypes';
import { modelOf, ruleOf } from './trainerMessages';
import { slotOfKind } from '../shared/modelB';
import type { BackendChoice, FromTrainer, SessionConfig } from '../shared/protocol';

export { MAX_NOTICES, noticeLevel, withNotice } from './notices';

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

/**
 * The state after one training-worker message. `noticeId` is used only when the message
 * creates a notice. Messages that carry no slow state (latent, recon, saved, …) return the
 * same object, so React does not re-render for them.
 */
export function applyTrainerMessage(state: ClientState, msg: FromTrainer, noticeId: number): ClientState {
  // Compare trains a second model: its step and state are not the status line's.
  const shown = slotOfKind(state.config.model.kind);
  if (modelOf(msg, shown) !== shown) return state;
  return ruleOf(msg).state?.(state, msg, noticeId) ?? state;
}
