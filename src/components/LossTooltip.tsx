// The loss chart's hover readout: the step under the pointer and, per series, the smoothed
// and raw training values and the test value there.
import type { HoverInfo, SeriesKey } from './lossChartDraw';
import { useT } from './i18n/LanguageProvider';
import type { MessageKey } from './i18n/translate';
import { formatNats, formatStep } from './lossChartScales';

/** The series' names in the page's language. */
const LABEL_KEY: Record<SeriesKey, MessageKey> = { elbo: 'loss.elbo', recon: 'loss.recon', kl: 'loss.kl', objective: 'loss.objective', aeRecon: 'loss.aeRecon', aeKl: 'loss.bKl' };

export function LossTooltip({ hover, width }: { hover: HoverInfo; width: number }) {
  const t = useT();
  // Sits on the side of the rule with more room, so it never covers the latest values.
  const flip = hover.x > width / 2;
  const style = { left: flip ? hover.x - 12 : hover.x + 12, transform: flip ? 'translateX(-100%)' : undefined };
  const test = hover.test;
  return (
    <div className={`tooltip ${test ? 'has-test' : ''}`} style={style} aria-hidden="true">
      <div className="tooltip-head">
        <span>{t('loss.step', { n: formatStep(hover.step) })}</span>
        <span>{t('loss.smoothed')}</span>
        <span>{t('loss.raw')}</span>
        {test && <span>{t('loss.testColumn')}</span>}
      </div>
      {hover.rows.map((r) => (
        <div key={r.key} className={`tooltip-row s-${r.key}`}>
          <span className="swatch" />
          <span>{t(LABEL_KEY[r.key])}</span>
          <span className="num">{formatNats(r.smooth)}</span>
          <span className="num faint">{formatNats(r.raw)}</span>
          {test && <span className="num faint">{formatNats(test.values[r.key])}</span>}
        </div>
      ))}
    </div>
  );
}
