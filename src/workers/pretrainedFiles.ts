// The pretrained models the app ships (public/pretrained/, made by scripts/build-pretrained.ts),
// as the main thread reads them: the index, a model's first-paint file (decoder + the test
// set's codes, for an instant map) and its full checkpoint (for the training worker). TF.js-free.

import { parseFirstPaint, type FirstPaint } from '../model/firstPaint';
import {
  parsePretrainedIndex,
  PRETRAINED_DIR,
  PRETRAINED_INDEX,
  type PretrainedEntry,
  type PretrainedIndex,
} from '../model/pretrainedIndex';
import type { LatentSnapshot } from './clientTypes';
import type { SessionConfig, ToInference } from './protocol';

async function get(baseUrl: string, file: string): Promise<Response> {
  const url = new URL(`${PRETRAINED_DIR}${file}`, baseUrl).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return res;
}

export async function fetchPretrainedIndex(baseUrl: string): Promise<PretrainedIndex> {
  return parsePretrainedIndex(await (await get(baseUrl, PRETRAINED_INDEX)).json());
}

export async function fetchFirstPaint(baseUrl: string, entry: PretrainedEntry): Promise<FirstPaint> {
  const fp = parseFirstPaint(await (await get(baseUrl, entry.files.firstPaint)).arrayBuffer());
  if (fp.id !== entry.id || fp.step !== entry.step) throw new Error(`${entry.files.firstPaint} belongs to ${fp.id} at step ${fp.step}, not to ${entry.id}`);
  return fp;
}

export async function fetchCheckpoint(baseUrl: string, entry: PretrainedEntry): Promise<ArrayBuffer> {
  return (await get(baseUrl, entry.files.checkpoint)).arrayBuffer();
}

/** The session a pretrained model continues: its dataset, shape, hyperparameters and seed. */
export function entryConfig(entry: PretrainedEntry): SessionConfig {
  return {
    dataset: entry.dataset as SessionConfig['dataset'],
    model: { kind: entry.model, inputDim: 784, latentDim: entry.latent, hidden: [...entry.hidden] },
    hyper: { ...entry.hyper },
    seed: entry.seed,
  };
}

/** Whether a session config asks for exactly what this pretrained model is (then it may start from it). */
export function entryMatches(entry: PretrainedEntry, config: SessionConfig): boolean {
  const want = entryConfig(entry);
  const keys = Object.keys(want.hyper) as Array<keyof SessionConfig['hyper']>;
  return (
    config.dataset === want.dataset &&
    config.seed === want.seed &&
    config.model.kind === want.model.kind &&
    config.model.inputDim === want.model.inputDim &&
    config.model.latentDim === want.model.latentDim &&
    config.model.hidden.join('-') === want.model.hidden.join('-') &&
    keys.length === Object.keys(config.hyper).length &&
    keys.every((k) => config.hyper[k] === want.hyper[k])
  );
}

/** The precomputed codes as the latent map's snapshot (replaced by live ones once the model runs). */
export function latentOf(fp: FirstPaint): LatentSnapshot {
  return { step: fp.step, kind: fp.config.kind, dim: fp.config.latentDim, count: fp.count, mu: fp.mu, logvar: fp.logvar, labels: fp.labels };
}

/**
 * The message that gives the inference worker the first paint's decoder. Copied, not
 * transferred (≈ 2 MB, a millisecond): the first paint stays whole for a later switch back.
 */
export function decoderMessage(fp: FirstPaint): ToInference {
  return { type: 'decoder', step: fp.step, config: fp.config, decoder: fp.decoder };
}
