// The latent map's geometry as pure functions: z ↔ screen under a zoom transform, posterior
// ellipses, manifold-grid and interpolation latents, which two dimensions to show, hit testing.
// z units on both axes are the same number of pixels, so prior circles stay circles.

import { quantile as d3quantile, quadtree, type Quadtree } from 'd3';

/** A rectangle in z units (x0 < x1, y0 < y1). */
export interface Domain {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The untransformed map: screen x = ox + s·z_x, screen y = oy − s·z_y (y up in z, down on screen). */
export interface BaseView {
  ox: number;
  oy: number;
  /** Pixels per z unit at zoom 1. */
  s: number;
}

/** A d3-zoom transform's numbers: screen = k·base + (x, y). */
export interface Zoom {
  k: number;
  x: number;
  y: number;
}

export const IDENTITY: Zoom = { k: 1, x: 0, y: 0 };

/** The largest equal-unit view that shows `domain` inside width × height, centred, `pad` px kept free. */
export function fitView(domain: Domain, width: number, height: number, pad: number): BaseView {
  const spanX = Math.max(domain.x1 - domain.x0, 1e-6);
  const spanY = Math.max(domain.y1 - domain.y0, 1e-6);
  const s = Math.max(Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY), 1e-6);
  const cx = (domain.x0 + domain.x1) / 2;
  const cy = (domain.y0 + domain.y1) / 2;
  return { ox: width / 2 - s * cx, oy: height / 2 + s * cy, s };
}

export function zToScreen(v: BaseView, t: Zoom, zx: number, zy: number): [number, number] {
  return [t.x + t.k * (v.ox + v.s * zx), t.y + t.k * (v.oy - v.s * zy)];
}

export function screenToZ(v: BaseView, t: Zoom, sx: number, sy: number): [number, number] {
  return [((sx - t.x) / t.k - v.ox) / v.s, (v.oy - (sy - t.y) / t.k) / v.s];
}

/** Pixels per z unit on screen. */
export function pixelsPerUnit(v: BaseView, t: Zoom): number {
  return v.s * t.k;
}

/** The z rectangle a width × height screen shows. */
export function visibleDomain(v: BaseView, t: Zoom, width: number, height: number): Domain {
  const [x0, y1] = screenToZ(v, t, 0, 0);
  const [x1, y0] = screenToZ(v, t, width, height);
  return { x0, x1, y0, y1 };
}

/**
 * The largest square centred in `d`: the manifold grid's span, so its N×N tiles stay square
 * on a wide map (equal units on both axes).
 */
export function centredSquare(d: Domain): Domain {
  const half = Math.min(d.x1 - d.x0, d.y1 - d.y0) / 2;
  const cx = (d.x0 + d.x1) / 2;
  const cy = (d.y0 + d.y1) / 2;
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

/** Screen radii of the 1σ posterior ellipse: σ = exp(½ log σ²) per axis, in pixels. */
export function ellipseRadii(logvarX: number, logvarY: number, pxPerUnit: number): [number, number] {
  return [Math.exp(0.5 * logvarX) * pxPerUnit, Math.exp(0.5 * logvarY) * pxPerUnit];
}

/**
 * n × n latent vectors (row-major, each `dim` long) at the centres of an n × n tiling of
 * `domain` in dimensions dx, dy (others 0). Row 0 is the top of the screen (highest z_y),
 * columns run left to right (lowest z_x first), matching how the tiles are painted.
 */
export function gridLatents(domain: Domain, n: number, dim: number, dx: number, dy: number): Float32Array {
  const z = new Float32Array(n * n * dim);
  const w = (domain.x1 - domain.x0) / n;
  const h = (domain.y1 - domain.y0) / n;
  for (let row = 0; row < n; row++) {
    const zy = domain.y1 - (row + 0.5) * h;
    for (let col = 0; col < n; col++) {
      const base = (row * n + col) * dim;
      z[base + dx] = domain.x0 + (col + 0.5) * w;
      z[base + dy] = zy;
    }
  }
  return z;
}

/** `count` equally spaced points on the segment a → b, both ends included (row-major). */
export function interpolateLatents(a: ArrayLike<number>, b: ArrayLike<number>, count: number): Float32Array {
  const dim = a.length;
  if (b.length !== dim) throw new Error(`interpolateLatents: ends differ in length (${dim} vs ${b.length})`);
  if (count < 2) throw new Error('interpolateLatents: need at least the two ends');
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    for (let j = 0; j < dim; j++) out[i * dim + j] = a[j] + t * (b[j] - a[j]);
  }
  return out;
}

/** Variance of μ_j over the n codes, per dimension. */
export function dimensionVariances(mu: ArrayLike<number>, n: number, dim: number): Float64Array {
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const v = mu[i * dim + j];
      mean[j] += v;
      sq[j] += v * v;
    }
  }
  const out = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    const m = mean[j] / Math.max(n, 1);
    out[j] = Math.max(sq[j] / Math.max(n, 1) - m * m, 0);
  }
  return out;
}

/** The two dimensions whose μ varies most, in ascending index order (ties keep the lower index). */
export function topVarianceDims(mu: ArrayLike<number>, n: number, dim: number): [number, number] {
  if (dim < 2) throw new Error('topVarianceDims: a map needs at least two latent dimensions');
  const v = dimensionVariances(mu, n, dim);
  const order = Array.from({ length: dim }, (_, j) => j).sort((p, q) => v[q] - v[p] || p - q);
  const [a, b] = [order[0], order[1]];
  return a < b ? [a, b] : [b, a];
}

/** q-quantile (0–1) by selection, not sorting: this runs on every latent update. */
function quantile(values: Float64Array, q: number): number {
  return d3quantile(values, q) ?? 0;
}

/**
 * The rectangle the map should show: the codes' central 99% (a few outliers must not shrink
 * the clusters to a dot), always including the box ±minHalf around the origin (the prior's 3σ
 * for a VAE), with a 5% margin.
 */
export function dataDomain(mu: ArrayLike<number>, n: number, dim: number, dx: number, dy: number, minHalf: number): Domain {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = mu[i * dim + dx];
    const y = mu[i * dim + dy];
    if (Number.isFinite(x) && Number.isFinite(y)) {
      xs[k] = x;
      ys[k] = y;
      k++;
    }
  }
  let d: Domain = { x0: -minHalf, x1: minHalf, y0: -minHalf, y1: minHalf };
  if (k > 0) {
    const fx = xs.subarray(0, k);
    const fy = ys.subarray(0, k);
    d = {
      x0: Math.min(d.x0, quantile(fx, 0.005)),
      x1: Math.max(d.x1, quantile(fx, 0.995)),
      y0: Math.min(d.y0, quantile(fy, 0.005)),
      y1: Math.max(d.y1, quantile(fy, 0.995)),
    };
  }
  const mx = 0.05 * (d.x1 - d.x0);
  const my = 0.05 * (d.y1 - d.y0);
  return { x0: d.x0 - mx, x1: d.x1 + mx, y0: d.y0 - my, y1: d.y1 + my };
}

/**
 * The domain to show next: grows at once to take in `target`, but keeps the current one while
 * the target still fills more than half of it, so the view stays calm as codes move in training.
 */
export function settleDomain(current: Domain | null, target: Domain): Domain {
  if (!current) return target;
  const inside = target.x0 >= current.x0 && target.x1 <= current.x1 && target.y0 >= current.y0 && target.y1 <= current.y1;
  const area = (d: Domain) => (d.x1 - d.x0) * (d.y1 - d.y0);
  return inside && area(target) > 0.5 * area(current) ? current : target;
}

/** Index over the codes' shown dimensions, for nearest-point hover. */
export type PointIndex = Quadtree<number>;

export function buildPointIndex(mu: ArrayLike<number>, n: number, dim: number, dx: number, dy: number): PointIndex {
  const finite = Array.from({ length: n }, (_, i) => i).filter(
    (i) => Number.isFinite(mu[i * dim + dx]) && Number.isFinite(mu[i * dim + dy]),
  );
  return quadtree<number>()
    .x((i) => mu[i * dim + dx])
    .y((i) => mu[i * dim + dy])
    .addAll(finite);
}

/** The index of the code nearest (zx, zy) within `radius` z units, or −1. */
export function nearestPoint(index: PointIndex, zx: number, zy: number, radius: number): number {
  return index.find(zx, zy, radius) ?? -1;
}

/** A coordinate for people: two decimals, a true minus sign, never "−0.00". */
export function formatZ(v: number): string {
  const s = v.toFixed(2);
  if (/^-0\.00$/.test(s)) return '0.00';
  return s.replace('-', '\u2212');
}
