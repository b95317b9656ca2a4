// Every formula of the explanations, in one place, in TeX as Temml reads it (math/mathml.ts);
// @name is a live value the section fills in. A formula too wide for the narrow drawer is broken
// into aligned lines. A test renders them all and checks the slots each section fills.

/** Lines of a displayed formula, lined up on their & marks (TeX's aligned). */
export function aligned(...lines: readonly string[]): string {
  return `\\begin{aligned} ${lines.join(' \\\\ ')} \\end{aligned}`;
}

/** A formula broken into lines that share a left edge, the later ones indented. */
function broken(first: string, ...rest: readonly string[]): string {
  return aligned(`& ${first}`, ...rest.map((line) => `& \\qquad ${line}`));
}

const KL = '\\mathrm{KL}';

export const F = {
  networkVae: 'q_θ(z|x) = 𝒩(z; μ, \\operatorname{diag} σ^2), \\, \\, z = μ + σ ⊙ ε',
  networkAe: 'z = f_θ(x), \\, \\, \\hat{x} = g_φ(z)',

  reparam: 'z = μ + σ ⊙ ε, \\, \\, ε ∼ 𝒩(0, I)',

  elbo: aligned(`\\text{ELBO}(x) & = 𝔼_{q_θ(z|x)}[\\log p_φ(x|z)]`, `& \\quad − ${KL}(q_θ(z|x) \\, ‖ \\, p(z))`),
  elboLive: '\\text{ELBO} = @rec − @kl = @elbo',
  elboImage: '\\text{ELBO}(x) = @rec − @kl = @elbo',
  objectiveLive: broken(`−𝔼_q[\\log p_φ(x|z)] + β \\, ${KL}`, '= @rec + @beta × @kl = @obj'),

  bernoulli: aligned('\\log p_φ(x|z) & = \\sum_{i=1}^{784} [x_i \\log \\hat{x}_i', '& \\quad + (1 − x_i) \\log(1 − \\hat{x}_i)]'),
  gaussian: '\\log p_φ(x|z) = −\\frac{‖x − \\hat{x}‖^2}{2σ_x^2} − \\frac{D}{2} \\log(2πσ_x^2)',
  bernoulliLive: '\\log p_φ(x|z) = @ll',
  gaussianLive: aligned('\\log p_φ(x|z) & = −\\frac{@sq}{2 × @s^2} − \\frac{@d}{2} \\log(2π × @s^2)', '& = @err + @c = @ll'),

  mc: broken('𝔼_{q_θ(z|x)}[\\log p_φ(x|z)]', '≈ \\frac{1}{L} \\sum_{l=1}^{L} \\log p_φ(x|z^{(l)})'),
  mcSample: 'z^{(l)} = μ + σ ⊙ ε^{(l)}, \\, \\, ε^{(l)} ∼ 𝒩(0, I)',
  mcLive: '\\frac{1}{@L} \\sum_{l=1}^{@L} \\log p_φ(x|z^{(l)}) = @est',

  kl: broken(`${KL}(q_θ(z|x) \\, ‖ \\, 𝒩(0, I))`, '= \\frac{1}{2} \\sum_{j=1}^{d} (μ_j^2 + σ_j^2 − \\log σ_j^2 − 1)'),

  logpxGap: aligned(`\\log p_φ(x) & = \\text{ELBO}(x) + ${KL}(q_θ(z|x) \\, ‖ \\, p_φ(z|x))`, '& ≥ \\text{ELBO}(x)'),
  logpxIw: broken('\\log p_φ(x) ≈ \\log \\frac{1}{K} \\sum_{k=1}^{K} \\frac{p_φ(x|z_k) \\, p(z_k)}{q_θ(z_k|x)},', 'z_k ∼ q_θ(z|x)'),
  logpxLive: '\\log p_φ(x) ≈ @lp = @elbo + @gap',

  active: 'A = \\#\\{ j : \\operatorname{Var}_x(μ_j(x)) > 0.01 \\}',
  activeLive: 'A = \\#\\{ j : \\operatorname{Var}_x(μ_j(x)) > 0.01 \\} = @a',
} as const;

/** z_j = μ_j + σ_j × ε_j = value, for coordinate j (0-based). */
export function reparamLive(j: number): string {
  return `z_{${j + 1}} = @m + @s × @e = @z`;
}

/** One KL term per written dimension j: (μ_j² + σ_j² − log σ_j² − 1) with slots m{j}, s{j}. */
export function klTerm(j: number): string {
  return `(@m${j}^2 + @s${j}^2 − \\log @s${j}^2 − 1)`;
}

/** KL = ½[term₀ + term₁ + ⋯] = total, one term per line; `more` adds "+ ⋯" for the rest. */
export function klLive(terms: readonly string[], more: boolean): string {
  const lines = terms.map((term, j) => (j === 0 ? `${KL} & = \\frac{1}{2}[${term}` : `& \\quad + ${term}`));
  if (more) lines.push('& \\quad + ⋯');
  lines[lines.length - 1] += '] = @kl';
  return aligned(...lines);
}
