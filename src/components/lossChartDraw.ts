// Draws the loss curves with d3 into one SVG: a handful of paths, however long the run.
// Raw per-step values faint, their EMA bold (never across sparse history or a likelihood change),
// test points as rings, markers where a setting changed; the hover rule and dots. Colours come from CSS classes (s-elbo, s-recon, s-kl, s-objective), so themes need no redraw.
import { axisBottom, axisLeft, format, scaleLinear, scaleSymlog, select, type Selection } from 'd3';
import type { MetricsHistory } from '../client/clientTypes';
import { capacityAt } from '../model/capacitySchedule';
import { capacityCurve, capacityPoints, type CapacityLine } from './capacityLine';
import { axisDomains, KL_AXIS_KEYS, KL_AXIS_MARGIN, KlAxisLayer } from './lossChartKlAxis';
import { likelihoodConstant, regimeAt, type Regime } from './chartEvents';
import { MarkerLayer, type Marker } from './lossChartMarkers';
import {
  downsampleMinMax,
  formatStep,
  logTicks,
  nearestIndex,
  pathData,
  smoothingFor,
  spreadTicks,
} from './lossChartScales';
import { carriesConstant, EMPTY_HISTORY, ofB, rawTestValue, SERIES, smoothSegments, thinTestMarks, trainValues, withoutConstant, type SeriesKey } from './lossChartSeries';

export { SERIES, type SeriesKey } from './lossChartSeries';

const MARGIN = { top: 8, right: 12, bottom: 34, left: 42 };
/** Subset test rings closer than this (px) are thinned; full-test rings always stay. */
const TEST_RING_GAP = 28;

export interface DrawOptions {
  width: number;
  height: number;
  log: boolean;
  /** Which series to draw (the AE has no KL and no ELBO; objective only when β ≠ 1). */
  visible: ReadonlySet<SeriesKey>;
  /** Compare: the AE's history, the source of `aeRecon` (its own steps). */
  ae?: MetricsHistory;
  /** The likelihood in effect over the steps (chartEvents): where smoothing restarts, which constant to drop. */
  regimes?: readonly Regime[];
  /** Drop the Gaussian constant (D/2)·log(2πσ²) from recon, −ELBO and objective. */
  dropConstant?: boolean;
  /** Pixels per image, D. */
  pixels?: number;
  /** Vertical markers where a setting changed, already labelled. */
  markers?: readonly Marker[];
  /** The x-axis title in the page's language. */
  xTitle?: string;
  /** The capacity objective's C(step), drawn dashed in KL's colour; with it KL and C move to a right axis (lossChartKlAxis.ts). Absent for β-VAE. */
  capacity?: CapacityLine;
  /** The right axis's title in the page's language ("KL · C (nats)"). */
  klAxisTitle?: string;
}

export interface SeriesSummary {
  key: SeriesKey;
  /** Latest smoothed train value. */
  train: number;
  /** Latest test value, if any test point exists. */
  test?: number;
}

export interface DrawSummary {
  /** Train points in the history (one per step, older ones thinned by the store). */
  points: number;
  /** Vertices actually drawn for the raw lines, after per-pixel downsampling. */
  drawn: number;
  series: SeriesSummary[];
  /** C at the last step drawn, when the capacity line is. */
  capacity?: number;
}

export interface HoverInfo {
  x: number;
  step: number;
  rows: Array<{ key: SeriesKey; smooth: number; raw: number; y: number }>;
  test?: { step: number; values: Partial<Record<SeriesKey, number>> };
}

type G = Selection<SVGGElement, unknown, null, undefined>;
type P = Selection<SVGPathElement, unknown, null, undefined>;

let clipCounter = 0;


export class LossChartRenderer {
  private readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly axisX: G;
  private readonly axisY: G;
  private readonly clipRect: Selection<SVGRectElement, unknown, null, undefined>;
  private readonly raw = new Map<SeriesKey, P>();
  private readonly smooth = new Map<SeriesKey, P>();
  private readonly tests = new Map<SeriesKey, P>();
  private readonly hoverG: G;
  private readonly rule: Selection<SVGLineElement, unknown, null, undefined>;
  private readonly dots = new Map<SeriesKey, Selection<SVGCircleElement, unknown, null, undefined>>();
  // What the last draw used, so hovering needs no recomputation. Copies, not the live
  // history arrays, which grow between draws.
  private last: {
    steps: number[];
    tests: MetricsHistory['test'];
    aeSteps: number[];
    smoothed: Map<SeriesKey, Float64Array>;
    values: Map<SeriesKey, number[]>;
    x: (v: number) => number;
    xInv: (px: number) => number;
    /** The y scale a series is drawn against (KL's axis or the left one). */
    yOf: (key: SeriesKey) => (v: number) => number;
    innerH: number;
    visible: ReadonlySet<SeriesKey>;
    testValue: (t: MetricsHistory['test'][number], key: SeriesKey) => number;
  } | null = null;
  private readonly markers: MarkerLayer;
  private readonly capacityPath: P;
  private readonly klAxis: KlAxisLayer;

  constructor(svg: SVGSVGElement) {
    this.root = select(svg);
    this.root.selectAll('*').remove();
    const clipId = `loss-clip-${++clipCounter}`;
    this.clipRect = this.root.append('defs').append('clipPath').attr('id', clipId).append('rect');
    this.axisY = this.root.append('g').attr('class', 'axis axis-y');
    this.axisX = this.root.append('g').attr('class', 'axis axis-x');
    this.klAxis = new KlAxisLayer(this.root);
    const plot = this.root.append('g').attr('clip-path', `url(#${clipId})`);
    for (const { key } of SERIES) this.raw.set(key, plot.append('path').attr('class', `line raw s-${key}`));
    for (const { key } of SERIES) this.smooth.set(key, plot.append('path').attr('class', `line smooth s-${key}`));
    for (const { key } of SERIES) this.tests.set(key, plot.append('path').attr('class', `test-marks s-${key}`));
    this.capacityPath = plot.append('path').attr('class', 'line capacity s-kl');
    this.markers = new MarkerLayer(plot.append('g').attr('class', 'markers'), this.root.append('text').attr('class', 'axis-title'));
    this.hoverG = this.root.append('g').attr('class', 'hover').style('display', 'none');
    this.rule = this.hoverG.append('line').attr('class', 'rule');
    for (const { key } of SERIES) {
      this.dots.set(key, this.hoverG.append('circle').attr('r', 3.5).attr('class', `dot s-${key}`));
    }
  }

  draw(h: MetricsHistory, o: DrawOptions): DrawSummary {
    const marginRight = o.capacity ? KL_AXIS_MARGIN : MARGIN.right;
    const innerW = Math.max(10, o.width - MARGIN.left - marginRight);
    const innerH = Math.max(10, o.height - MARGIN.top - MARGIN.bottom);
    const steps = h.steps;
    const n = steps.length;
    const ae = o.ae ?? EMPTY_HISTORY;
    const keys = SERIES.map((s) => s.key).filter((k) => o.visible.has(k));
    const source = (k: SeriesKey) => (ofB(k) ? ae : h);

    const regimes = o.regimes ?? [];
    const pixels = o.pixels ?? 784;
    const drop = o.dropConstant === true && regimes.length > 0;
    const testValue = (t: MetricsHistory['test'][number], k: SeriesKey) =>
      rawTestValue(t, k) - (drop && carriesConstant(k) ? likelihoodConstant(regimeAt(regimes, t.step), pixels) : 0);
    // A likelihood change makes the numbers jump: smoothing starts afresh after it.
    const cuts = regimes.slice(1).map((r) => r.after);
    const values = new Map<SeriesKey, number[]>();
    const smoothed = new Map<SeriesKey, Float64Array>();
    for (const k of keys) {
      const src = source(k);
      const stored = trainValues(src, k);
      const v = drop && carriesConstant(k) ? withoutConstant(src.steps, stored, regimes, pixels) : stored;
      values.set(k, v);
      smoothed.set(k, smoothSegments(src.steps, v, smoothingFor(src.steps.length), cuts));
    }
    const domainSeries = keys.flatMap((k) => [
      { key: k, values: values.get(k)! },
      ...(k === 'objective' ? [] : [{ key: k, values: source(k).test.map((t) => testValue(t, k)) }]),
    ]);

    const x0 = 0;
    const lastStep = (g: MetricsHistory) => Math.max(g.steps.length ? g.steps[g.steps.length - 1] : 0, g.test.length ? g.test[g.test.length - 1].step : 0);
    const x1 = Math.max(lastStep(h), o.visible.has('aeRecon') || o.visible.has('aeKl') ? lastStep(ae) : 0, 10);
    const x = scaleLinear().domain([x0, x1]).range([0, innerW]);
    const cLine = o.capacity ? (o.log ? capacityCurve : capacityPoints)(o.capacity, x0, x1) : [];
    const doms = axisDomains(domainSeries, o.capacity ? cLine.map((p) => p[1]) : null, o.log);
    const yScale = (d: [number, number]) => (o.log ? scaleSymlog().constant(1) : scaleLinear()).domain(d).range([innerH, 0]);
    const dom = doms.left;
    const y = yScale(dom);
    const yKl = doms.right ? yScale(doms.right) : null;
    const yOf = (k: SeriesKey) => (yKl && KL_AXIS_KEYS.has(k) ? yKl : y);

    this.root.attr('viewBox', `0 0 ${o.width} ${o.height}`).attr('width', o.width).attr('height', o.height);
    this.clipRect.attr('x', 0).attr('y', -4).attr('width', innerW).attr('height', innerH + 8);
    const plotTransform = `translate(${MARGIN.left},${MARGIN.top})`;
    this.root.selectAll<SVGGElement, unknown>('g[clip-path], g.hover').attr('transform', plotTransform);

    const tickFormat = (v: number) => (Math.abs(v) >= 1e4 ? format('~s')(v) : format(',~g')(v));
    const yAxis = axisLeft(y).tickSize(-innerW).tickPadding(6).tickFormat((v) => tickFormat(Number(v)));
    if (o.log) yAxis.tickValues(spreadTicks(logTicks(dom, Math.max(3, Math.floor(innerH / 28))), y, 14));
    else yAxis.ticks(Math.max(3, Math.floor(innerH / 36)));
    this.axisY.attr('transform', plotTransform).call(yAxis).call((g) => g.select('.domain').remove());
    this.klAxis.draw(yKl, {
      left: MARGIN.left + innerW, top: MARGIN.top, innerH, title: o.klAxisTitle ?? 'KL · C', format: tickFormat,
      ticks: yKl && o.log ? spreadTicks(logTicks(doms.right!, Math.max(3, Math.floor(innerH / 28))), yKl, 14) : Math.max(3, Math.floor(innerH / 36)),
    });
    this.axisX
      .attr('transform', `translate(${MARGIN.left},${MARGIN.top + innerH})`)
      .call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(innerW / 90)))
          .tickSizeOuter(0)
          .tickFormat((v) => formatStep(Number(v))),
      );
    this.markers.drawTitle(o.xTitle ?? '', MARGIN.left + innerW, MARGIN.top + innerH + 30);
    this.markers.draw(o.markers ?? [], x, innerW, innerH);

    this.capacityPath
      .style('display', cLine.length ? 'inline' : 'none')
      .attr('d', cLine.length ? pathData(cLine.map((p) => p[0]), cLine.map((p) => p[1]), x, yKl ?? y) : '');
    let drawn = 0;
    for (const { key } of SERIES) {
      const on = o.visible.has(key);
      const raw = this.raw.get(key)!;
      const sm = this.smooth.get(key)!;
      const marks = this.tests.get(key)!;
      raw.style('display', on && key !== 'objective' ? 'inline' : 'none');
      sm.style('display', on ? 'inline' : 'none');
      marks.style('display', on ? 'inline' : 'none');
      if (!on) continue;
      const src = source(key);
      const rawDs = downsampleMinMax(src.steps, values.get(key)!, x0, x1, innerW);
      drawn = Math.max(drawn, rawDs.x.length);
      const ky = yOf(key);
      raw.attr('d', pathData(rawDs.x, rawDs.y, x, ky));
      const smDs = downsampleMinMax(src.steps, smoothed.get(key)!, x0, x1, innerW);
      sm.attr('d', pathData(smDs.x, smDs.y, x, ky));
      if (key === 'objective') continue;
      let rings = '';
      const px = src.test.map((t) => (Number.isFinite(testValue(t, key)) ? x(t.step) : NaN));
      const keep = thinTestMarks(px, src.test.map((t) => t.full), TEST_RING_GAP);
      src.test.forEach((t, i) => {
        if (!keep[i]) return;
        const cy = ky(testValue(t, key));
        rings += `M${(px[i] - 2.5).toFixed(1)},${cy.toFixed(1)}a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0`;
      });
      marks.attr('d', rings);
    }

    this.last = {
      steps: steps.slice(0, n),
      tests: h.test.slice(),
      aeSteps: ae.steps.slice(),
      smoothed,
      values,
      x,
      xInv: (px) => x.invert(px),
      yOf,
      innerH,
      visible: o.visible,
      testValue,
    };
    const cLast = o.capacity && n > 0 ? capacityAt(Math.max(0, steps[n - 1]), o.capacity) : undefined;
    return {
      ...(cLast !== undefined ? { capacity: cLast } : {}),
      points: n,
      drawn,
      series: keys.map((k) => {
        const src = source(k);
        const sm = smoothed.get(k)!;
        const lastTest = src.test[src.test.length - 1];
        return { key: k, train: sm.length ? sm[sm.length - 1] : NaN, test: lastTest && k !== 'objective' ? testValue(lastTest, k) : undefined };
      }),
    };
  }

  /** Shows the rule at the step under `px` (plot coordinates); null hides it. */
  hover(px: number | null): HoverInfo | null {
    const last = this.last;
    const i = last && px !== null ? nearestIndex(last.steps, last.xInv(px - MARGIN.left)) : -1;
    if (!last || i < 0) {
      this.hoverG.style('display', 'none');
      return null;
    }
    const step = last.steps[i];
    const sx = last.x(step);
    this.hoverG.style('display', 'inline');
    this.rule.attr('x1', sx).attr('x2', sx).attr('y1', 0).attr('y2', last.innerH);
    const rows: HoverInfo['rows'] = [];
    for (const { key } of SERIES) {
      const dot = this.dots.get(key)!;
      const sm = last.smoothed.get(key);
      if (!last.visible.has(key) || !sm) {
        dot.style('display', 'none');
        continue;
      }
      // The AE's curve has steps of its own: its point nearest the rule.
      const j = ofB(key) ? nearestIndex(last.aeSteps, step) : i;
      const yv = j >= 0 ? last.yOf(key)(sm[j]) : NaN;
      if (Number.isFinite(yv)) dot.style('display', 'inline').attr('cx', sx).attr('cy', yv);
      else dot.style('display', 'none');
      if (j >= 0) rows.push({ key, smooth: sm[j], raw: last.values.get(key)![j], y: yv + MARGIN.top });
    }
    const info: HoverInfo = { x: sx + MARGIN.left, step, rows };
    const ti = nearestIndex(last.tests.map((t) => t.step), step);
    const t = ti >= 0 ? last.tests[ti] : undefined;
    // A test point counts as "here" when it is within a few pixels of the rule.
    if (t && Math.abs(last.x(t.step) - sx) <= 6) {
      const values: Partial<Record<SeriesKey, number>> = {};
      for (const r of rows) if (r.key !== 'objective' && !ofB(r.key)) values[r.key] = last.testValue(t, r.key);
      info.test = { step: t.step, values };
    }
    return info;
  }
}
