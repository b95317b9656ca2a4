// z = μ + σ·ε drawn: the posterior ellipse of the image in focus (in the map's two dimensions),
// the arrow σ·ε from μ to the live sample z, and the last few samples fading behind it.
import { useEffect, useState } from 'react';
import type { FocusView, SampleView } from '../explainStore';

const W = 150;
const H = 120;
const TRAIL = 6;

export function ReparamPlot({ focus, sample }: { focus: FocusView; sample: SampleView | null }) {
  const [trail, setTrail] = useState<SampleView[]>([]);
  useEffect(() => {
    setTrail((prev) => (sample ? [...prev.filter((s) => s.z.length === sample.z.length), sample].slice(-TRAIL) : []));
  }, [sample]);
  useEffect(() => setTrail([]), [focus.mu]);
  if (!focus.logvar) return null;

  const [a, b] = focus.dims;
  const two = focus.mu.length > 1 && a !== b && b < focus.mu.length;
  const sx = Math.exp(0.5 * focus.logvar[a]);
  const sy = two ? Math.exp(0.5 * focus.logvar[b]) : sx;
  // 3.2σ around μ fills the box; both axes share one scale so the ellipse keeps its shape.
  const scale = Math.min(W / (6.4 * sx), H / (6.4 * sy));
  const cx = W / 2;
  const cy = H / 2;
  const at = (z: Float32Array): [number, number] => [
    cx + (z[a] - focus.mu[a]) * scale,
    two ? cy - (z[b] - focus.mu[b]) * scale : cy,
  ];
  return (
    <svg className="xp-reparam" viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true">
      {[1, 2].map((k) => (
        <ellipse key={k} className={`xp-ell k${k}`} cx={cx} cy={cy} rx={k * sx * scale} ry={two ? k * sy * scale : 3} />
      ))}
      {trail.slice(0, -1).map((s, i) => {
        const [x, y] = at(s.z);
        return <circle key={s.seq} className="xp-trail" cx={x} cy={y} r={2.5} opacity={(i + 1) / TRAIL} />;
      })}
      <circle className="xp-mu" cx={cx} cy={cy} r={3} />
      <text className="xp-lbl" x={cx + 5} y={cy + 12}>
        μ
      </text>
      {sample && sample.z.length === focus.mu.length && (
        <>
          <line className="xp-eps" x1={cx} y1={cy} x2={at(sample.z)[0]} y2={at(sample.z)[1]} markerEnd="url(#xp-arrow)" />
          <circle className="xp-z" cx={at(sample.z)[0]} cy={at(sample.z)[1]} r={4} />
          <text className="xp-lbl" x={at(sample.z)[0] + 6} y={at(sample.z)[1] - 6}>
            z
          </text>
        </>
      )}
      <defs>
        <marker id="xp-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" className="xp-arrowhead" />
        </marker>
      </defs>
    </svg>
  );
}
