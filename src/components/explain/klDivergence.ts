// KL(q(z|x) ‖ N(0, I)) of one code, per dimension and in total: ½(μ² + σ² − log σ² − 1) (math.md).

export function klTerms(mu: ArrayLike<number>, logvar: ArrayLike<number>): Float64Array {
  const out = new Float64Array(mu.length);
  for (let j = 0; j < mu.length; j++) out[j] = 0.5 * (mu[j] * mu[j] + Math.exp(logvar[j]) - logvar[j] - 1);
  return out;
}

export function klTotal(mu: ArrayLike<number>, logvar: ArrayLike<number>): number {
  return klTerms(mu, logvar).reduce((a, b) => a + b, 0);
}
