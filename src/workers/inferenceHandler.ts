// What the inference worker answers, as a plain function of the weights it holds, so it can be
// tested in Node. TF.js-free on purpose: decoding must never wait behind a training chunk.

import { decodeMeans, encodeMlp } from '../model/mlp';
import type { NetworkWeights } from '../model/types';
import { slotOfKind } from '../shared/modelB';
import type { FromInference, ModelTag, ToInference } from '../shared/protocol';

export interface InferenceState {
  weights: NetworkWeights | null;
  /** A decoder without its encoder (a pretrained first paint); null once full weights arrive. */
  decoderOnly: Pick<NetworkWeights, 'config' | 'decoder'> | null;
  step: number;
  /** The latest of each model (Compare's A and B), for requests that name their model. */
  models?: Partial<Record<ModelTag, ModelHeld>>;
}

type ModelHeld = Pick<InferenceState, 'weights' | 'decoderOnly' | 'step'>;

/** What a request decodes/encodes with: its model's weights if it names one, else the latest. */
function held(state: InferenceState, model: ModelTag | undefined): ModelHeld {
  return (model && state.models?.[model]) || state;
}

export interface InferenceReply {
  message: FromInference;
  /** Buffers handed to the page with the reply (it owns them from then on). */
  transfer: ArrayBuffer[];
}

export function initialInferenceState(): InferenceState {
  return { weights: null, decoderOnly: null, step: -1 };
}

function fail(id: number, message: string): InferenceReply {
  return { message: { type: 'inferenceError', id, message }, transfer: [] };
}

function validCount(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/** Applies one message; returns the reply to post, or null when the message needs none. */
export function handleInference(state: InferenceState, msg: ToInference): InferenceReply | null {
  switch (msg.type) {
    case 'weights':
      state.weights = msg.weights;
      state.decoderOnly = null;
      state.step = msg.step;
      state.models = { ...state.models, [msg.model ?? slotOfKind(msg.weights.config.kind)]: { weights: msg.weights, decoderOnly: null, step: msg.step } };
      return null;
    case 'decoder':
      state.decoderOnly = { config: msg.config, decoder: msg.decoder };
      state.weights = null;
      state.step = msg.step;
      state.models = { ...state.models, [slotOfKind(msg.config.kind)]: { weights: null, decoderOnly: state.decoderOnly, step: msg.step } };
      return null;
    case 'decode': {
      const from = held(state, msg.model);
      const w = from.weights ?? from.decoderOnly;
      if (!w) return fail(msg.id, 'No weights yet: the model has not sent a snapshot.');
      const dim = w.config.latentDim;
      if (!validCount(msg.n) || msg.z.length !== msg.n * dim) {
        return fail(msg.id, `decode: expected ${msg.n} × ${dim} latent values, got ${msg.z.length}`);
      }
      const pixels = decodeMeans(w, msg.z, msg.n);
      return {
        message: { type: 'decoded', id: msg.id, n: msg.n, step: from.step, pixels },
        transfer: [pixels.buffer as ArrayBuffer],
      };
    }
    case 'encode': {
      const from = held(state, msg.model);
      const w = from.weights;
      if (!w && from.decoderOnly) return fail(msg.id, 'Only the decoder is here yet: encoding waits for the model to start.');
      if (!w) return fail(msg.id, 'No weights yet: the model has not sent a snapshot.');
      const D = w.config.inputDim;
      if (!validCount(msg.n) || msg.pixels.length !== msg.n * D) {
        return fail(msg.id, `encode: expected ${msg.n} × ${D} pixel values, got ${msg.pixels.length}`);
      }
      const { mu, logvar } = encodeMlp(w, msg.pixels, msg.n);
      // The reconstruction decodes z = μ: the encoder's best guess, without sampling noise.
      const recon = decodeMeans(w, mu, msg.n);
      const transfer = [mu.buffer, recon.buffer, ...(logvar ? [logvar.buffer] : [])] as ArrayBuffer[];
      return {
        message: { type: 'encoded', id: msg.id, n: msg.n, step: from.step, mu, logvar, recon },
        transfer,
      };
    }
  }
}
