// KL of each latent dimension in nats, one bar each, into an SVG drawn at its box's pixel size
// (klLayout.ts), so the tick labels and names keep the chart type size however wide the figure
// is: which dimensions carry information about the images and which collapsed to the prior. The
// values, and their sum (the KL the loss chart reports, over these test images), are also text
// for screen readers.
import { useRef } from 'react';
import { useT } from '../i18n/LanguageProvider';
import { latentName } from './disentangleScales';
import { useFigureBox, type FigureBox } from './figureBox';
import { klLayout } from './klLayout';

/** The chart itself, for a measured box (none yet: the frame and its text alternative only). */
export function KlBarsSvg({ values, box, label, alt }: { values: Float64Array; box: FigureBox | null; label: string; alt: string }) {
  const total = values.reduce((a, v) => a + v, 0);
  const l = box && box.width > 0 && box.height > 0 ? klLayout(values, box) : null;
  return (
    <svg
      width={box?.width}
      height={box?.height}
      role="img"
      aria-label={label}
      data-bars={values.length}
      data-total={total.toFixed(4)}
    >
      <title>{alt}</title>
      {l && (
        <>
          <g className="dis-axis">
            {l.ticks.map((t) => (
              <g className="tick" key={t.label} transform={`translate(0,${t.y})`}>
                <line x1={l.tickX} x2={l.axisX} />
                <text x={l.labelX} dy="0.32em">
                  {t.label}
                </text>
              </g>
            ))}
          </g>
          <g className="bars">
            {l.bars.map((b, j) => (
              <rect key={j} className="bar" x={b.x} y={b.y} width={b.width} height={b.height} data-kl={b.value.toFixed(4)} />
            ))}
          </g>
          <g className="names">
            {l.names.map((n) => (
              <text key={n.label} x={n.x} y={l.namesY}>
                {n.label}
              </text>
            ))}
          </g>
        </>
      )}
    </svg>
  );
}

export function KlBars({ values }: { values: Float64Array }) {
  const t = useT();
  const plot = useRef<HTMLDivElement>(null);
  const box = useFigureBox(plot);
  const total = values.reduce((a, v) => a + v, 0);
  const alt = Array.from(values, (v, j) => t('dis.klItem', { z: latentName(j), v: v.toFixed(2) })).join(', ');
  return (
    <figure className="dis-figure dis-kl">
      <figcaption>
        {t('dis.klCaption')} <span className="num" data-testid="kl-total">{t('dis.klTotal', { total: total.toFixed(2) })}</span>
      </figcaption>
      <div className="dis-plot" ref={plot}>
        <KlBarsSvg values={values} box={box} label={t('dis.klAria')} alt={alt} />
      </div>
    </figure>
  );
}
