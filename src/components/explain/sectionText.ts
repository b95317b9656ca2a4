// Each section's title, its short name in the drawer's contents, the short topic an (i) button names ("Explain: KL and Beta"), and
// which section each hyperparameter's (i) opens.
import type { SettingKey } from '../hyperSchema';
import type { MessageKey } from '../i18n/translate';
import type { SectionId } from './explainStore';

export const SECTION_TITLE: Readonly<Record<SectionId, MessageKey>> = {
  network: 'x.network.title',
  reparam: 'x.reparam.title',
  elbo: 'x.elbo.title',
  likelihood: 'x.likelihood.title',
  mc: 'x.mc.title',
  kl: 'x.kl.title',
  continuity: 'x.continuity.title',
  traversal: 'x.traversal.title',
  logpx: 'x.logpx.title',
  active: 'x.active.title',
  disentangle: 'x.disentangle.title',
  rd: 'x.rd.title',
};

/** The drawer's contents: a short name for each idea, shown beside its number. */
export const SECTION_SHORT: Readonly<Record<SectionId, MessageKey>> = {
  network: 'x.network.short',
  reparam: 'x.reparam.short',
  elbo: 'x.elbo.short',
  likelihood: 'x.likelihood.short',
  mc: 'x.mc.short',
  kl: 'x.kl.short',
  continuity: 'x.continuity.short',
  traversal: 'x.traversal.short',
  logpx: 'x.logpx.short',
  active: 'x.active.short',
  disentangle: 'x.disentangle.short',
  rd: 'x.rd.short',
};

export const SECTION_TOPIC: Readonly<Record<SectionId, MessageKey>> = {
  network: 'x.network.topic',
  reparam: 'x.reparam.topic',
  elbo: 'x.elbo.topic',
  likelihood: 'x.likelihood.topic',
  mc: 'x.mc.topic',
  kl: 'x.kl.topic',
  continuity: 'x.continuity.topic',
  traversal: 'x.traversal.topic',
  logpx: 'x.logpx.topic',
  active: 'x.active.topic',
  disentangle: 'x.disentangle.topic',
  rd: 'x.rd.topic',
};

export const SETTING_SECTION: Readonly<Partial<Record<SettingKey, SectionId>>> = {
  latentDim: 'traversal',
  beta: 'kl',
  likelihood: 'likelihood',
  sigmaX: 'likelihood',
  samples: 'mc',
  reparam: 'reparam',
};
