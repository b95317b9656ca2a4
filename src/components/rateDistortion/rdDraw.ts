// Draws the rate–distortion plane into an SVG with d3: the faint lines of equal −ELBO (each
// labelled), the axes, and for each model its path of test points and its latest point with
// its name; an AE's point is hollow, on the D axis. Colours come from CSS classes (rd-a, rd-b).
import { axisBottom, axisLeft, line, scaleLinear, select, type Selection } from 'd3';
import { elboLines, rdDomain, type RdPoint } from './rdGeometry';
import type { RdSeries } from './rdSeries';
import type { SweepPoint } from './sweepPoints';
import { drawSweepPoints } from './sweepPointsDraw';

export interface RdDrawOptions {
  width: number;
  height: number;
  series: readonly RdSeries[];
  xTitle: string;
  yTitle: string;
  /** The vertical title when the full one is taller than the plot ("D (nats)"). */
  yTitleShort?: string;
  /** "−ELBO 150" for the line R + D = 150. */
  lineLabel(c: number): string;
  /** The β sweeps' models (sweepPointsDraw.ts), and what opening one does. */
  sweep?: readonly SweepPoint[];
  onOpen?: (p: SweepPoint) => void;
}

const MARGIN = { top: 10, right: 16, bottom: 34, left: 50 };

type G = Selection<SVGGElement, unknown, null, undefined>;
let clipCount = 0;

export class RdRenderer {
  private readonly lines: G;
  private readonly xAxis: G;
  private readonly yAxis: G;
  private readonly models: G;
  private readonly sweep: G;
  private readonly overlay: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly titles: G;
  private readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly clipRect: Selection<SVGRectElement, unknown, null, undefined>;
  /** The models' paths, clipped to the plot (their first points may lie far above it). */
  private readonly paths: G;

  /** `overlay`: an SVG over this one for the sweep's points, buttons outside the plane's img role. */
  constructor(svg: SVGSVGElement, overlay: SVGSVGElement) {
    const root = (this.root = select(svg));
    root.selectAll('*').remove();
    const clipId = `rd-clip-${++clipCount}`;
    this.clipRect = root.append('clipPath').attr('id', clipId).append('rect');
    this.lines = root.append('g').attr('class', 'rd-elbo-lines');
    this.xAxis = root.append('g').attr('class', 'axis');
    this.yAxis = root.append('g').attr('class', 'axis');
    this.paths = root.append('g').attr('class', 'rd-paths').attr('clip-path', `url(#${clipId})`);
    this.models = root.append('g').attr('class', 'rd-models');
    this.overlay = select(overlay);
    this.overlay.selectAll('*').remove();
    this.sweep = this.overlay.append('g').attr('class', 'rd-sweep-points');
    this.titles = root.append('g');
  }

  /** Returns the lines' −ELBO values drawn (for tests and the page's data attribute). */
  draw(o: RdDrawOptions): number[] {
    this.root.attr('width', o.width).attr('height', o.height);
    this.overlay.attr('width', o.width).attr('height', o.height);
    const innerW = Math.max(10, o.width - MARGIN.left - MARGIN.right);
    const innerH = Math.max(10, o.height - MARGIN.top - MARGIN.bottom);
    this.clipRect.attr('x', MARGIN.left).attr('y', MARGIN.top).attr('width', innerW).attr('height', innerH);
    // The box fits each model's latest point and the later half of its path: a new network's
    // first test points (D several times the trained one's) run off the top, clipped.
    const all: RdPoint[] = [...o.series.flatMap((s) => [...s.path.slice(Math.floor(s.path.length / 2)), ...(s.latest ? [s.latest] : [])]), ...(o.sweep ?? [])];
    const dom = rdDomain(all);
    const x = scaleLinear().domain(dom.x).range([MARGIN.left, MARGIN.left + innerW]);
    const y = scaleLinear().domain(dom.y).range([MARGIN.top + innerH, MARGIN.top]);

    this.xAxis.attr('transform', `translate(0,${MARGIN.top + innerH})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(innerW / 70))));
    this.yAxis.attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(Math.max(2, Math.floor(innerH / 40))));
    this.titles
      .selectAll('text')
      .data([
        { text: o.xTitle, x: MARGIN.left + innerW, y: MARGIN.top + innerH + 30, anchor: 'end', rotate: false },
        { text: titleThatFits(o.yTitle, o.yTitleShort, MARGIN.top + innerH), x: -MARGIN.top, y: 12, anchor: 'end', rotate: true },
      ])
      .join('text')
      .attr('class', 'axis-title')
      .attr('text-anchor', (d) => d.anchor)
      .attr('transform', (d) => (d.rotate ? 'rotate(-90)' : null))
      .attr('x', (d) => d.x)
      .attr('y', (d) => d.y)
      .text((d) => d.text);

    const elbo = elboLines(dom, 4);
    const lineG = this.lines.selectAll<SVGGElement, (typeof elbo)[number]>('g').data(elbo).join((enter) => {
      const g = enter.append('g');
      g.append('line').attr('class', 'rd-elbo');
      g.append('text').attr('class', 'rd-elbo-label');
      return g;
    });
    lineG
      .select('line')
      .attr('x1', (l) => x(l.from[0]))
      .attr('y1', (l) => y(l.from[1]))
      .attr('x2', (l) => x(l.to[0]))
      .attr('y2', (l) => y(l.to[1]));
    lineG
      .select('text')
      .attr('x', (l) => x(l.from[0]) + 4)
      .attr('y', (l) => y(l.from[1]) + 11)
      .text((l) => o.lineLabel(l.c));

    const path = line<RdPoint>()
      .x((p) => x(p.rate))
      .y((p) => y(p.distortion));
    this.paths
      .selectAll<SVGPathElement, RdSeries>('path')
      .data(o.series, (s) => s.id)
      .join('path')
      .attr('class', (s) => `rd-path rd-${s.id}`)
      .attr('d', (s) => (s.path.length > 1 ? path(s.path) : null));
    const model = this.models.selectAll<SVGGElement, RdSeries>('g').data(o.series, (s) => s.id).join((enter) => {
      const g = enter.append('g');
      g.append('circle').attr('class', 'rd-point').attr('r', 5);
      g.append('text').attr('class', 'rd-label');
      return g;
    });
    model.attr('class', (s) => `rd-model rd-${s.id}`);
    model
      .select('circle')
      .classed('rd-hollow', (s) => !s.hasRate)
      .style('display', (s) => (s.latest ? null : 'none'))
      .attr('cx', (s) => (s.latest ? x(s.latest.rate) : 0))
      .attr('cy', (s) => (s.latest ? y(s.latest.distortion) : 0));
    model
      .select('text')
      .style('display', (s) => (s.latest ? null : 'none'))
      .attr('x', (s) => (s.latest ? x(s.latest.rate) + 8 : 0))
      .attr('y', (s, i) => (s.latest ? y(s.latest.distortion) + (i === 0 ? -8 : 14) : 0))
      .text((s) => s.label);
    drawSweepPoints(this.sweep, o.sweep ?? [], x, y, (p) => o.onOpen?.(p));
    return elbo.map((l) => l.c);
  }
}

/** Width of an axis title at 10.5 px (charts.css): about 6 px a Latin letter, 10.5 px a CJK one. */
export function titleWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(ch) ? 10.5 : 6;
  return w;
}

/** The full title where it fits in `room` px, else the short one (a title cut at the plot's foot reads as nonsense). */
export function titleThatFits(full: string, short: string | undefined, room: number): string {
  return short !== undefined && titleWidth(full) > room ? short : full;
}
