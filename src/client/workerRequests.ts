// The requests the page sends and waits for, answered by id: decode and encode on the inference
// worker, save and evaluate on the training worker (load: clientCore.loadBytes).

import type { ClientCore } from './clientCore';
import type { HistoryRecord, ModelTag, TestMetrics } from '../shared/protocol';

/** Mean images for n latent vectors (n × dim) of a model, from the inference worker. */
export async function decode(core: ClientCore, z: Float32Array, n: number, model: ModelTag): Promise<Float32Array> {
  const reply = await core.askInference((id) => ({ type: 'decode', id, n, z, model }));
  if (reply.type !== 'decoded') throw new Error(`decode: unexpected reply ${reply.type}`);
  return reply.pixels;
}

/** μ, log σ² (null for the AE) and reconstructions of n images under a model. */
export async function encode(
  core: ClientCore,
  pixels: Float32Array,
  n: number,
  model: ModelTag,
): Promise<{ mu: Float32Array; logvar: Float32Array | null; recon: Float32Array }> {
  const reply = await core.askInference((id) => ({ type: 'encode', id, n, pixels, model }));
  if (reply.type !== 'encoded') throw new Error(`encode: unexpected reply ${reply.type}`);
  return { mu: reply.mu, logvar: reply.logvar, recon: reply.recon };
}

/** A self-describing checkpoint of the training worker's session, with the page's curves. */
export async function save(core: ClientCore, history: HistoryRecord): Promise<ArrayBuffer> {
  const reply = await core.askTrainer((id) => ({ type: 'save', id, history }));
  if (reply.type !== 'saved') throw new Error(`save: unexpected reply ${reply.type}`);
  return reply.bytes;
}

/** Test metrics now: the 1,000-image subset or the full test set; log p(x) with iwK samples. */
export async function evaluate(core: ClientCore, full: boolean, iwK?: number): Promise<{ metrics: TestMetrics; logpx?: number }> {
  const reply = await core.askTrainer((id) => (iwK ? { type: 'evaluate', id, full, iwK } : { type: 'evaluate', id, full }));
  if (reply.type !== 'evaluated') throw new Error(`evaluate: unexpected reply ${reply.type}`);
  return reply.logpx === undefined ? { metrics: reply.metrics } : { metrics: reply.metrics, logpx: reply.logpx };
}
