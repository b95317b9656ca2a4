// The loss curves panel: legend with the latest numbers as text, the d3-drawn chart, and a
// hover readout. Metrics stream outside React; this redraws at most once per animation frame.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ViewKind } from './hyperSchema';
import {
  LossChartRenderer,
  type DrawOptions,
  type DrawSummary,
  type HoverInfo,
  type SeriesKey,
} from './lossChartDraw';
import { InfoButton } from './explain/InfoButton';
import { useT } from './i18n/LanguageProvider';
import type { MessageKey } from './i18n/translate';
import { formatNats, formatStep } from './lossChartScales';
import { usePlaygroundClient, useTopic } from './usePlayground';
import './charts.css';

const EMPTY: DrawSummary = { points: 0, drawn: 0, series: [] };
/** The series' names in the page's language. */
const LABEL_KEY: Record<SeriesKey, MessageKey> = { elbo: 'loss.elbo', recon: 'loss.recon', kl: 'loss.kl', objective: 'loss.objective', aeRecon: 'loss.aeRecon' };

export function LossChart({ kind, beta }: { kind: ViewKind; beta: number }) {
  const client = usePlaygroundClient();
  const t = useT();
  const plotRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const renderer = useRef<LossChartRenderer | null>(null);
  const opts = useRef<DrawOptions | null>(null);
  const frame = useRef(0);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [log, setLog] = useState(false);
  const [summary, setSummary] = useState<DrawSummary>(EMPTY);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const hoverX = useRef<number | null>(null);

  const visible = useMemo<ReadonlySet<SeriesKey>>(
    () =>
      new Set<SeriesKey>(
        kind === 'compare'
          ? ['recon', 'kl', 'aeRecon']
          : kind === 'ae'
            ? ['recon']
            : ['elbo', 'recon', 'kl', ...(beta !== 1 ? (['objective'] as const) : [])],
      ),
    [kind, beta],
  );

  const redraw = useCallback(() => {
    frame.current = 0;
    const r = renderer.current;
    if (!r || !opts.current) return;
    const ae = kind === 'compare' ? client.getMetricsOf?.('ae') : undefined;
    const next = r.draw(client.getMetrics(), ae ? { ...opts.current, ae } : opts.current);
    setSummary((prev) => (sameSummary(prev, next) ? prev : next));
    if (hoverX.current !== null) setHover(r.hover(hoverX.current));
  }, [client, kind]);
  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(redraw);
  }, [redraw]);
  useTopic('metrics', schedule);

  useEffect(() => {
    if (svgRef.current) renderer.current = new LossChartRenderer(svgRef.current);
    return () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      renderer.current = null;
    };
  }, []);

  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry.contentRect.width);
      const height = Math.floor(entry.contentRect.height);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    opts.current = size && size.width > 0 && size.height > 0 ? { ...size, log, visible } : null;
    schedule();
  }, [size, log, visible, schedule]);

  const onPointer = (e: React.PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    hoverX.current = e.clientX - rect.left;
    setHover(renderer.current?.hover(hoverX.current) ?? null);
  };
  const onLeave = () => {
    hoverX.current = null;
    setHover(renderer.current?.hover(null) ?? null);
  };

  const latestElbo = summary.series.find((s) => s.key === 'elbo')?.train;
  return (
    <section className="panel loss" aria-label={t('loss.aria')}>
      <div className="panel-head">
        <h2 className="panel-title">
          {t('loss.title')} <span className="unit">{t('loss.unit')}</span>
          <InfoButton section="elbo" />
        </h2>
        <Legend kind={kind} beta={beta} summary={summary} />
        <label className="check small">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.currentTarget.checked)} />
          {t('loss.logScale')}
        </label>
      </div>
      <div className="plot" ref={plotRef}>
        <svg
          ref={svgRef}
          role="img"
          aria-label={t('loss.aria')}
          data-points={summary.points}
          data-drawn={summary.drawn}
          data-latest-elbo={latestElbo !== undefined && Number.isFinite(latestElbo) ? latestElbo.toFixed(3) : ''}
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          onPointerLeave={onLeave}
        />
        {summary.points === 0 && <p className="empty">{t('loss.empty')}</p>}
        {hover && <Tooltip hover={hover} width={size?.width ?? 0} />}
      </div>
    </section>
  );
}

function sameSummary(a: DrawSummary, b: DrawSummary): boolean {
  return (
    a.points === b.points &&
    a.drawn === b.drawn &&
    a.series.length === b.series.length &&
    a.series.every((s, i) => {
      const t = b.series[i];
      return s.key === t.key && Object.is(s.train, t.train) && Object.is(s.test, t.test);
    })
  );
}

function Legend({ kind, beta, summary }: { kind: ViewKind; beta: number; summary: DrawSummary }) {
  const t = useT();
  const get = (key: SeriesKey) => summary.series.find((s) => s.key === key);
  const items: Array<{ key: SeriesKey; label: string; na?: boolean }> =
    kind === 'compare'
      ? [
          { key: 'recon', label: t('loss.vaeRecon') },
          { key: 'kl', label: t('loss.vaeKl') },
          { key: 'aeRecon', label: t('loss.aeRecon') },
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
          ...(beta !== 1 ? [{ key: 'objective' as const, label: t('loss.objectiveBeta', { beta: beta.toFixed(1) }) }] : []),
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
    </ul>
  );
}

function Tooltip({ hover, width }: { hover: HoverInfo; width: number }) {
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
