// The sweep's models on the rate–distortion plane (rdDraw.ts calls this with its scales): each a
// square marker with its β beside it, and each a focusable button (Tab reaches it; Enter or Space
// opens it, as a click does), named with its figures (sweepPoints.ts).
import type { ScaleLinear, Selection } from 'd3';
import type { SweepPoint } from './sweepPoints';

type G = Selection<SVGGElement, unknown, null, undefined>;
const SIDE = 8;

export function drawSweepPoints(layer: G, points: readonly SweepPoint[], x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, onOpen: (p: SweepPoint) => void): void {
  const g = layer
    .selectAll<SVGGElement, SweepPoint>('g')
    .data(points, (p) => `${p.sweepId}:${p.index}`)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'rd-sweep-point').attr('role', 'button').attr('tabindex', 0);
      e.append('rect').attr('width', SIDE).attr('height', SIDE);
      e.append('text').attr('class', 'rd-label');
      return e;
    });
  g.attr('aria-label', (p) => p.name)
    .attr('data-rate', (p) => p.rate)
    .attr('data-distortion', (p) => p.distortion)
    .attr('data-beta', (p) => p.beta)
    .on('click', (_e, p) => onOpen(p))
    .on('keydown', (e: KeyboardEvent, p) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      onOpen(p);
    });
  g.select('rect')
    .attr('x', (p) => x(p.rate) - SIDE / 2)
    .attr('y', (p) => y(p.distortion) - SIDE / 2);
  g.select('text')
    .attr('x', (p) => x(p.rate) + 7)
    .attr('y', (p) => y(p.distortion) - 6)
    .text((p) => p.label);
}
