// The thin SVG layer over the points: axes in z units, the prior's 1σ/2σ/3σ circles (a VAE's
// only: an AE has no prior), the hovered code's posterior ellipse with samples z = μ + σ·ε
// flickering inside it (magnified when σ is too small to see: PosteriorMark.tsx), the drawn
// digit, the interpolation path and the prior samples. A few dozen elements, so React renders them; d3
// draws the axes.

import { axisRight, axisTop, scaleLinear, select } from 'd3';
import { useEffect, useRef } from 'react';
import type { LatentSnapshot } from '../../client/clientTypes';
import { ellipseRadii, pixelsPerUnit, visibleDomain, zToScreen, type BaseView, type Zoom } from '../latentShared/geometry';
import { PosteriorMark } from './PosteriorMark';
import { ellipseMagnification, magnify } from './posteriorView';

export interface DrawnMark {
  mu: Float32Array;
  logvar: Float32Array | null;
  /** A small data URL of its reconstruction, shown beside the marker. */
  thumbnail: string | null;
}

export interface MapMarks {
  hovered: number;
  selected: number;
  drawn: DrawnMark | null;
  /** Test indices of the interpolation's ends (−1 while unpicked). */
  interp: [number, number];
  /** Prior samples, n × dim. */
  prior: Float32Array | null;
  /** The live sample z = μ + σ·ε of the image in focus, drawn as an arrow from its μ. */
  sample: { mu: Float32Array; z: Float32Array } | null;
}

interface MapOverlayProps {
  width: number;
  height: number;
  base: BaseView;
  zoom: Zoom;
  dims: [number, number];
  latent: LatentSnapshot | null;
  marks: MapMarks;
  classNames: readonly string[];
  colors: readonly string[];
  /** Whose map: an AE has no prior, so no σ-rings. */
  kind?: 'vae' | 'ae';
}

const sub = (j: number) => String(j + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);

export function MapOverlay({ width, height, base, zoom, dims, latent, marks, classNames, colors, kind = 'vae' }: MapOverlayProps) {
  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);
  const [dx, dy] = dims;
  const ppu = pixelsPerUnit(base, zoom);
  const at = (zx: number, zy: number) => zToScreen(base, zoom, zx, zy);

  useEffect(() => {
    const d = visibleDomain(base, zoom, width, height);
    const x = scaleLinear().domain([d.x0, d.x1]).range([0, width]);
    const y = scaleLinear().domain([d.y0, d.y1]).range([height, 0]);
    // At least 4 asked for: on a short map (about 200 px at 1366×768 with the Disentanglement
    // region beside it) 2 gave steps of 5 whose ends fall on the hidden edges, leaving one label.
    const ticks = (px: number) => Math.max(4, Math.round(px / 90));
    // Labels that would be cut by the map's edge are left out rather than shown in half.
    const edge = (px: number, size: number) => (px < 12 || px > size - 12 ? 0 : 1);
    if (xAxis.current) {
      select(xAxis.current)
        .call(axisTop(x).ticks(ticks(width)).tickSizeOuter(0))
        .selectAll<SVGGElement, number>('.tick')
        .attr('opacity', (v) => edge(x(v), width));
    }
    if (yAxis.current) {
      select(yAxis.current)
        .call(axisRight(y).ticks(ticks(height)).tickSizeOuter(0))
        .selectAll<SVGGElement, number>('.tick')
        .attr('opacity', (v) => edge(y(v), height));
    }
  }, [base, zoom, width, height]);

  const dim = latent?.dim ?? 0;
  const code = (i: number): [number, number] | null =>
    latent && i >= 0 && i < latent.count ? [latent.mu[i * dim + dx], latent.mu[i * dim + dy]] : null;

  const [ox, oy] = at(0, 0);
  const hovered = marks.hovered >= 0 ? marks.hovered : marks.selected;
  const hp = code(hovered);
  const hLabel = latent && hovered >= 0 ? latent.labels[hovered] : 0;
  let hEllipse: [number, number] | null = null;
  if (hp && latent?.logvar) hEllipse = ellipseRadii(latent.logvar[hovered * dim + dx], latent.logvar[hovered * dim + dy], ppu);

  const hK = hEllipse ? ellipseMagnification(...hEllipse) : 1;

  const drawn = marks.drawn;
  const dp = drawn ? at(drawn.mu[dx], drawn.mu[dy]) : null;
  const dEllipse = drawn?.logvar ? ellipseRadii(drawn.logvar[dx], drawn.logvar[dy], ppu) : null;
  const dK = dEllipse ? ellipseMagnification(...dEllipse) : 1;
  // The live sample belongs to the image in focus: the hovered or picked one, else the drawing.
  const sampleK = hp ? hK : dp ? dK : 1;

  const ia = code(marks.interp[0]);
  const ib = code(marks.interp[1]);

  return (
    <g className="lx-marks" aria-hidden="true">
      {kind === 'vae' && (
        <g className="lx-prior-rings" data-testid="prior-rings">
          {[1, 2, 3].map((k) => (
            <g key={k}>
              <circle cx={ox} cy={oy} r={k * ppu} />
              <text x={ox + k * ppu * Math.SQRT1_2 + 3} y={oy - k * ppu * Math.SQRT1_2 - 3}>
                {k}σ
              </text>
            </g>
          ))}
          <line x1={ox - 4} x2={ox + 4} y1={oy} y2={oy} />
          <line x1={ox} x2={ox} y1={oy - 4} y2={oy + 4} />
        </g>
      )}
      <g ref={xAxis} className="lx-axis" transform={`translate(0,${height})`} />
      <g ref={yAxis} className="lx-axis" />
      <text className="lx-axis-label" x={width - 6} y={height - 22} textAnchor="end">
        z{sub(dx)}
      </text>
      <text className="lx-axis-label" x={26} y={14}>
        z{sub(dy)}
      </text>

      {ia && ib && latent && <InterpPath a={at(...ia)} b={at(...ib)} ca={colors[latent.labels[marks.interp[0]] % colors.length]} cb={colors[latent.labels[marks.interp[1]] % colors.length]} />}
      {!ib && ia && latent && <circle className="lx-interp-end" cx={at(...ia)[0]} cy={at(...ia)[1]} r={6} stroke={colors[latent.labels[marks.interp[0]] % colors.length]} />}

      {marks.prior && dim > 0 && (
        <g className="lx-prior-samples">
          {Array.from({ length: marks.prior.length / dim }, (_, i) => {
            const [sx, sy] = at(marks.prior![i * dim + dx], marks.prior![i * dim + dy]);
            return <path key={i} d={`M${sx - 4},${sy - 4}L${sx + 4},${sy + 4}M${sx - 4},${sy + 4}L${sx + 4},${sy - 4}`} />;
          })}
        </g>
      )}

      {hp && latent && (
        <g className="lx-hover" style={{ color: colors[hLabel % colors.length] }}>
          {hEllipse && <PosteriorMark center={at(...hp)} radii={hEllipse} k={hK} color={colors[hLabel % colors.length]} />}
          <circle cx={at(...hp)[0]} cy={at(...hp)[1]} r={5} />
          <text x={at(...hp)[0] + 9} y={at(...hp)[1] - 8}>
            {classNames[hLabel] ?? String(hLabel)} · #{hovered}
          </text>
        </g>
      )}

      {marks.sample && (
        <SampleMark
          from={at(marks.sample.mu[dx], marks.sample.mu[dy])}
          to={magnify(at(marks.sample.mu[dx], marks.sample.mu[dy]), at(marks.sample.z[dx], marks.sample.z[dy]), sampleK)}
        />
      )}

      {dp && (
        <g className="lx-drawn" data-testid="drawn-marker" transform={`translate(${dp[0]},${dp[1]})`}>
          {dEllipse && <PosteriorMark center={[0, 0]} radii={dEllipse} k={dK} color="var(--enc)" dashed />}
          <path d="M0,-7L7,0L0,7L-7,0Z" />
          {drawn?.thumbnail && (
            <g transform="translate(10,-44)">
              <rect width={38} height={38} rx={3} />
              <image href={drawn.thumbnail} x={1} y={1} width={36} height={36} />
            </g>
          )}
        </g>
      )}
    </g>
  );
}

function SampleMark({ from, to }: { from: [number, number]; to: [number, number] }) {
  return (
    <g className="lx-sample" data-testid="sample-mark">
      <line x1={from[0]} y1={from[1]} x2={to[0]} y2={to[1]} />
      <circle cx={to[0]} cy={to[1]} r={3.5} />
    </g>
  );
}

function InterpPath({ a, b, ca, cb }: { a: [number, number]; b: [number, number]; ca: string; cb: string }) {
  const steps = Array.from({ length: 10 }, (_, i) => i / 9);
  return (
    <g className="lx-interp">
      <line x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} />
      {steps.map((t) => (
        <circle key={t} className="lx-interp-step" cx={a[0] + t * (b[0] - a[0])} cy={a[1] + t * (b[1] - a[1])} r={2.5} />
      ))}
      <circle className="lx-interp-end" cx={a[0]} cy={a[1]} r={6} stroke={ca} />
      <circle className="lx-interp-end" cx={b[0]} cy={b[1]} r={6} stroke={cb} />
    </g>
  );
}
