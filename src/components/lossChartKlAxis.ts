// The capacity objective's KL axis on the loss chart.
//
// Under Capacity the story the chart tells is KL tracking its target C(step): a few nats up to
// C_max (15 by default), while reconstruction starts near 700 nats on Shapes or 550 on MNIST.
// On one linear axis KL and C share the bottom 2–3 % of the plot and read as a flat line at 0
// unless Log scale is on. So, while Capacity is on, KL (and in Compare Model B's KL) and C are
// drawn against a second axis on the right whose domain is theirs alone, with its ticks and
// title in KL's colour; −ELBO and reconstruction keep the left axis.
//
// Why a right axis rather than a small KL-vs-C inset: the curves keep one x axis, one hover
// rule, one tooltip and one set of setting markers, and no corner of the curves is covered
// (at 1366×768 the chart is about 200 px tall: an inset would be 60 px of squeezed lines on
// top of the early descent). The usual risk of two y axes, reading a crossing as equal values,
// matters little here: KL is never compared with reconstruction by height (their sum, −ELBO,
// has its own line on the left), and the colour ties each line to its axis. In log mode the
// same split applies, so switching scales never moves KL to another axis.
import { axisRight, type ScaleContinuousNumeric, type Selection } from 'd3';
import { yDomain } from './lossChartScales';
import type { SeriesKey } from './lossChartSeries';

type Key = SeriesKey;

/** The series drawn against the KL axis when it is on: A's KL and, in Compare, B's. */
export const KL_AXIS_KEYS: ReadonlySet<Key> = new Set(['kl', 'aeKl']);

/** Right margin with the KL axis: its tick labels and its rotated title, px. */
export const KL_AXIS_MARGIN = 46;

export interface AxisDomains {
  /** Every series but the KL axis's. */
  left: [number, number];
  /** KL and C, when the KL axis is on; null: one axis for all. */
  right: [number, number] | null;
}

/**
 * The y domains of the chart. Without a capacity line, one domain over every series (as before).
 * With one, KL's series and C's values get their own domain on the right, and the left spans
 * the rest (when nothing else is shown, the left is yDomain's empty default).
 */
export function axisDomains(
  series: ReadonlyArray<{ key: Key; values: ArrayLike<number> }>,
  capacity: ArrayLike<number> | null,
  log: boolean,
): AxisDomains {
  if (capacity === null) return { left: yDomain(series.map((s) => s.values), log), right: null };
  const kl = series.filter((s) => KL_AXIS_KEYS.has(s.key)).map((s) => s.values);
  const rest = series.filter((s) => !KL_AXIS_KEYS.has(s.key)).map((s) => s.values);
  return { left: yDomain(rest, log), right: yDomain([...kl, capacity], log) };
}

type Scale = ScaleContinuousNumeric<number, number>;

/** The right axis itself: ticks and a rotated title ("KL · C (nats)"), hidden when off. */
export class KlAxisLayer {
  private readonly axis: Selection<SVGGElement, unknown, null, undefined>;
  private readonly title: Selection<SVGTextElement, unknown, null, undefined>;

  constructor(root: Selection<SVGSVGElement, unknown, null, undefined>) {
    this.axis = root.append('g').attr('class', 'axis axis-kl s-kl');
    this.title = root.append('text').attr('class', 'axis-kl-title s-kl').attr('text-anchor', 'middle');
  }

  /** `left`, `top`: the axis line's position (the plot's right edge); `ticks` from the caller's scale choice. */
  draw(scale: Scale | null, o: { left: number; top: number; innerH: number; ticks: number[] | number; title: string; format: (v: number) => string }): void {
    const on = scale !== null;
    this.axis.style('display', on ? 'inline' : 'none');
    this.title.style('display', on ? 'inline' : 'none');
    if (!scale) return;
    const axis = axisRight(scale).tickSizeOuter(0).tickPadding(4).tickFormat((v) => o.format(Number(v)));
    if (Array.isArray(o.ticks)) axis.tickValues(o.ticks);
    else axis.ticks(o.ticks);
    this.axis.attr('transform', `translate(${o.left},${o.top})`).call(axis);
    const cx = o.left + KL_AXIS_MARGIN - 6;
    const cy = o.top + o.innerH / 2;
    this.title.attr('transform', `translate(${cx},${cy}) rotate(90)`).text(o.title);
  }
}
