// The loss curves panel: legend with the latest numbers as text, the d3-drawn chart, and a
// hover readout. Metrics stream outside React; this redraws at most once per animation frame.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ClientState, MetricsHistory } from '../client/clientTypes';
import {
  hasGaussian,
  historyChange,
  likelihoodConstant,
  markOf,
  newTrack,
  recordChanges,
  resetTrack,
  settleBoundary,
  type ChartEvent,
  type EventTrack,
  type HistoryMark,
} from './chartEvents';
import type { CapacityLine } from './capacityLine';
import type { ViewKind } from './hyperSchema';
import { LossChartRenderer, type DrawOptions, type DrawSummary, type HoverInfo, type SeriesKey } from './lossChartDraw';
import { LossLegend } from './LossLegend';
import { LossTooltip } from './LossTooltip';
import { InfoButton } from './explain/InfoButton';
import { useT } from './i18n/LanguageProvider';
import type { Translate } from './i18n/translate';
import type { Marker } from './lossChartMarkers';
import { formatNats } from './lossChartScales';
import { useClientState, usePlaygroundClient, useTopic } from './usePlayground';
import { useElementSize } from './useElementSize';
import { modelPair } from './latent/modelPair';
import './charts.css';

const EMPTY: DrawSummary = { points: 0, drawn: 0, series: [] };
const DEFAULT_PIXELS = 784;

/** A marker's label in the page's language, e.g. "β = 4", "σ = 0.1", "trick off", "reset". */
export function eventLabel(e: ChartEvent, t: Translate): string {
  const v = typeof e.value === 'number' ? String(Number(e.value.toPrecision(3))) : String(e.value);
  switch (e.kind) {
    case 'likelihood':
      return t(e.value === 'gaussian' ? 'chart.event.gaussian' : 'chart.event.bernoulli');
    case 'reparam':
      return t(e.value ? 'chart.event.trickOn' : 'chart.event.trickOff');
    case 'reset':
      return t('chart.event.reset');
    default:
      return t(`chart.event.${e.kind}`, { v });
  }
}

/** What the note under the legend says about the Gaussian constant; null when no step used it. */
interface ConstantNote {
  sigma: number;
  constant: number;
}

/**
 * `capacity`: the capacity objective's C(step) to draw beside KL (a VAE with that objective).
 * `switcher`: drawn in the head (the button to the rate–distortion plane).
 */
export function LossChart({ kind, beta, capacity = null, switcher = null }: { kind: ViewKind; beta: number; capacity?: CapacityLine | null; switcher?: ReactNode }) {
  const client = usePlaygroundClient();
  const t = useT();
  const { config, modelB } = useClientState();
  // Compare's legends name each model by its settings ("VAE · β = 4").
  const pair = useMemo(() => modelPair(config, modelB, t), [config, modelB, t]);
  // Model B's KL beside A's when B is a VAE too.
  const bHasKl = pair.config.b.model.kind === 'vae';
  const plotRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const renderer = useRef<LossChartRenderer | null>(null);
  const opts = useRef<DrawOptions | null>(null);
  const frame = useRef(0);
  const size = useElementSize(plotRef);
  const [log, setLog] = useState(false);
  const [summary, setSummary] = useState<DrawSummary>(EMPTY);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const hoverX = useRef<number | null>(null);
  // Setting changes per history (each model kind's curves are their own), read from the
  // client's state as it changes: markers, and the constant each step's numbers contain.
  const tracks = useRef(new WeakMap<MetricsHistory, { track: EventTrack; mark: HistoryMark }>());
  const [dropConstant, setDropConstant] = useState(false);
  const [note, setNote] = useState<ConstantNote | null>(null);
  const tRef = useRef(t);
  tRef.current = t;

  const visible = useMemo<ReadonlySet<SeriesKey>>(
    () =>
      new Set<SeriesKey>(
        kind === 'compare'
          ? ['recon', 'kl', 'aeRecon', ...(bHasKl ? (['aeKl'] as const) : [])]
          : kind === 'ae'
            ? ['recon']
            : ['elbo', 'recon', 'kl', ...(beta !== 1 && !capacity ? (['objective'] as const) : [])],
      ),
    [kind, beta, capacity, bHasKl],
  );

  /** Brings the shown history's track up to date with the client's settings and history. */
  const observe = useCallback((): EventTrack => {
    const s = client.getState();
    const h = client.getMetrics();
    let entry = tracks.current.get(h);
    if (!entry) {
      entry = { track: newTrack(s.config.hyper), mark: markOf(h.steps) };
      tracks.current.set(h, entry);
    }
    let track = entry.track;
    const change = historyChange(entry.mark, h.steps);
    if (change === 'reset') track = resetTrack(s.config.hyper);
    else if (change === 'load') track = newTrack(s.config.hyper);
    // The history's steps count from 0 (the status line's "step 1" is history step 0), so a
    // change sits after the last step drawn; before any step it marks nothing (step −1).
    const last = h.steps.length ? h.steps[h.steps.length - 1] : -1;
    const seen = change || !Number.isFinite(entry.mark.last) ? -Infinity : entry.mark.last;
    track = settleBoundary(track, h.steps, h.recon, seen, last);
    track = recordChanges(track, s.config.hyper, last, s.running);
    entry.track = track;
    entry.mark = markOf(h.steps);
    const hyper = track.hyper;
    const next: ConstantNote | null = hasGaussian(track)
      ? { sigma: hyper.sigmaX, constant: likelihoodConstant({ likelihood: 'gaussian', sigmaX: hyper.sigmaX }, pixelsOf(s)) }
      : null;
    setNote((prev) => (prev?.sigma === next?.sigma && prev?.constant === next?.constant ? prev : next));
    return track;
  }, [client]);

  const redraw = useCallback(() => {
    frame.current = 0;
    const r = renderer.current;
    if (!r || !opts.current) return;
    const track = observe();
    const ae = kind === 'compare' ? client.getMetricsOf('b') : undefined;
    const markers: Marker[] = track.events.map((e) => ({ step: e.step, label: eventLabel(e, tRef.current) }));
    const drawOpts = {
      ...opts.current,
      regimes: track.regimes,
      pixels: pixelsOf(client.getState()),
      markers,
      xTitle: tRef.current('chart.xTitle'),
      klAxisTitle: tRef.current('loss.klAxis'),
      ...(ae ? { ae } : {}),
    };
    const next = r.draw(client.getMetrics(), drawOpts);
    setSummary((prev) => (sameSummary(prev, next) ? prev : next));
    if (hoverX.current !== null) setHover(r.hover(hoverX.current));
  }, [client, kind]);
  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(redraw);
  }, [redraw]);
  useTopic('metrics', schedule);
  // Settings change between chunks: record them at once (the step they changed at), draw later.
  useTopic('state', () => {
    observe();
    schedule();
  });

  useEffect(() => {
    if (svgRef.current) renderer.current = new LossChartRenderer(svgRef.current);
    return () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      renderer.current = null;
    };
  }, []);

  useEffect(() => {
    opts.current =
      size && size.width > 0 && size.height > 0
        ? { ...size, log, visible, dropConstant: dropConstant && note !== null, ...(capacity && kind === 'vae' ? { capacity } : {}) }
        : null;
    schedule();
  }, [size, log, visible, schedule, dropConstant, note, t, capacity, kind]);

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
        <LossLegend kind={kind} beta={beta} summary={summary} capacity={capacity !== null && kind === 'vae'} names={pair.label} bKl={bHasKl} />
        {note && (
          <label className="check small drop-constant" title={t('chart.dropConstantTitle')}>
            <input type="checkbox" checked={dropConstant} onChange={(e) => setDropConstant(e.currentTarget.checked)} />
            {t('chart.dropConstant')}
          </label>
        )}
        <label className="check small">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.currentTarget.checked)} />
          {t('loss.logScale')}
        </label>
        {switcher}
        {note && (
          <p className="constant-note" data-testid="constant-note">
            {dropConstant
              ? t('chart.withoutConstant')
              : t('chart.withConstant', { c: formatNats(note.constant), sigma: String(Number(note.sigma.toPrecision(3))) })}
          </p>
        )}
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
        {hover && <LossTooltip hover={hover} width={size?.width ?? 0} names={kind === 'compare' ? pair.label : undefined} />}
      </div>
    </section>
  );
}

/** D, the pixels per image of the session's dataset (the constant scales with it). */
function pixelsOf(s: ClientState): number {
  const shape = s.manifest?.datasets.find((d) => d.name === s.config.dataset)?.shape;
  return shape ? shape[0] * shape[1] : DEFAULT_PIXELS;
}

function sameSummary(a: DrawSummary, b: DrawSummary): boolean {
  return (
    a.points === b.points &&
    a.drawn === b.drawn &&
    Object.is(a.capacity, b.capacity) &&
    a.series.length === b.series.length &&
    a.series.every((s, i) => {
      const t = b.series[i];
      return s.key === t.key && Object.is(s.train, t.train) && Object.is(s.test, t.test);
    })
  );
}
