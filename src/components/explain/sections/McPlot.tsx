// The Monte Carlo estimate as a dot strip: every sample's log p(x|z) small and faint, each
// repeat's L-sample mean as a large dot on its own row, the overall mean as a rule. The axis
// spans the single samples, so raising L visibly pulls the large dots together.
import type { McSummary } from '../monteCarlo';
import { formatNumber } from '../formatNumber';

const W = 320;
const ROW = 9;
const PAD = { l: 8, r: 8, t: 8, b: 22 };

export function McPlot({ mc, axisLabel }: { mc: McSummary; axisLabel: string }) {
  const lo = Math.min(...mc.perSample);
  const hi = Math.max(...mc.perSample);
  const span = hi - lo || 1;
  const x = (v: number) => PAD.l + ((v - lo + span * 0.05) / (span * 1.1)) * (W - PAD.l - PAD.r);
  const h = PAD.t + mc.R * ROW + PAD.b;
  const axisY = PAD.t + mc.R * ROW + 4;
  return (
    <svg className="xp-mc" viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={axisLabel} data-testid="mc-plot" data-spread={mc.spread.toFixed(4)}>
      <line className="xp-mc-mean" x1={x(mc.mean)} x2={x(mc.mean)} y1={PAD.t - 4} y2={axisY} />
      {Array.from({ length: mc.R }, (_, r) => {
        const y = PAD.t + r * ROW + ROW / 2;
        return (
          <g key={r}>
            {Array.from(mc.perSample.subarray(r * mc.L, (r + 1) * mc.L), (v, l) => (
              <circle key={l} className="xp-mc-sample" cx={x(v)} cy={y} r={2} />
            ))}
            <circle className="xp-mc-estimate" cx={x(mc.estimates[r])} cy={y} r={4} />
          </g>
        );
      })}
      <line className="xp-mc-axis" x1={PAD.l} x2={W - PAD.r} y1={axisY} y2={axisY} />
      <text className="xp-mc-tick" x={PAD.l} y={axisY + 13}>
        {formatNumber(lo, 1)}
      </text>
      <text className="xp-mc-tick" x={W - PAD.r} y={axisY + 13} textAnchor="end">
        {formatNumber(hi, 1)}
      </text>
      <text className="xp-mc-tick" x={W / 2} y={axisY + 13} textAnchor="middle">
        {axisLabel}
      </text>
    </svg>
  );
}
