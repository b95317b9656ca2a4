// The latent × factor mutual information as a small heat map, drawn at its box's pixel size
// (miLayout.ts) so its names keep the chart type size: one row per latent dimension, one column
// per factor, each cell I(μ_j; v_k) / H(v_k), the share of the factor's entropy the dimension
// carries (MIG's own scale). A disentangled code has one bright cell per column, each in its own
// row. The values are also the image's text alternative.
import { useMemo, useRef } from 'react';
import type { DisentanglementSnapshot } from '../../client/clientTypes';
import { useLanguage, useT } from '../i18n/LanguageProvider';
import { useTheme } from '../latentShared/useTheme';
import { factorLabel } from './factorText';
import { formatShare, heatColour, latentName, normalisedMi } from './disentangleScales';
import { useFigureBox, type FigureBox } from './figureBox';
import { miBaseSize, miLayout } from './miLayout';

/** The map itself, for a measured box (none yet: the frame and its text alternative only). */
export function MiHeatmapSvg(p: { shares: number[][]; names: string[]; colour: (share: number) => string; box: FigureBox | null; label: string; alt: string }) {
  const { shares, names, box } = p;
  const l = box && box.width > 0 && box.height > 0 ? miLayout(shares.length, names, box) : null;
  return (
    <svg width={box?.width} height={box?.height} role="img" aria-label={p.label} data-rows={shares.length} data-cols={names.length}>
      <title>{p.alt}</title>
      {l && (
        <>
          <g className="cells">
            {shares.flatMap((row, j) =>
              row.map((v, k) => (
                <rect
                  key={`${j}-${k}`}
                  x={l.left + k * l.cellW}
                  y={l.top + j * l.cellH}
                  width={Math.max(0.5, l.cellW - 1)}
                  height={Math.max(0.5, l.cellH - 1)}
                  rx={2}
                  fill={p.colour(v)}
                  data-share={v.toFixed(3)}
                />
              )),
            )}
          </g>
          <g className="rows">
            {l.rowNames.map((r) => (
              <text key={r.j} x={l.left - 3} y={r.y}>
                {r.label}
              </text>
            ))}
          </g>
          {/* Factor names flat above their columns (the short names: "angle", "x"), centred. */}
          <g className="cols">
            {l.colNames.map((c) => (
              <text key={c.k} x={c.x} y={c.y}>
                {c.label}
              </text>
            ))}
          </g>
        </>
      )}
    </svg>
  );
}

export function MiHeatmap({ snapshot }: { snapshot: DisentanglementSnapshot }) {
  const t = useT();
  const { lang } = useLanguage();
  const theme = useTheme();
  const plot = useRef<HTMLDivElement>(null);
  const box = useFigureBox(plot);
  const shares = useMemo(() => normalisedMi(snapshot), [snapshot]);
  const colour = useMemo(() => heatColour(theme), [theme]);
  const names = snapshot.factorNames.map((n) => factorLabel(lang, n, true));
  // The box keeps the map's shape (cells wider than tall) up to 1.6 times its base size.
  const base = miBaseSize(shares.length, names.length);
  const alt = shares
    .map((row, j) => `${latentName(j)}: ${row.map((v, k) => `${names[k]} ${formatShare(v)}`).join(', ')}`)
    .join('; ');
  return (
    <figure className="dis-figure dis-mi">
      <figcaption>{t('dis.miCaption')}</figcaption>
      <div className="dis-plot" ref={plot} style={{ aspectRatio: `${base.width} / ${base.height}`, maxWidth: base.width * 1.6 }}>
        <MiHeatmapSvg shares={shares} names={names} colour={colour} box={box} label={t('dis.miAria')} alt={`${t('dis.miAltLead')} ${alt}`} />
      </div>
    </figure>
  );
}
