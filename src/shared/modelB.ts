// Compare's second model, Model B: the settings in which it differs from Model A (the model the
// hyperparameter panel shows), over the one parameter schema (src/model/params.ts). Everything
// B does not set it shares with A, so a live change of a shared setting (the learning rate, the
// batch size) reaches both and the comparison stays fair. The default pair is A = a VAE and
// B = an AE with A's layers. Pure and TF.js-free: the page and the training worker both read it.

import { PARAMS } from '../model/params';
import { archOf, type Hyper, type ModelConfig } from '../model/types';
import type { ModelTag, SessionConfig, ViewMode } from './protocol';

/** The settings B may hold apart from A, network and objective alike. */
export const MODEL_B_MODEL_KEYS = ['kind', 'arch', 'latentDim', 'hidden'] as const satisfies readonly (keyof ModelConfig)[];
export const MODEL_B_HYPER_KEYS = ['beta', 'likelihood', 'sigmaX', 'samples', 'reparam'] as const satisfies readonly (keyof Hyper)[];
export type ModelBModelKey = (typeof MODEL_B_MODEL_KEYS)[number];
export type ModelBHyperKey = (typeof MODEL_B_HYPER_KEYS)[number];
export type ModelBKey = ModelBModelKey | ModelBHyperKey;
export const MODEL_B_KEYS: readonly ModelBKey[] = [...MODEL_B_MODEL_KEYS, ...MODEL_B_HYPER_KEYS];

export type ModelBSettings = Partial<Pick<ModelConfig, ModelBModelKey> & Pick<Hyper, ModelBHyperKey>>;

/** The pair Compare has always shown: a VAE and an AE with the same layers. */
export const DEFAULT_MODEL_B: Readonly<ModelBSettings> = { kind: 'ae' };

/** The slot a view shows first: the AE view shows Model B (the AE of the default pair), the others Model A. */
export function primarySlot(view: ViewMode): ModelTag {
  return view === 'ae' ? 'b' : 'a';
}

/** The slot a model of this kind is shown in alone (a loaded AE checkpoint is Model B's). */
export function slotOfKind(kind: ModelConfig['kind']): ModelTag {
  return kind === 'ae' ? 'b' : 'a';
}

/** A network setting's value as compared: an absent architecture is the MLP (types.ts archOf). */
function modelValue(m: ModelConfig, key: ModelBModelKey): string {
  return key === 'arch' ? archOf(m) : String(m[key]);
}

/** B's whole config: A's, with B's own settings over it. */
export function applyModelB(a: SessionConfig, b: ModelBSettings): SessionConfig {
  const model: ModelConfig = { ...a.model, ...defined(b, MODEL_B_MODEL_KEYS) };
  model.hidden = [...model.hidden];
  // An MLP's config names no architecture, as before conv existed (so its checkpoints read the same).
  if (model.arch === 'mlp') delete model.arch;
  return { ...a, model, hyper: { ...a.hyper, ...defined(b, MODEL_B_HYPER_KEYS) } };
}

/** The settings of `keys` that `b` sets. */
function defined<K extends ModelBKey>(b: ModelBSettings, keys: readonly K[]): Pick<ModelBSettings, K> {
  const out: ModelBSettings = {};
  for (const key of keys) if (b[key] !== undefined) Object.assign(out, { [key]: b[key] });
  return out as Pick<ModelBSettings, K>;
}

/** Whether going from B's settings `before` to `after` (over the same A) needs new weights for B. */
export function modelBNeedsNewWeights(a: SessionConfig, before: ModelBSettings, after: ModelBSettings): boolean {
  const x = applyModelB(a, before).model;
  const y = applyModelB(a, after).model;
  // A kind is its own network (the AE has no log σ² head), whatever the schema says of switching views.
  return x.kind !== y.kind || MODEL_B_MODEL_KEYS.some((k) => PARAMS[k].newWeights && modelValue(x, k) !== modelValue(y, k));
}

/** B's live settings after a change of B's settings (what its running loop takes without new weights). */
export function modelBHyper(a: SessionConfig, b: ModelBSettings): Partial<Hyper> {
  const hyper = applyModelB(a, b).hyper;
  const out: Partial<Hyper> = {};
  for (const key of MODEL_B_HYPER_KEYS) Object.assign(out, { [key]: hyper[key] });
  return out;
}

/** A live change made for one model, as the other one takes it: without the settings B holds apart. */
export function sharedHyper(hyper: Partial<Hyper>, b: ModelBSettings): Partial<Hyper> {
  const out: Partial<Hyper> = { ...hyper };
  for (const key of MODEL_B_HYPER_KEYS) if (b[key] !== undefined) delete out[key];
  return out;
}

/** Only the settings in which B differs from A (what a link carries, what the legends name). */
export function modelBDiff(a: SessionConfig, b: ModelBSettings): ModelBSettings {
  const full = applyModelB(a, b);
  const out: ModelBSettings = {};
  for (const key of MODEL_B_MODEL_KEYS) if (modelValue(full.model, key) !== modelValue(a.model, key)) Object.assign(out, { [key]: key === 'arch' ? archOf(full.model) : full.model[key] });
  for (const key of MODEL_B_HYPER_KEYS) if (full.hyper[key] !== a.hyper[key]) Object.assign(out, { [key]: full.hyper[key] });
  return out;
}

/** The same settings, each the same value (hidden sizes compared as lists). */
export function sameModelB(x: ModelBSettings, y: ModelBSettings): boolean {
  return MODEL_B_KEYS.every((k) => String(x[k]) === String(y[k]));
}
