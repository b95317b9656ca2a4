// What Compare calls its two models: each by its kind and the settings in which the two differ
// ("VAE · β = 1" and "VAE · β = 4"; the default pair stays "VAE" and "AE"), so every legend,
// map title and decoder caption names what is being compared. Pure, for the page.
import { applyModelB, DEFAULT_MODEL_B, MODEL_B_KEYS, modelBDiff, type ModelBKey, type ModelBSettings } from '../../shared/modelB';
import type { ModelTag, SessionConfig } from '../../shared/protocol';
import type { Translate } from '../i18n/translate';
import { SCHEMA } from '../hyperSchema';
import { archOf } from '../../model/types';

export interface ModelPair {
  /** Each model's config: A's is the panel's, B's is A's with B's settings over it. */
  config: Record<ModelTag, SessionConfig>;
  /** Each model's name on screen. */
  label: Record<ModelTag, string>;
  /** Whether one dragged z means something to both decoders (the same latent dimension). */
  sharedZ: boolean;
}

/** One setting's value as the legends write it. */
function settingText(key: ModelBKey, c: SessionConfig, t: Translate): string {
  switch (key) {
    case 'kind':
      return c.model.kind.toUpperCase();
    case 'arch':
      return SCHEMA.arch.options.find((o) => o.value === archOf(c.model))?.label ?? archOf(c.model);
    case 'latentDim':
      return t('cmp.latentDims', { n: c.model.latentDim });
    case 'hidden':
      return c.model.hidden.join('-');
    case 'beta':
      return `β = ${c.hyper.beta}`;
    case 'likelihood':
      return SCHEMA.likelihood.options.find((o) => o.value === c.hyper.likelihood)?.label ?? c.hyper.likelihood;
    case 'sigmaX':
      return `σₓ = ${c.hyper.sigmaX}`;
    case 'samples':
      return `L = ${c.hyper.samples}`;
    case 'reparam':
      return t(c.hyper.reparam ? 'cmp.trickOn' : 'cmp.trickOff');
  }
}

/** Whether a setting means anything for this model (β, L, σ_x and the trick are the VAE's; σ_x Gaussian's only). */
function applies(key: ModelBKey, c: SessionConfig): boolean {
  const field = SCHEMA[key];
  if (field.vaeOnly && c.model.kind === 'ae') return false;
  return !field.likelihood || field.likelihood === c.hyper.likelihood;
}

function nameOf(c: SessionConfig, keys: readonly ModelBKey[], t: Translate): string {
  return [c.model.kind.toUpperCase(), ...keys.filter((k) => applies(k, c)).map((k) => settingText(k, c, t))].join(' · ');
}

export function modelPair(a: SessionConfig, b: ModelBSettings | undefined, t: Translate): ModelPair {
  const settings = b ?? DEFAULT_MODEL_B;
  const bConfig = applyModelB(a, settings);
  const diff = modelBDiff(a, settings);
  const keys = MODEL_B_KEYS.filter((k) => k !== 'kind' && diff[k] !== undefined);
  let labelA = nameOf(a, keys, t);
  let labelB = nameOf(bConfig, keys, t);
  // Settings that mean nothing to either model (β between two AEs) leave the names alike.
  if (labelA === labelB) [labelA, labelB] = [`${labelA} (A)`, `${labelB} (B)`];
  return {
    config: { a, b: bConfig },
    label: { a: labelA, b: labelB },
    sharedZ: a.model.latentDim === bConfig.model.latentDim,
  };
}
