// public/pretrained/index.json: the checkpoints the app ships, written by
// scripts/build-pretrained.ts and read by the page. Validated, since it comes over the network.

import { validateHyper } from './config';
import { ARCHS } from './params';
import type { Arch, Hyper, ModelKind } from './types';

export interface PretrainedTestMetrics {
  /** Mean ELBO over the full test set, nats per image (negative). */
  elbo: number;
  recon: number;
  kl: number;
}

export interface PretrainedEntry {
  /** Folder-safe name, e.g. "mnist-vae-2d". */
  id: string;
  /** What the menu shows, e.g. "MNIST VAE 2-D". */
  title: string;
  dataset: string;
  model: ModelKind;
  /** Absent: an MLP (the index from before the conv network). */
  arch?: Arch;
  latent: number;
  hidden: number[];
  /** The hyperparameters it was trained with; a link asking for others does not start from it. */
  hyper: Hyper;
  step: number;
  epochs: number;
  test: PretrainedTestMetrics;
  /** Shapes: MIG over the evaluation set (src/model/mig.ts), in [0, 1]. */
  mig?: number;
  /** The `npm run train` command line that made it, and its seed. */
  command: string;
  seed: number;
  /** File names next to index.json. */
  files: { checkpoint: string; firstPaint: string };
  /** Their sizes in bytes. */
  bytes: { checkpoint: number; firstPaint: number };
}

export interface PretrainedIndex {
  version: 1;
  /** The entry a page with no settings in its link opens with. */
  default: string;
  models: PretrainedEntry[];
}

export const PRETRAINED_DIR = 'pretrained/';
export const PRETRAINED_INDEX = 'index.json';

/**
 * The model a link without training settings opens on. The page fetches its first paint
 * before the index has arrived, so every model's files are named by pretrainedFiles().
 */
export const DEFAULT_PRETRAINED = 'mnist-vae-2d';

export function pretrainedFiles(id: string): PretrainedEntry['files'] {
  return { checkpoint: `${id}.vaeckpt`, firstPaint: `${id}.vaefp` };
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// A file name, never a path: the index must not point the page anywhere else.
const isFileName = (v: unknown): v is string => isString(v) && /^[\w.-]+$/.test(v) && !v.startsWith('.');

function entryProblem(e: unknown, i: number): string | null {
  if (typeof e !== 'object' || e === null) return `model ${i} is not an object`;
  const m = e as Record<string, unknown>;
  const files = m.files as Record<string, unknown> | undefined;
  const bytes = m.bytes as Record<string, unknown> | undefined;
  const test = m.test as Record<string, unknown> | undefined;
  if (!isFileName(m.id)) return `model ${i} has no valid id`;
  if (!isString(m.title) || !isString(m.dataset) || !isString(m.command)) return `${m.id}: title, dataset and command must be text`;
  if (m.model !== 'vae' && m.model !== 'ae') return `${m.id}: model must be "vae" or "ae"`;
  if (m.arch !== undefined && !(ARCHS as readonly unknown[]).includes(m.arch)) return `${m.id}: arch must be ${ARCHS.join(' or ')}`;
  if (![m.latent, m.step, m.epochs, m.seed].every(isCount)) return `${m.id}: latent, step, epochs and seed must be whole numbers`;
  if (!Array.isArray(m.hidden) || !m.hidden.every(isCount)) return `${m.id}: hidden must list layer sizes`;
  if (typeof m.hyper !== 'object' || m.hyper === null || validateHyper(m.hyper as Hyper).length > 0) return `${m.id}: hyperparameters are missing or invalid`;
  if (!test || ![test.elbo, test.recon, test.kl].every(isNumber)) return `${m.id}: test metrics are missing`;
  if (m.mig !== undefined && !(isNumber(m.mig) && m.mig >= 0 && m.mig <= 1)) return `${m.id}: mig must be a number in [0, 1]`;
  if (!files || !isFileName(files.checkpoint) || !isFileName(files.firstPaint)) return `${m.id}: files must name a checkpoint and a first-paint file`;
  const named = pretrainedFiles(m.id);
  if (files.checkpoint !== named.checkpoint || files.firstPaint !== named.firstPaint) return `${m.id}: files must be named ${named.checkpoint} and ${named.firstPaint}`;
  if (!bytes || !isCount(bytes.checkpoint) || !isCount(bytes.firstPaint)) return `${m.id}: byte sizes are missing`;
  return null;
}

/** Checks index.json's parsed contents; throws an Error saying what is wrong. */
export function parsePretrainedIndex(raw: unknown): PretrainedIndex {
  if (typeof raw !== 'object' || raw === null) throw new Error('pretrained/index.json is not a JSON object');
  const index = raw as Partial<PretrainedIndex>;
  if (index.version !== 1) throw new Error(`pretrained/index.json has version ${JSON.stringify(index.version)}; this app reads 1`);
  if (!Array.isArray(index.models) || index.models.length === 0) throw new Error('pretrained/index.json lists no models');
  index.models.forEach((m, i) => {
    const problem = entryProblem(m, i);
    if (problem) throw new Error(`pretrained/index.json: ${problem}`);
  });
  const ids = index.models.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new Error('pretrained/index.json lists an id twice');
  if (typeof index.default !== 'string' || !ids.includes(index.default)) throw new Error('pretrained/index.json names no listed default');
  return index as PretrainedIndex;
}
