// The loss chart's legend: each shown series with its latest train value (and test value when
// there is one) as text, so the numbers are readable without hovering the chart.
import type { ViewKind } from './hyperSchema';
import { useT } from './i18n/LanguageProvider';
import type { DrawSummary, SeriesKey } from './lossChartDraw';
import { formatNats } from './lossChartScales';
import { seriesName, type PairNames } from './lossSeriesNames';
const DEFAULT_NAMES: PairNames = { a: 'VAE', b: 'AE' };

/** `capacity`: the capacity objective's C is drawn (dashed, in KL's colour) and named here. */
/** `names`: in Compare, what each model is called (its kind and the settings it differs in: latent/modelPair.ts). */
export function LossLegend({
  kind,
  beta,
  summary,
  capacity = false,
  names = DEFAULT_NAMES,
  bKl = false,
}: {
  kind: ViewKind;
  beta: number;
  summary: DrawSummary;
  capacity?: boolean;
  names?: PairNames;
  /** In Compare, Model B is a VAE: its KL too. */
  bKl?: boolean;
}) {
  const t = useT();
  const get = (key: SeriesKey) => summary.series.find((s) => s.key === key);
  const items: Array<{ key: SeriesKey; label: string; na?: boolean }> =
    kind === 'compare'
      ? [
          { key: 'recon', label: seriesName('recon', t, names) },
          { key: 'kl', label: seriesName('kl', t, names) },
          { key: 'aeRecon', label: seriesName('aeRecon', t, names) },
          ...(bKl ? [{ key: 'aeKl' as const, label: seriesName('aeKl', t, names) }] : []),
        ]
      : kind === 'ae'
      ? [
          { key: 'recon', label: t('loss.recon') },
          { key: 'kl', label: t('loss.kl'), na: true },
        ]
      : [
          { key: 'elbo', label: t('loss.elbo') },
          { key: 'recon', label: t('loss.recon') },
          { key: 'kl', label: t('loss.kl') },
          ...(beta !== 1 && !capacity ? [{ key: 'objective' as const, label: t('loss.objectiveBeta', { beta: beta.toFixed(1) }) }] : []),
        ];
  return (
    <ul className="legend">
      {items.map(({ key, label, na }) => {
        const s = get(key);
        return (
          <li key={key} className={`legend-item s-${key}`}>
            <span className="swatch" aria-hidden="true" />
            <span className="legend-name">{label}</span>{' '}
            <span className="num" data-testid={`legend-${key}`}>
              {na ? t('loss.na') : formatNats(s?.train)}
            </span>
            {!na && s?.test !== undefined && <span className="legend-test"> ({t('loss.test', { value: formatNats(s.test) })})</span>}
          </li>
        );
      })}
      {capacity && (
        <li className="legend-item s-kl s-capacity">
          <span className="swatch" aria-hidden="true" />
          <span className="legend-name">{t('loss.capacity')}</span>{' '}
          <span className="num" data-testid="legend-capacity">
            {formatNats(summary.capacity)}
          </span>
        </li>
      )}
    </ul>
  );
}
