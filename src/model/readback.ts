// Reading values back from WebGPU. Its synchronous read (dataSync, arraySync) copies through a
// canvas, and Chromium's software adapter (SwiftShader) answers it with zeros and then loses the
// device ("A valid external Instance reference no longer exists"). The asynchronous read maps a
// buffer and works; TF.js keeps what it read on the CPU, so a dataSync of the same tensor after
// `await settled(...)` reads that copy and never touches the GPU. Every other backend reads as
// before: nothing is awaited beyond a resolved promise, and the numbers are the same.

import * as tf from '@tensorflow/tfjs-core';

/** Whether reads must be asynchronous on the backend in use. */
export function readsAsync(): boolean {
  return tf.getBackend() === 'webgpu';
}

/** On WebGPU, reads the tensors asynchronously so that their dataSync() that follows is safe. */
export async function settled(tensors: readonly tf.Tensor[]): Promise<void> {
  if (!readsAsync()) return;
  await Promise.all(tensors.map((t) => t.data()));
}
