// The loss chart's hover readout: the step under the pointer and, per series, the smoothed
// and raw training values and the test value there.
import type { HoverInfo } from './lossChartDraw';
import { useT } from './i18n/LanguageProvider';
import { formatNats, formatStep } from './lossChartScales';
import { seriesName, type PairNames } from './lossSeriesNames';

/** `names`: in Compare, each row names its model as the legend does. */
export function LossTooltip({ hover, width, names }: { hover: HoverInfo; width: number; names?: PairNames }) {
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
          <span>{seriesName(r.key, t, names)}</span>
          <span className="num">{formatNats(r.smooth)}</span>
          <span className="num faint">{formatNats(r.raw)}</span>
          {test && <span className="num faint">{formatNats(test.values[r.key])}</span>}
        </div>
      ))}
    </div>
  );
}
