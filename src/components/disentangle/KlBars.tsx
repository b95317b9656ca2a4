// KL of each latent dimension in nats, one bar each (d3 into an SVG): which dimensions carry
// information about the images and which collapsed to the prior. The values, and their sum
// (the KL the loss chart reports, over these test images), are also text for screen readers.
import { axisLeft, max, scaleBand, scaleLinear, select } from 'd3';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/LanguageProvider';
import { latentName } from './disentangleScales';

// Narrower than tall enough to read beside the heat map: at 1366×768 the bars get about 150 px
// of width, so their text stays near its own size instead of being scaled down.
const W = 160;
const H = 86;
const M = { top: 6, right: 4, bottom: 16, left: 26 };

export function KlBars({ values }: { values: Float64Array }) {
  const t = useT();
  const ref = useRef<SVGGElement>(null);
  useEffect(() => {
    const g = ref.current;
    if (!g) return;
    const d = values.length;
    const x = scaleBand<number>().domain(Array.from({ length: d }, (_, j) => j)).range([M.left, W - M.right]).padding(0.18);
    const top = Math.max(0.1, max(values, (v) => (Number.isFinite(v) ? v : 0)) ?? 0);
    const y = scaleLinear().domain([0, top]).nice(3).range([H - M.bottom, M.top]);
    const root = select(g);
    root.select<SVGGElement>('.axis').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(3).tickSize(3)).call((a) => a.select('.domain').remove());
    root
      .select('.bars')
      .selectAll('rect')
      .data(Array.from(values))
      .join('rect')
      .attr('class', 'bar')
      .attr('x', (_, j) => x(j) ?? 0)
      .attr('width', x.bandwidth())
      .attr('y', (v) => y(Number.isFinite(v) ? Math.max(0, v) : 0))
      .attr('height', (v) => y(0) - y(Number.isFinite(v) ? Math.max(0, v) : 0))
      .attr('data-kl', (v) => v.toFixed(4));
    // Names under the bars while they fit; with many dimensions every few.
    const every = Math.ceil(d / 10);
    root
      .select('.names')
      .selectAll('text')
      .data(Array.from(values, (_, j) => j).filter((j) => j % every === 0))
      .join('text')
      .attr('x', (j) => (x(j) ?? 0) + x.bandwidth() / 2)
      .attr('y', H - 4)
      .text((j) => latentName(j));
  }, [values]);

  const total = values.reduce((a, v) => a + v, 0);
  const alt = Array.from(values, (v, j) => t('dis.klItem', { z: latentName(j), v: v.toFixed(2) })).join(', ');
  return (
    <figure className="dis-figure dis-kl">
      <figcaption>
        {t('dis.klCaption')} <span className="num" data-testid="kl-total">{t('dis.klTotal', { total: total.toFixed(2) })}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('dis.klAria')} data-bars={values.length} data-total={total.toFixed(4)}>
        <title>{alt}</title>
        <g ref={ref}>
          <g className="axis" />
          <g className="bars" />
          <g className="names" />
        </g>
      </svg>
    </figure>
  );
}
