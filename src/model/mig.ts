// MIG, the mutual information gap (Chen et al. 2018, "Isolating Sources of Disentanglement in
// VAEs"), as disentanglement_lib computes it: each latent mean μ_j is cut into 20 equal-width
// bins between its smallest and largest value over the evaluation set, I(μ_j; v_k) comes from the
// joint histogram with the factor's values, H(v_k) from the factor's own, and
//   MIG = (1/K) Σ_k (I_(1),k − I_(2),k) / H(v_k),
// with I_(1) ≥ I_(2) the two largest mutual informations of factor k over the latents. Nats
// throughout (natural logs, as sklearn's mutual_info_score that disentanglement_lib calls).
//
// Refused, with the reason as the message (MigRefusal):
// - fewer than two latent dimensions: MIG is a gap between the best and the second-best latent
//   for a factor, and with one latent there is no second. (disentanglement_lib fails there too,
//   on an index past the end.) Scoring I/H instead would reward the one latent for simply
//   carrying information, not for carrying it alone, which is what the gap measures;
// - a factor that never varies over the set (H = 0: the score divides by it);
// - a latent value that is not a finite number (a diverged model), or arrays of the wrong size.
// A latent that never varies is allowed: it falls in one bin and carries 0 nats, as in
// disentanglement_lib.
//
// Note what 20 bins imply: a latent can carry at most log 20 = 3.0 nats about a factor, less than
// H = log 32 = 3.47 of a position or log 40 = 3.69 of an orientation, so even a latent that
// copies such a factor scores 0.86 or 0.81 of it, not 1 (mig.test.ts shows it).

/** disentanglement_lib's default number of bins. */
export const MIG_BINS = 20;

export class MigRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigRefusal';
  }
}

export interface MigResult {
  mig: number;
  /** I(μ_j; v_k) in nats, [latent j][factor k]. */
  mi: number[][];
  /** H(v_k) in nats, per factor. */
  entropy: number[];
  /** (I_(1) − I_(2)) / H(v_k) per factor; mig is their mean. */
  gap: number[];
}

/**
 * Equal-width bin of each value, 0 … bins − 1, over [min, max] of the values: numpy's
 * digitize(x, histogram(x, bins)[1][:-1]) − 1, the edges min + i·(max − min)/bins, a value on
 * an edge going to the bin above it and the maximum to the last bin. All in bin 0 when every
 * value is the same.
 */
export function discretise(values: ArrayLike<number>, bins = MIG_BINS): Int32Array {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`discretise: bins must be a positive integer, got ${bins}`);
  const n = values.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new MigRefusal(`a latent value is not a finite number (${v} at ${i}): the model has diverged`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) return out;
  const step = (max - min) / bins;
  const edge = (i: number) => min + i * step;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // An estimate, then moved to agree with the edges exactly as they are rounded.
    let b = Math.min(bins - 1, Math.max(0, Math.floor((v - min) / step)));
    while (b < bins - 1 && v >= edge(b + 1)) b++;
    while (b > 0 && v < edge(b)) b--;
    out[i] = b;
  }
  return out;
}

function checkCodes(codes: ArrayLike<number>, what: string): number {
  let size = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (!Number.isInteger(c) || c < 0) throw new MigRefusal(`${what}: values must be integers ≥ 0, got ${c} at ${i}`);
    if (c + 1 > size) size = c + 1;
  }
  return size;
}

/** H(v) in nats of integer codes 0 … size − 1. */
export function entropy(codes: ArrayLike<number>): number {
  const counts = new Float64Array(checkCodes(codes, 'entropy'));
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  const n = codes.length;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** I(a; b) in nats of two integer codings of the same items, from their joint histogram. */
export function mutualInformation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new MigRefusal(`mutualInformation: ${a.length} and ${b.length} values`);
  const sa = checkCodes(a, 'mutualInformation');
  const sb = checkCodes(b, 'mutualInformation');
  const n = a.length;
  const joint = new Float64Array(sa * sb);
  const ca = new Float64Array(sa);
  const cb = new Float64Array(sb);
  for (let i = 0; i < n; i++) {
    joint[a[i] * sb + b[i]]++;
    ca[a[i]]++;
    cb[b[i]]++;
  }
  let mi = 0;
  for (let x = 0; x < sa; x++) {
    for (let y = 0; y < sb; y++) {
      const c = joint[x * sb + y];
      if (c > 0) mi += (c / n) * Math.log((c * n) / (ca[x] * cb[y]));
    }
  }
  // Rounding can leave −1e-17 where the true value is 0.
  return Math.max(0, mi);
}

/**
 * MIG of latent means `mu` (n rows of latentDim, row-major: what a [n, latentDim] tensor's
 * dataSync gives) against `factors` (one array of n integer codes per factor).
 */
export function mig(mu: ArrayLike<number>, latentDim: number, factors: ReadonlyArray<ArrayLike<number>>, bins = MIG_BINS): MigResult {
  if (!Number.isInteger(latentDim) || latentDim < 2) {
    throw new MigRefusal(`MIG needs at least 2 latent dimensions, got ${latentDim}: it is the gap between the two latents that know most about a factor`);
  }
  if (factors.length === 0) throw new MigRefusal('MIG needs at least one factor');
  const n = factors[0].length;
  if (n < 2) throw new MigRefusal(`MIG needs at least 2 images, got ${n}`);
  if (mu.length !== n * latentDim) throw new MigRefusal(`MIG: ${mu.length} latent values are not ${n} rows of ${latentDim}`);
  factors.forEach((f, k) => {
    if (f.length !== n) throw new MigRefusal(`MIG: factor ${k} has ${f.length} values for ${n} images`);
  });
  const H = factors.map((f, k) => {
    const h = entropy(f);
    if (!(h > 0)) throw new MigRefusal(`MIG: factor ${k} has the same value on every image (no entropy to normalise by)`);
    return h;
  });
  const column = new Float64Array(n);
  const mi = Array.from({ length: latentDim }, (_, j) => {
    for (let i = 0; i < n; i++) column[i] = mu[i * latentDim + j];
    const codes = discretise(column, bins);
    return factors.map((f) => mutualInformation(codes, f));
  });
  const gap = H.map((h, k) => {
    const sorted = mi.map((row) => row[k]).sort((x, y) => y - x);
    return (sorted[0] - sorted[1]) / h;
  });
  return { mig: gap.reduce((s, g) => s + g, 0) / gap.length, mi, entropy: H, gap };
}
