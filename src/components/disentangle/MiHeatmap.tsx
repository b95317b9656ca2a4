// The latent × factor mutual information as a small heat map (d3 into an SVG): one row per
// latent dimension, one column per factor, each cell I(μ_j; v_k) / H(v_k), the share of the
// factor's entropy the dimension carries (MIG's own scale). A disentangled code has one bright
// cell per column, each in its own row. The values are also the image's text alternative.
import { select } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { DisentanglementSnapshot } from '../../client/clientTypes';
import { useT } from '../i18n/LanguageProvider';
import { useTheme } from '../latentShared/useTheme';
import { factorLabel } from './factorText';
import { formatShare, heatColour, latentName, normalisedMi } from './disentangleScales';
import { useLanguage } from '../i18n/LanguageProvider';

// Cells wider than tall, factor names written flat above their columns: the map is wider than
// high, like the room beside the KL bars (a short explorer row limits the height, not the width),
// so it scales up instead of shrinking to fit rotated labels (1366×768: cells 13 → 25 px wide).
const CELL_W = 28;
const CELL_H = 15;
const LEFT = 16;
const TOP = 12;

export function MiHeatmap({ snapshot }: { snapshot: DisentanglementSnapshot }) {
  const t = useT();
  const { lang } = useLanguage();
  const theme = useTheme();
  const ref = useRef<SVGGElement>(null);
  const shares = useMemo(() => normalisedMi(snapshot), [snapshot]);
  const names = snapshot.factorNames.map((n) => factorLabel(lang, n, true));
  const rows = shares.length;
  const cols = snapshot.factorNames.length;
  const width = LEFT + cols * CELL_W + 2;
  const height = TOP + rows * CELL_H + 2;

  useEffect(() => {
    const g = ref.current;
    if (!g) return;
    const colour = heatColour(theme);
    const cells = shares.flatMap((row, j) => row.map((v, k) => ({ j, k, v })));
    const root = select(g);
    root
      .select('.cells')
      .selectAll('rect')
      .data(cells)
      .join('rect')
      .attr('x', (c) => LEFT + c.k * CELL_W)
      .attr('y', (c) => TOP + c.j * CELL_H)
      .attr('width', CELL_W - 1)
      .attr('height', CELL_H - 1)
      .attr('rx', 2)
      .attr('fill', (c) => colour(c.v))
      .attr('data-share', (c) => c.v.toFixed(3));
    root
      .select('.rows')
      .selectAll('text')
      .data(shares.map((_, j) => j))
      .join('text')
      .attr('x', LEFT - 3)
      .attr('y', (j) => TOP + j * CELL_H + CELL_H / 2)
      .text((j) => latentName(j));
    // Factor names flat above their columns (the short names: "angle", "x"), centred.
    root
      .select('.cols')
      .selectAll('text')
      .data(names)
      .join('text')
      .attr('x', (_, k) => LEFT + k * CELL_W + (CELL_W - 1) / 2)
      .attr('y', TOP - 3)
      .text((n) => n);
  }, [shares, names.join('|'), theme]); // eslint-disable-line react-hooks/exhaustive-deps

  const alt = shares
    .map((row, j) => `${latentName(j)}: ${row.map((v, k) => `${names[k]} ${formatShare(v)}`).join(', ')}`)
    .join('; ');
  return (
    <figure className="dis-figure dis-mi">
      <figcaption>{t('dis.miCaption')}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('dis.miAria')} data-rows={rows} data-cols={cols} style={{ maxWidth: width * 1.6 }}>
        <title>{`${t('dis.miAltLead')} ${alt}`}</title>
        <g ref={ref}>
          <g className="cells" />
          <g className="rows" />
          <g className="cols" />
        </g>
      </svg>
    </figure>
  );
}
