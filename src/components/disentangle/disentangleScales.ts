// The numbers behind the Disentanglement panel, as pure functions: the latent × factor mutual
// information normalised by each factor's entropy (the scale MIG itself uses), the factor each
// latent dimension knows best, the heat map's colours and the charts' text alternatives.
import { interpolateRgb } from 'd3';
import type { DisentanglementSnapshot } from '../../client/clientTypes';
import { THEMES, type Theme } from '../palette';

/** I(μ_j; v_k) / H(v_k): the share of factor k's entropy latent j carries, in [0, 1]; [j][k]. */
export function normalisedMi(s: Pick<DisentanglementSnapshot, 'mi' | 'factorEntropy'>): number[][] {
  return s.mi.map((row) => row.map((v, k) => {
    const h = s.factorEntropy[k];
    return h > 0 && Number.isFinite(v) ? Math.min(1, Math.max(0, v / h)) : 0;
  }));
}

/**
 * For each latent dimension j, the factor it carries the largest share of (normalised MI) and
 * that share; null where it carries none of any factor. Ties go to the earlier factor.
 */
export function bestFactors(s: Pick<DisentanglementSnapshot, 'mi' | 'factorEntropy'>): Array<{ factor: number; score: number } | null> {
  return normalisedMi(s).map((row) => {
    let factor = -1;
    let score = 0;
    row.forEach((v, k) => {
      if (v > score) {
        score = v;
        factor = k;
      }
    });
    return factor < 0 ? null : { factor, score };
  });
}

/**
 * The heat map's colour for a share in [0, 1]: from the panel's surface to the encoder's accent
 * (q(z|x) carries the information), on a square-root ramp so that the small shares usual for
 * MIG (0.1–0.3) are still told apart from 0. The values themselves are in the text alternative.
 */
export function heatColour(theme: Theme): (share: number) => string {
  const { surface, encoder } = THEMES[theme];
  const mix = interpolateRgb(surface, encoder);
  return (share) => mix(Math.sqrt(Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0));
}

/** Two decimals, as MIG and normalised MI are read (0.61), "–" for a missing value. */
export function formatShare(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(2);
}

/** z₁, z₂, …: latent dimension j (0-based) as the map and the traversals name it. */
export function latentName(j: number): string {
  return `z${String(j + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)])}`;
}

/**
 * What a traversal row says about its dimension: the factor it carries the largest share of
 * and that share ("position x", "0.61"), from a snapshot of the same latent size; null when
 * there is none, the sizes differ, or the dimension carries nothing.
 */
export function dimensionFactor(
  s: Pick<DisentanglementSnapshot, 'mi' | 'factorEntropy' | 'factorNames'> | null,
  j: number,
  dim: number,
): { factor: string; share: string } | null {
  if (!s || s.mi.length !== dim || j < 0 || j >= dim) return null;
  const best = bestFactors(s)[j];
  return best ? { factor: s.factorNames[best.factor], share: formatShare(best.score) } : null;
}
