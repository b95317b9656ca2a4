// The `Rate–distortion` chart, in the loss chart's place (its button switches between them):
// each model's test rate R (KL) against its distortion D (reconstruction), the path it took
// while training and its latest point, labelled; in Compare both models, each named by its
// settings. Lines of equal −ELBO run at slope −1 (rdGeometry.ts); an AE sits on the D axis, and
// the chart says why. The latest figures are also text, for reading and for screen readers.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { InfoButton } from '../explain/InfoButton';
import { useT } from '../i18n/LanguageProvider';
import type { Translate } from '../i18n/translate';
import { modelPair } from '../latent/modelPair';
import { formatNats } from '../lossChartScales';
import { useClientState, usePlaygroundClient, useTopic } from '../usePlayground';
import { useElementSize } from '../useElementSize';
import { RdRenderer } from './rdDraw';
import { rdSeries, type RdSeries } from './rdSeries';
import { RdToggle } from './RdToggle';
import { SweepPanel, useSweeps, type SweepNote } from './SweepPanel';
import { sweepPoints, type SweepPoint } from './sweepPoints';
import './rd.css';

export function RateDistortionChart({ comparing, onToggle }: { comparing: boolean; onToggle(): void }) {
  const client = usePlaygroundClient();
  const t = useT();
  const { config, modelB } = useClientState();
  const pair = useMemo(() => modelPair(config, modelB, t), [config, modelB, t]);
  const plotRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const overlayRef = useRef<SVGSVGElement>(null);
  const renderer = useRef<RdRenderer | null>(null);
  const size = useElementSize(plotRef);

  const read = useCallback((): RdSeries[] => {
    if (!comparing) return [rdSeries('a', config.model.kind.toUpperCase(), config.model.kind, client.getMetrics())];
    return (['a', 'b'] as const).map((id) => rdSeries(id, pair.label[id], pair.config[id].model.kind, client.getMetricsOf(id)));
  }, [client, comparing, config.model.kind, pair]);
  const [series, setSeries] = useState(read);
  useEffect(() => setSeries(read()), [read]);
  useTopic('metrics', () => setSeries(read()));

  useEffect(() => {
    if (svgRef.current && overlayRef.current) renderer.current = new RdRenderer(svgRef.current, overlayRef.current);
    return () => {
      renderer.current = null;
    };
  }, []);
  // The β sweeps' models: points that open as Compare's Model B (SweepPanel.tsx starts them).
  const sweepSnap = useSweeps();
  const sweep = useMemo(() => sweepPoints(sweepSnap, t), [sweepSnap, t]);
  // A function in state: set it through an updater (setState would call it).
  const [sweepNote, setSweepNote] = useState<SweepNote>(null);
  const open = useCallback(
    (p: SweepPoint) => {
      const model = sweepSnap.sweeps.find((s) => s.id === p.sweepId)?.models.find((m) => m.index === p.index);
      const beta = p.beta.toLocaleString('en-US', { maximumFractionDigits: 4 });
      const steps = (model?.step ?? 0).toLocaleString('en-US');
      client.sweeps.open(p.sweepId, p.index).then(
        () => setSweepNote(() => (tr: Translate) => tr('sw.opened', { beta, steps })),
        (err: unknown) => setSweepNote(() => (tr: Translate) => tr('sw.openFailed', { reason: err instanceof Error ? err.message : String(err) })),
      );
    },
    [client, sweepSnap],
  );
  const [lines, setLines] = useState<number[]>([]);
  useEffect(() => {
    if (!renderer.current || !size || size.width <= 0 || size.height <= 0) return;
    const drawn = renderer.current.draw({
      ...size,
      series,
      xTitle: t('rd.xTitle'),
      yTitle: t('rd.yTitle'),
      yTitleShort: t('rd.yTitleShort'),
      lineLabel: (c) => t('rd.line', { c: c.toLocaleString('en-US') }),
      sweep,
      onOpen: open,
    });
    setLines((old) => (old.join() === drawn.join() ? old : drawn));
  }, [series, size, t, sweep, open]);

  const noRate = series.some((s) => !s.hasRate && s.latest);
  const empty = series.every((s) => !s.latest) && sweep.length === 0;
  return (
    <section className="panel loss rd" aria-label={t('rd.title')}>
      <div className="panel-head">
        <h2 className="panel-title">
          {t('rd.title')} <span className="unit">{t('rd.unit')}</span>
          <InfoButton section="rd" />
        </h2>
        <RdToggle pressed onToggle={onToggle} />
        <ul className="legend rd-legend">
          {series.map((s) => (
            <li key={s.id} className={`legend-item rd-${s.id}`} data-testid={`rd-point-${s.id}`}>
              <span className="swatch" aria-hidden="true" />
              <span className="legend-name">{s.label}</span>{' '}
              <span className="num">
                {!s.latest
                  ? '–'
                  : s.hasRate
                    ? t('rd.point', { r: formatNats(s.latest.rate), d: formatNats(s.latest.distortion), e: formatNats(s.latest.negElbo) })
                    : t('rd.pointAe', { d: formatNats(s.latest.distortion) })}
              </span>{' '}
              {s.latest && <span className="legend-test">{t('rd.atStep', { step: s.latest.step.toLocaleString('en-US') })}</span>}
            </li>
          ))}
        </ul>
        {noRate && <p className="constant-note rd-note">{t('rd.aeNote')}</p>}
        <SweepPanel note={sweepNote} onNote={(n) => setSweepNote(() => n)} />
      </div>
      <div className="plot" ref={plotRef}>
        <svg ref={svgRef} role="img" aria-label={t('rd.imgAria')} data-lines={lines.join(',')} />
        <svg ref={overlayRef} className="rd-sweep-layer" role="group" aria-label={t('sw.pointsAria')} />
        {empty && <p className="empty">{t('rd.empty')}</p>}
      </div>
    </section>
  );
}
