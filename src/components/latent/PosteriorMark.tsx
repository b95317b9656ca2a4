// One image's posterior q(z|x) on the map: its 1σ ellipse around μ and a few samples
// z = μ + σ·ε that are redrawn several times a second, so the reparameterization is seen as
// a cloud flickering inside the ellipse. Drawn magnified where σ is too small to see
// (posteriorView.ts), with the factor written beside it.
import { useEffect, useState } from 'react';
import { drawEpsilon } from '../explain/monteCarlo';
import { samplePositions } from './posteriorView';

/** Samples shown at once, and how often they are redrawn. */
const CLOUD = 12;
const FLICKER_MS = 160;

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

interface PosteriorMarkProps {
  center: [number, number];
  /** σ of the two shown dimensions, in px at the map's scale. */
  radii: [number, number];
  /** Magnification (1: true size). */
  k: number;
  color: string;
  dashed?: boolean;
}

export function PosteriorMark({ center, radii, k, color, dashed = false }: PosteriorMarkProps) {
  const [eps, setEps] = useState(() => drawEpsilon(2 * CLOUD, Math.random));
  useEffect(() => {
    if (reducedMotion()) return;
    const timer = setInterval(() => setEps(drawEpsilon(2 * CLOUD, Math.random)), FLICKER_MS);
    return () => clearInterval(timer);
  }, []);
  const [cx, cy] = center;
  const rx = k * radii[0];
  const ry = k * radii[1];
  return (
    <g className="lx-posterior" data-testid="posterior" data-magnification={k} style={{ color }}>
      <ellipse cx={cx} cy={cy} rx={rx} ry={ry} style={{ fill: 'currentColor', fillOpacity: 0.15, stroke: 'currentColor', strokeWidth: 2, strokeDasharray: dashed ? '4 2' : undefined }} />
      {samplePositions(center, radii, k, eps).map(([x, y], i) => (
        <circle key={i} className="lx-posterior-sample" cx={x} cy={y} r={2.4} style={{ fill: 'currentColor', stroke: 'var(--bg)', strokeWidth: 0.75, fillOpacity: 0.95 }} />
      ))}
      {k > 1 && (
        <text x={cx + rx * Math.SQRT1_2 + 4} y={cy + ry * Math.SQRT1_2 + 12} style={{ fill: 'var(--fg)', fontSize: 10, paintOrder: 'stroke', stroke: 'var(--bg)', strokeWidth: 3 }}>
          σ ×{k}
        </text>
      )}
    </g>
  );
}
