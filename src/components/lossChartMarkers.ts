// The loss chart's event markers (a dashed vertical line and a label where a setting changed
// or the weights were reset) and its x-axis title. Drawn with d3 into the chart's SVG.
import type { Selection } from 'd3';
import { labelRows } from './lossChartSeries';

export interface Marker {
  step: number;
  label: string;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

/** Label text is 10.5 px: about this many pixels per character, enough to keep labels apart. */
const CHAR_PX = 6.2;
const ROW_PX = 12;

export class MarkerLayer {
  constructor(
    private readonly g: G,
    private readonly title: Selection<SVGTextElement, unknown, null, undefined>,
  ) {}

  /** Markers in plot coordinates; those outside [0, innerW] are left out. */
  draw(markers: readonly Marker[], x: (step: number) => number, innerW: number, innerH: number): void {
    const shown = markers
      .map((m) => ({ ...m, px: x(m.step), w: m.label.length * CHAR_PX }))
      .filter((m) => Number.isFinite(m.px) && m.px >= -0.5 && m.px <= innerW + 0.5)
      .sort((a, b) => a.px - b.px)
      // A label that would run past the right edge goes on the left of its line.
      .map((m) => ({ ...m, flip: m.px + 3 + m.w > innerW }));
    const rows = labelRows(
      shown.map((m): [number, number] => (m.flip ? [m.px - 3 - m.w, m.px - 3] : [m.px + 3, m.px + 3 + m.w])),
      Math.max(1, Math.min(4, Math.floor(innerH / 30))),
    );
    const items = this.g
      .selectAll<SVGGElement, (typeof shown)[number]>('g.marker')
      .data(shown)
      .join((enter) => {
        const item = enter.append('g').attr('class', 'marker');
        item.append('line');
        item.append('text');
        return item;
      });
    items.attr('data-step', (m) => m.step).attr('transform', (m) => `translate(${m.px.toFixed(1)},0)`);
    items.select('line').attr('y1', 0).attr('y2', innerH);
    items
      .select<SVGTextElement>('text')
      .attr('x', (m) => (m.flip ? -3 : 3))
      .attr('text-anchor', (m) => (m.flip ? 'end' : 'start'))
      .attr('y', (_, i) => 10 + rows[i] * ROW_PX)
      .text((m) => m.label);
  }

  /** The x-axis title, right-aligned under the axis' end. */
  drawTitle(text: string, x: number, y: number): void {
    this.title.attr('x', x).attr('y', y).attr('text-anchor', 'end').text(text);
  }
}
