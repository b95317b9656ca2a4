// The rate–distortion plane's geometry (Alemi et al. 2018, "Fixing a Broken ELBO"): rate R (the
// KL term, nats) across, distortion D (the reconstruction term, nats) up. −ELBO = R + D, so
// every model with the same ELBO lies on one line of slope −1; the chart draws a few of those
// lines, clipped to its box, each labelled with its −ELBO. Pure: the chart (RateDistortionChart.tsx)
// turns these data coordinates into pixels.

export interface RdPoint {
  rate: number;
  distortion: number;
}

export interface RdDomain {
  x: [number, number];
  y: [number, number];
}

/** One line R + D = c inside the box: its value and its two ends (data coordinates). */
export interface ElboLine {
  c: number;
  from: [number, number];
  to: [number, number];
}

/** The smallest step of 1, 2 or 5 × 10^k at least span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  const up = 1 + 1e-9; // 0.2 / 0.1 is 2.0000000000000004
  return (m <= up ? 1 : m <= 2 * up ? 2 : m <= 5 * up ? 5 : 10) * power;
}

/**
 * The box to draw: rate from 0 (where the AE and a collapsed posterior sit) to a little past the
 * largest, distortion a little either side of the points' range, both ends on a nice step.
 * Non-finite points are left out; with none, a default box.
 */
export function rdDomain(points: readonly RdPoint[]): RdDomain {
  const ok = points.filter((p) => Number.isFinite(p.rate) && Number.isFinite(p.distortion));
  if (ok.length === 0) return { x: [0, 10], y: [0, 100] };
  const rMax = Math.max(...ok.map((p) => p.rate), 1);
  const dMin = Math.min(...ok.map((p) => p.distortion));
  const dMax = Math.max(...ok.map((p) => p.distortion));
  const xStep = niceStep(rMax * 1.1, 5);
  const dPad = Math.max((dMax - dMin) * 0.1, 1);
  const yStep = niceStep(dMax - dMin + 2 * dPad, 5);
  return {
    x: [0, Math.ceil((rMax * 1.1) / xStep) * xStep],
    y: [Math.max(0, Math.floor((dMin - dPad) / yStep) * yStep), Math.ceil((dMax + dPad) / yStep) * yStep],
  };
}

/** Where R + D = c crosses the box, or null when it misses it (or only touches a corner). */
export function clipElboLine(c: number, d: RdDomain): ElboLine | null {
  const [x0, x1] = d.x;
  const [y0, y1] = d.y;
  // Entering along the top or the left edge, leaving along the right or the bottom edge.
  const from: [number, number] = c - y1 >= x0 ? [c - y1, y1] : [x0, c - x0];
  const to: [number, number] = c - x1 >= y0 ? [x1, c - x1] : [c - y0, y0];
  const inside = (p: [number, number]) => p[0] >= x0 - 1e-9 && p[0] <= x1 + 1e-9 && p[1] >= y0 - 1e-9 && p[1] <= y1 + 1e-9;
  if (!inside(from) || !inside(to) || from[0] >= to[0]) return null;
  return { c, from, to };
}

/** About `count` lines of constant −ELBO across the box, at nice values of c. */
export function elboLines(d: RdDomain, count = 4): ElboLine[] {
  const lo = d.x[0] + d.y[0];
  const hi = d.x[1] + d.y[1];
  const step = niceStep(hi - lo, count + 1);
  const out: ElboLine[] = [];
  for (let c = Math.ceil(lo / step) * step; c <= hi; c += step) {
    const line = clipElboLine(Number(c.toFixed(6)), d);
    if (line) out.push(line);
  }
  return out;
}
