// Pure helpers of the loss chart: smoothing, downsampling to the pixel grid, axis domains,
// ticks and number formatting. No DOM, so they are tested in Node.

/**
 * Exponential moving average, debiased like TensorBoard's (the first values are not pulled
 * toward 0). Non-finite inputs are skipped: the previous smoothed value carries over.
 */
export function ema(values: ArrayLike<number>, smoothing: number): Float64Array {
  const out = new Float64Array(values.length);
  const a = Math.min(Math.max(smoothing, 0), 0.999);
  let acc = 0;
  let weight = 0;
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      acc = a * acc + (1 - a) * v;
      weight = a * weight + (1 - a);
      last = acc / weight;
    }
    out[i] = last;
  }
  return out;
}

/**
 * EMA weight for a series of n points: none for the first hundred (the fast early descent is
 * the story), then a window of about 1 % of the run, at most 100 steps, so the lag stays a
 * small, constant fraction of the chart's width.
 */
export function smoothingFor(n: number): number {
  const window = Math.min(100, Math.max(1, n / 100));
  return 1 - 1 / window;
}

export interface XY {
  x: number[];
  y: number[];
}

/**
 * Keeps at most two points per pixel column (the lowest and the highest, in their original
 * order), so a 20,000-step line draws as ~2×width vertices and every spike stays visible.
 * `xs` must be ascending; columns span [x0, x1]. Non-finite y values are dropped.
 */
export function downsampleMinMax(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x0: number,
  x1: number,
  columns: number,
): XY {
  const n = Math.min(xs.length, ys.length);
  const out: XY = { x: [], y: [] };
  const cols = Math.max(1, Math.floor(columns));
  if (n <= 2 * cols) {
    for (let i = 0; i < n; i++) if (Number.isFinite(ys[i])) (out.x.push(xs[i]), out.y.push(ys[i]));
    return out;
  }
  const span = x1 - x0 || 1;
  let col = -1;
  let iMin = -1;
  let iMax = -1;
  const flush = () => {
    if (iMin < 0) return;
    const first = Math.min(iMin, iMax);
    const second = Math.max(iMin, iMax);
    out.x.push(xs[first]);
    out.y.push(ys[first]);
    if (second !== first) (out.x.push(xs[second]), out.y.push(ys[second]));
  };
  for (let i = 0; i < n; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) continue;
    const c = Math.min(cols - 1, Math.max(0, Math.floor(((xs[i] - x0) / span) * cols)));
    if (c !== col) {
      flush();
      col = c;
      iMin = iMax = i;
    } else {
      if (y < ys[iMin]) iMin = i;
      if (y > ys[iMax]) iMax = i;
    }
  }
  flush();
  return out;
}

/** The symlog transform (constant 1) that d3.scaleSymlog uses: defined for 0 and negatives. */
export function symlog(v: number): number {
  return Math.sign(v) * Math.log1p(Math.abs(v));
}
export function symexp(t: number): number {
  return Math.sign(t) * Math.expm1(Math.abs(t));
}

/**
 * y domain over every finite value of every series. Linear: anchored at 0 when all values are
 * positive (losses are), otherwise padded 5 %. Log (symlog, so 0 and negative values are safe):
 * padded 5 % in log space. Never empty or inverted.
 */
export function yDomain(series: ReadonlyArray<ArrayLike<number>>, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === Infinity) return log ? [0, symexp(symlog(1) * 2)] : [0, 1];
  if (log) {
    let tlo = symlog(lo);
    let thi = symlog(hi);
    if (thi - tlo < 1e-6) (tlo -= 0.5, thi += 0.5);
    const pad = (thi - tlo) * 0.05;
    return [symexp(tlo - pad), symexp(thi + pad)];
  }
  if (lo >= 0) return [0, hi > 0 ? hi * 1.05 : 1];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Ticks 1, 2, 5 × 10^k (and 0, and their negatives) inside the domain, for the symlog axis. */
export function logTicks([lo, hi]: [number, number], max = 8): number[] {
  const ticks: number[] = [];
  if (lo <= 0 && hi >= 0) ticks.push(0);
  const top = Math.max(Math.abs(lo), Math.abs(hi));
  if (top > 0) {
    // Below 1 the symlog axis is linear and squeezed: ticks there only help tiny domains.
    const kMin = top >= 10 ? 0 : Math.floor(Math.log10(top)) - 1;
    for (let k = kMin; 10 ** k <= top; k++) {
      for (const m of [1, 2, 5]) {
        const v = Number((m * 10 ** k).toPrecision(3));
        if (v >= lo && v <= hi) ticks.push(v);
        if (-v >= lo && -v <= hi) ticks.push(-v);
      }
    }
  }
  ticks.sort((a, b) => a - b);
  // Thin to at most `max`, keeping the largest (they are the ones people read).
  for (const drop of [[2], [2, 5]]) {
    if (ticks.length <= max) break;
    const kept = ticks.filter((v) => v === 0 || !drop.includes(leadingDigit(v)));
    ticks.splice(0, ticks.length, ...kept);
  }
  return ticks.length > max ? ticks.slice(ticks.length - max) : ticks;
}

function leadingDigit(v: number): number {
  const a = Math.abs(v);
  return Math.round(a / 10 ** Math.floor(Math.log10(a) + 1e-9));
}

/** Index of the entry of ascending `xs` closest to `x`; −1 when empty. */
export function nearestIndex(xs: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(xs[hi] - x) < Math.abs(xs[lo] - x) ? hi : lo;
}

/** Nats as people read them: one decimal below 1,000, thousands separated, "–" when unknown. */
export function formatNats(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const digits = Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace('-', '−');
}

export function formatStep(v: number): string {
  if (Math.abs(v) >= 1e4) return `${Number((v / 1000).toPrecision(3)).toLocaleString('en-US')}k`;
  return Math.round(v).toLocaleString('en-US');
}

/** SVG path data through the points, in pixels rounded to 0.1 (no d3 needed, no index arrays). */
export function pathData(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    const px = Math.round(sx(xs[i]) * 10) / 10;
    const py = Math.round(sy(ys[i]) * 10) / 10;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${px},${py}`);
  }
  return parts.join('');
}

/**
 * Drops ticks that would print on top of each other: walking from the largest value down,
 * keeps a tick only if it lies at least `minGap` pixels from the last one kept.
 */
export function spreadTicks(ticks: readonly number[], toPx: (v: number) => number, minGap: number): number[] {
  const kept: number[] = [];
  let lastPx = NaN;
  for (const v of [...ticks].sort((a, b) => b - a)) {
    const px = toPx(v);
    if (!Number.isFinite(px)) continue;
    if (Number.isNaN(lastPx) || Math.abs(px - lastPx) >= minGap) {
      kept.push(v);
      lastPx = px;
    }
  }
  return kept.reverse();
}
