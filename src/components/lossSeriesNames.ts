// What each loss series is called on screen, in the legend and the hover readout alike. In
// Compare each model goes by its name (its kind and the settings it differs in: "VAE · β = 4"),
// so a tooltip row says whose curve it is, not "Model B".
import type { SeriesKey } from './lossChartDraw';
import type { MessageKey, Translate } from './i18n/translate';

/** Compare's two models by name: Model A and Model B. */
export interface PairNames {
  a: string;
  b: string;
}

/** A single model's series: its own name for each term. */
const SINGLE_KEY: Record<SeriesKey, MessageKey> = {
  elbo: 'loss.elbo',
  recon: 'loss.recon',
  kl: 'loss.kl',
  objective: 'loss.objective',
  aeRecon: 'loss.aeRecon',
  aeKl: 'loss.bKl',
};

/** The name of `key`'s curve; with `names` (Compare) the model's name goes with the term. */
export function seriesName(key: SeriesKey, t: Translate, names?: PairNames): string {
  if (!names) return t(SINGLE_KEY[key]);
  switch (key) {
    case 'recon':
      return t('loss.modelRecon', { model: names.a });
    case 'kl':
      return t('loss.modelKl', { model: names.a });
    case 'aeRecon':
      return t('loss.modelRecon', { model: names.b });
    case 'aeKl':
      return t('loss.modelKl', { model: names.b });
    default:
      return t(SINGLE_KEY[key]);
  }
}
