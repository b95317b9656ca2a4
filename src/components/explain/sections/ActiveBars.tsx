// Var_x(μ_j) per latent dimension on a log scale, with the 0.01 line that separates active
// dimensions from collapsed ones.
import { ACTIVE_THRESHOLD, type ActiveUnits } from '../activeUnits';

const W = 320;
const H = 64;
const FLOOR = 1e-4;

export function ActiveBars({ units, label }: { units: ActiveUnits; label: string }) {
  const max = Math.max(10, ...units.variances);
  const y = (v: number) => H - ((Math.log10(Math.max(v, FLOOR)) - Math.log10(FLOOR)) / (Math.log10(max) - Math.log10(FLOOR))) * H;
  const bw = W / units.dim;
  return (
    <svg className="xp-bars" viewBox={`0 0 ${W} ${H + 14}`} width="100%" role="img" aria-label={label}>
      {Array.from(units.variances, (v, j) => (
        <rect
          key={j}
          className={units.isActive[j] ? 'is-active' : 'is-idle'}
          x={j * bw + bw * 0.15}
          width={bw * 0.7}
          y={y(v)}
          height={H - y(v)}
        />
      ))}
      <line className="xp-threshold" x1={0} x2={W} y1={y(ACTIVE_THRESHOLD)} y2={y(ACTIVE_THRESHOLD)} />
      {units.dim <= 16 &&
        Array.from({ length: units.dim }, (_, j) => (
          <text key={j} className="xp-bar-label" x={j * bw + bw / 2} y={H + 11} textAnchor="middle">
            {j + 1}
          </text>
        ))}
    </svg>
  );
}
