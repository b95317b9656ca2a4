// The pretrained models the app ships (public/pretrained/, made by scripts/build-pretrained.ts),
// as the page reads them: the index, a model's first-paint file (decoder + the test set's
// codes, for an instant map) and its full checkpoint (for the training worker). TF.js-free.

import { parseFirstPaint, type FirstPaint } from '../model/firstPaint';
import {
  parsePretrainedIndex,
  PRETRAINED_DIR,
  PRETRAINED_INDEX,
  pretrainedFiles,
  type PretrainedEntry,
  type PretrainedIndex,
} from '../model/pretrainedIndex';
import type { SessionConfig } from '../shared/protocol';

async function get(baseUrl: string, file: string): Promise<Response> {
  const url = new URL(`${PRETRAINED_DIR}${file}`, baseUrl).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return res;
}

export async function fetchPretrainedIndex(baseUrl: string): Promise<PretrainedIndex> {
  return parsePretrainedIndex(await (await get(baseUrl, PRETRAINED_INDEX)).json());
}

/** A model's first paint, found by its id alone (so it need not wait for the index). */
export async function fetchFirstPaint(baseUrl: string, id: string): Promise<FirstPaint> {
  const file = pretrainedFiles(id).firstPaint;
  const fp = parseFirstPaint(await (await get(baseUrl, file)).arrayBuffer());
  if (fp.id !== id) throw new Error(`${file} holds the model "${fp.id}"`);
  return fp;
}

export async function fetchCheckpoint(baseUrl: string, entry: PretrainedEntry): Promise<ArrayBuffer> {
  return (await get(baseUrl, entry.files.checkpoint)).arrayBuffer();
}

/** The session a first paint's model continues: its dataset, shape, hyperparameters and seed. */
export function firstPaintSession(fp: FirstPaint): SessionConfig {
  return { dataset: fp.dataset as SessionConfig['dataset'], model: fp.config, hyper: fp.hyper, seed: fp.seed };
}

/** Whether two sessions are the same training setup (then one may start from the other's weights). */
export function sameSession(a: SessionConfig, b: SessionConfig): boolean {
  const keys = Object.keys(a.hyper) as Array<keyof SessionConfig['hyper']>;
  return (
    a.dataset === b.dataset &&
    a.seed === b.seed &&
    a.model.kind === b.model.kind &&
    (a.model.arch ?? 'mlp') === (b.model.arch ?? 'mlp') &&
    a.model.inputDim === b.model.inputDim &&
    a.model.latentDim === b.model.latentDim &&
    a.model.hidden.join('-') === b.model.hidden.join('-') &&
    keys.length === Object.keys(b.hyper).length &&
    keys.every((k) => a.hyper[k] === b.hyper[k])
  );
}
