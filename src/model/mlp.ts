// Forward passes in plain JavaScript over NetworkWeights, for the TF.js-free inference worker:
// the same maths as network.ts (ReLU hidden layers, clamped log σ², sigmoid of the logits).
// A conv network's layers run through convForward.ts, so both architectures take this path.

import { convLayer } from './convForward';
import { isConvLayer, LOGVAR_MAX, LOGVAR_MIN, type DenseWeights, type LayerWeights, type NetworkWeights } from './types';

// Two scratch buffers reused across calls, so dragging z does not allocate per frame.
let scratchA = new Float32Array(0);
let scratchB = new Float32Array(0);

function scratch(which: 'a' | 'b', size: number): Float32Array {
  if (which === 'a') {
    if (scratchA.length < size) scratchA = new Float32Array(size);
    return scratchA;
  }
  if (scratchB.length < size) scratchB = new Float32Array(size);
  return scratchB;
}

/**
 * out[n×outDim] = x[n×inDim]·W + b, optionally ReLU. Loop order i-k-j walks W row by row
 * (contiguous), and skips the zeros a ReLU input is full of.
 */
function dense(layer: DenseWeights, x: Float32Array, n: number, out: Float32Array, relu: boolean): Float32Array {
  const { inDim, outDim, W, b } = layer;
  for (let i = 0; i < n; i++) {
    const row = i * outDim;
    out.set(b, row);
    const xRow = i * inDim;
    for (let k = 0; k < inDim; k++) {
      const a = x[xRow + k];
      if (a === 0) continue;
      const wRow = k * outDim;
      for (let j = 0; j < outDim; j++) out[row + j] += a * W[wRow + j];
    }
    if (relu) for (let j = row; j < row + outDim; j++) if (out[j] < 0) out[j] = 0;
  }
  return out;
}

/** Runs layers in turn through the two scratch buffers; returns the buffer holding the last output. */
function chain(layers: LayerWeights[], x: Float32Array, n: number, reluLast: boolean): Float32Array {
  let input = x;
  layers.forEach((layer, k) => {
    const relu = k < layers.length - 1 || reluLast;
    if (isConvLayer(layer)) {
      const out = scratch(k % 2 === 0 ? 'a' : 'b', n * layer.outSide * layer.outSide * layer.outChannels);
      input = convLayer(layer, input, n, out, relu);
    } else {
      input = dense(layer, input, n, scratch(k % 2 === 0 ? 'a' : 'b', n * layer.outDim), relu);
    }
  });
  return input;
}

/**
 * Mean images sigmoid(ℓ(z)) for n latent vectors (z row-major n × latentDim), n × inputDim.
 * Needs only the decoder (a pretrained model's first paint ships nothing else).
 */
export function decodeMeans(w: Pick<NetworkWeights, 'config' | 'decoder'>, z: Float32Array, n: number, out?: Float32Array): Float32Array {
  const dim = w.config.latentDim;
  const D = w.config.inputDim;
  if (z.length < n * dim) throw new Error(`decodeMeans: z has ${z.length} values, need ${n}×${dim}`);
  const result = out ?? new Float32Array(n * D);
  if (result.length < n * D) throw new Error(`decodeMeans: out has ${result.length} values, need ${n}×${D}`);
  const logits = chain(w.decoder, z, n, false);
  for (let i = 0; i < n * D; i++) result[i] = 1 / (1 + Math.exp(-logits[i]));
  return result;
}

/** Logits ℓ(z) of n latent vectors, n × inputDim, in a new array (the likelihoods need them, not sigmoid). */
export function decodeLogits(w: Pick<NetworkWeights, 'config' | 'decoder'>, z: Float32Array, n: number): Float32Array {
  const dim = w.config.latentDim;
  if (z.length < n * dim) throw new Error(`decodeLogits: z has ${z.length} values, need ${n}×${dim}`);
  return chain(w.decoder, z, n, false).slice(0, n * w.config.inputDim);
}

/** μ and clamped log σ² (null for the AE) of n images (x row-major n × inputDim, in [0, 1]). */
export function encodeMlp(w: NetworkWeights, x: Float32Array, n: number): { mu: Float32Array; logvar: Float32Array | null } {
  const D = w.config.inputDim;
  const dim = w.config.latentDim;
  if (x.length < n * D) throw new Error(`encodeMlp: x has ${x.length} values, need ${n}×${D}`);
  const h = chain(w.encoder, x, n, true);
  const mu = dense(w.mu, h, n, new Float32Array(n * dim), false);
  if (!w.logvar) return { mu, logvar: null };
  const logvar = dense(w.logvar, h, n, new Float32Array(n * dim), false);
  for (let i = 0; i < logvar.length; i++) logvar[i] = Math.min(LOGVAR_MAX, Math.max(LOGVAR_MIN, logvar[i]));
  return { mu, logvar };
}

/** Latent dimensions whose variance of μ across the images exceeds `threshold` (math.md's active units). */
export function activeUnits(mu: Float32Array, n: number, dim: number, threshold = 0.01): number {
  if (n < 2) return 0;
  let active = 0;
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += mu[i * dim + j];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (mu[i * dim + j] - mean) ** 2;
    if (variance / n > threshold) active++;
  }
  return active;
}
