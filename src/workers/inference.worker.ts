/// <reference lib="webworker" />
// The TF.js-free inference worker: holds the latest weight snapshot and decodes/encodes with
// plain JavaScript, so dragging z stays live while the training worker is busy with a chunk.

import { handleInference, initialInferenceState } from './inferenceHandler';
import { installConvAccelerator } from '../model/convAccelerator';
import { ConvTransposeGemm } from '../kernels/convTransposeGemm';
import type { FromInference, ToInference } from '../shared/protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const state = initialInferenceState();
// The conv decoder's transposed convolutions on SIMD kernels (grids and samples of a conv model).
void installConvAccelerator(ConvTransposeGemm.load);

scope.onmessage = (e: MessageEvent<ToInference>) => {
  const msg = e.data;
  try {
    const reply = handleInference(state, msg);
    if (reply) scope.postMessage(reply.message, reply.transfer);
  } catch (err) {
    // Weights messages have no id to answer; anything else must not leave its caller waiting.
    if (msg.type === 'weights' || msg.type === 'decoder') return;
    const message: FromInference = { type: 'inferenceError', id: msg.id, message: String(err) };
    scope.postMessage(message);
  }
};
