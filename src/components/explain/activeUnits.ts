// Active units (math.md): latent dimensions whose mean μ_j varies across images by more than
// 0.01. Computed from the test codes the worker posts; a VAE whose count falls has dimensions
// that collapsed to the prior.
import { dimensionVariances } from '../latentShared/geometry';

export const ACTIVE_THRESHOLD = 0.01;

export interface ActiveUnits {
  /** Var_x(μ_j) per dimension. */
  variances: Float64Array;
  active: number;
  dim: number;
  /** Whether dimension j is active. */
  isActive: boolean[];
}

export function activeUnits(mu: ArrayLike<number>, n: number, dim: number, threshold = ACTIVE_THRESHOLD): ActiveUnits {
  const variances = n > 1 ? dimensionVariances(mu, n, dim) : new Float64Array(dim);
  const isActive = Array.from(variances, (v) => v > threshold);
  return { variances, active: isActive.filter(Boolean).length, dim, isActive };
}

export type CollapseLevel = 'ok' | 'some' | 'all';

export function collapseLevel(a: Pick<ActiveUnits, 'active' | 'dim'>): CollapseLevel {
  if (a.active === 0) return 'all';
  return a.active < a.dim ? 'some' : 'ok';
}
