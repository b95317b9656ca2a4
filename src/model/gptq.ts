// int8 weights that keep a network's outputs, not just its weights, close: GPTQ (Frantar et
// al., 2023). Each input row of W is rounded in turn and its rounding error is pushed onto
// the rows not yet rounded, weighted by how the layer's inputs co-vary (H = XᵀX over
// calibration inputs), so the errors cancel in x·W instead of adding up. Plain rounding of
// the decoder moved decoded pixels by up to 0.05–0.16; this keeps them within 0.02.

import type { DenseWeights } from './types';

/** W ≈ q · scale, one scale per output column: W[i][j] = q[i][j] · scale[j]. */
export interface QuantizedLayer {
  q: Int8Array;
  scale: Float32Array;
}

/** Relative damping added to H's diagonal, so a dead (always-zero) input cannot make it singular. */
const DAMP = 0.01;

function columnScales(l: DenseWeights): Float32Array {
  const scale = new Float32Array(l.outDim);
  for (let i = 0; i < l.inDim; i++) {
    for (let j = 0; j < l.outDim; j++) scale[j] = Math.max(scale[j], Math.abs(l.W[i * l.outDim + j]));
  }
  return scale.map((s) => (s > 0 ? s / 127 : 1));
}

/** Upper-triangular U with A = UᵀU (A symmetric positive definite, n × n row-major). */
function choleskyUpper(A: Float64Array, n: number): Float64Array {
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let d = A[i * n + i];
    for (let k = 0; k < i; k++) d -= U[k * n + i] ** 2;
    if (!(d > 0)) throw new Error('gptq: the input covariance is not positive definite');
    const uii = Math.sqrt(d);
    U[i * n + i] = uii;
    for (let j = i + 1; j < n; j++) {
      let t = A[i * n + j];
      for (let k = 0; k < i; k++) t -= U[k * n + i] * U[k * n + j];
      U[i * n + j] = t / uii;
    }
  }
  return U;
}

/** A⁻¹ from A = UᵀU: A⁻¹ = U⁻¹U⁻ᵀ. */
function inverseFromUpper(U: Float64Array, n: number): Float64Array {
  const V = new Float64Array(n * n); // V = U⁻¹, upper triangular
  for (let i = n - 1; i >= 0; i--) {
    V[i * n + i] = 1 / U[i * n + i];
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += U[i * n + k] * V[k * n + j];
      V[i * n + j] = -s / U[i * n + i];
    }
  }
  const inv = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let k = b; k < n; k++) s += V[a * n + k] * V[b * n + k];
      inv[a * n + b] = s;
      inv[b * n + a] = s;
    }
  }
  return inv;
}

/** H = XᵀX over n calibration rows, damped. */
function inputCovariance(x: Float32Array, n: number, d: number): Float64Array {
  const H = new Float64Array(d * d);
  for (let s = 0; s < n; s++) {
    const row = s * d;
    for (let a = 0; a < d; a++) {
      const xa = x[row + a];
      if (xa === 0) continue;
      for (let b = 0; b < d; b++) H[a * d + b] += xa * x[row + b];
    }
  }
  let mean = 0;
  for (let a = 0; a < d; a++) mean += H[a * d + a];
  const damp = (DAMP * mean) / d || 1;
  for (let a = 0; a < d; a++) H[a * d + a] += damp;
  return H;
}

/**
 * One layer, given its calibration inputs x (n × inDim). Rows are rounded in order of their
 * input's energy (GPTQ's "act order"): the inputs that matter most go first, while later rows
 * can still absorb their errors.
 */
export function gptqLayer(layer: DenseWeights, x: Float32Array, n: number): QuantizedLayer {
  const { inDim: d, outDim: o } = layer;
  if (x.length !== n * d) throw new Error(`gptq: expected ${n} × ${d} calibration inputs, got ${x.length} values`);
  const scale = columnScales(layer);
  const H0 = inputCovariance(x, n, d);
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => H0[b * d + b] - H0[a * d + a]);
  const H = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) H[a * d + b] = H0[order[a] * d + order[b]];
  const U = choleskyUpper(inverseFromUpper(choleskyUpper(H, d), d), d);
  const W = new Float64Array(d * o);
  for (let a = 0; a < d; a++) for (let j = 0; j < o; j++) W[a * o + j] = layer.W[order[a] * o + j];
  const q = new Int8Array(d * o);
  for (let i = 0; i < d; i++) {
    const uii = U[i * d + i];
    const row = order[i] * o;
    for (let j = 0; j < o; j++) {
      const w = W[i * o + j];
      const v = Math.max(-127, Math.min(127, Math.round(w / scale[j])));
      q[row + j] = v;
      const err = (w - v * scale[j]) / uii;
      for (let k = i + 1; k < d; k++) W[k * o + j] -= err * U[i * d + k];
    }
  }
  return { q, scale };
}

export function dequantize(l: QuantizedLayer, inDim: number, outDim: number): Float32Array {
  const W = new Float32Array(inDim * outDim);
  for (let i = 0; i < inDim; i++) {
    for (let j = 0; j < outDim; j++) W[i * outDim + j] = l.q[i * outDim + j] * l.scale[j];
  }
  return W;
}

function forward(l: DenseWeights, x: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * l.outDim);
  for (let s = 0; s < n; s++) {
    const row = s * l.outDim;
    out.set(l.b, row);
    for (let k = 0; k < l.inDim; k++) {
      const a = x[s * l.inDim + k];
      if (a === 0) continue;
      for (let j = 0; j < l.outDim; j++) out[row + j] += a * l.W[k * l.outDim + j];
    }
    for (let j = row; j < row + l.outDim; j++) if (out[j] < 0) out[j] = 0;
  }
  return out;
}

/**
 * A decoder's layers, first to last; each layer is calibrated on what the already-quantized
 * layers before it produce from `inputs` (n × latentDim), so later layers also absorb the
 * earlier ones' errors. The first layer stays as it is (null): it sees z itself, whose range
 * (an AE's codes reach ±50) magnifies its rounding errors, and at latentDim × h weights it is
 * too small for int8 to save anything.
 */
export function gptqDecoder(layers: DenseWeights[], inputs: Float32Array, n: number): Array<QuantizedLayer | null> {
  let x = inputs;
  return layers.map((layer, k) => {
    const quantized = k === 0 ? null : gptqLayer(layer, x, n);
    const used = quantized ? { ...layer, W: dequantize(quantized, layer.inDim, layer.outDim) } : layer;
    if (k < layers.length - 1) x = forward(used, x, n);
    return quantized;
  });
}
