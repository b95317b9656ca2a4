// log p(x|z) of one image from the decoder's mean image x̂ = sigmoid(ℓ), on the main thread
// (math.md's two likelihoods). The worker works from logits; a mean image in float32 can be
// exactly 0 or 1, so x̂ is clamped to [P_MIN, 1 − P_MIN] before the logarithm: for a pixel
// that far off this caps its penalty at about 16 nats instead of infinity.

export const P_MIN = 1e-7;
const LOG_2PI = Math.log(2 * Math.PI);

/** Σ_i x_i log x̂_i + (1 − x_i) log(1 − x̂_i) over `d` pixels; `xhat` read from `offset`. */
export function bernoulliLogLik(x: ArrayLike<number>, xhat: ArrayLike<number>, offset = 0, d = x.length): number {
  let sum = 0;
  for (let i = 0; i < d; i++) {
    const p = Math.min(1 - P_MIN, Math.max(P_MIN, xhat[offset + i]));
    const xi = x[i];
    sum += xi * Math.log(p) + (1 - xi) * Math.log(1 - p);
  }
  return sum;
}

/** ‖x − x̂‖² over `d` pixels. */
export function squaredError(x: ArrayLike<number>, xhat: ArrayLike<number>, offset = 0, d = x.length): number {
  let sum = 0;
  for (let i = 0; i < d; i++) {
    const e = x[i] - xhat[offset + i];
    sum += e * e;
  }
  return sum;
}

/** The Gaussian log-likelihood's two parts: −‖x − x̂‖²/(2σ²) and −(D/2) log(2πσ²). */
export function gaussianParts(sqErr: number, sigma: number, d: number): { error: number; constant: number } {
  return { error: -sqErr / (2 * sigma * sigma), constant: -(d / 2) * (LOG_2PI + 2 * Math.log(sigma)) };
}

export function gaussianLogLik(x: ArrayLike<number>, xhat: ArrayLike<number>, sigma: number, offset = 0, d = x.length): number {
  const { error, constant } = gaussianParts(squaredError(x, xhat, offset, d), sigma, d);
  return error + constant;
}

export interface LikelihoodChoice {
  likelihood: 'bernoulli' | 'gaussian';
  sigmaX: number;
}

/** log p(x|z) under the page's current likelihood. */
export function reconLogLik(x: ArrayLike<number>, xhat: ArrayLike<number>, h: LikelihoodChoice, offset = 0, d = x.length): number {
  return h.likelihood === 'gaussian' ? gaussianLogLik(x, xhat, h.sigmaX, offset, d) : bernoulliLogLik(x, xhat, offset, d);
}

/** log p(x|z_s) for each of `count` decodings of one image x (count × d mean images). */
export function scoreDecodings(x: ArrayLike<number>, images: ArrayLike<number>, count: number, h: LikelihoodChoice): Float64Array {
  const d = x.length;
  if (images.length < count * d) throw new Error(`expected ${count} images of ${d} pixels, got ${images.length} values`);
  const out = new Float64Array(count);
  for (let s = 0; s < count; s++) out[s] = reconLogLik(x, images, h, s * d, d);
  return out;
}
