// The hovered (or drawn) image's posterior q(z|x) on the map. A trained VAE's σ is small next
// to the map (often 1–3 px), so the ellipse and its samples z = μ + σ·ε are drawn magnified by
// a round factor until the ellipse is big enough to see; the factor is written beside it.

/** The on-screen radius (px, the larger axis) an ellipse is magnified to at least. */
export const MIN_ELLIPSE_PX = 18;
const FACTORS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

/** The smallest round factor that brings the larger radius to MIN_ELLIPSE_PX (1 when it already is). */
export function ellipseMagnification(rx: number, ry: number, minPx = MIN_ELLIPSE_PX): number {
  const r = Math.max(rx, ry);
  if (!(r > 0) || !Number.isFinite(r)) return 1;
  return FACTORS.find((k) => r * k >= minPx) ?? FACTORS[FACTORS.length - 1];
}

/**
 * Screen positions of samples z = μ + σ·ε around μ's screen position `center`, with the
 * ellipse's screen radii (σ in px) and the magnification `k`; `eps` holds (εx, εy) pairs.
 * Screen y grows downward, z's upward.
 */
export function samplePositions(center: [number, number], radii: [number, number], k: number, eps: ArrayLike<number>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < eps.length; i += 2) out.push([center[0] + k * radii[0] * eps[i], center[1] - k * radii[1] * eps[i + 1]]);
  return out;
}

/** Where a sample z drawn at screen point `at` appears when the posterior around `from` is magnified k×. */
export function magnify(from: [number, number], at: [number, number], k: number): [number, number] {
  return [from[0] + k * (at[0] - from[0]), from[1] + k * (at[1] - from[1])];
}
