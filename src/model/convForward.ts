// Conv2D and Conv2DTranspose forward in plain JavaScript, for the TF.js-free inference path
// (mlp.ts runs them as layers of a chain: the page's drag decoder, the inference worker, the
// CLI's pretrained builder). The same maths as TF.js's conv2d / conv2dTranspose with 'same'
// padding, NHWC feature maps, square images (layerPlan.ts says the layers).
//
// 'same' padding, as TF.js computes it: a stride-s convolution of an image of side S gives
// ceil(S/s) outputs with pad = max((out − 1)·s + k − S, 0) zeros in all, ⌊pad/2⌋ before.
// A transposed convolution is the gradient of the convolution that maps its output side back
// to its input side, so it uses that convolution's padding: each input pixel (oy, ox) adds
// W[ky, kx, :, :]·x[oy, ox, :] at (oy·s + ky − padBefore, ox·s + kx − padBefore).

import type { ConvWeights } from './types';

/** Zeros before the image on each axis for the forward convolution from `big` to `small` pixels. */
export function padBefore(big: number, small: number, stride: number, kernel: number): number {
  return Math.floor(Math.max((small - 1) * stride + kernel - big, 0) / 2);
}

/**
 * out[n, outSide, outSide, outC] = conv(x) + b, optionally ReLU. W [k, k, inC, outC].
 * Loops keep the innermost walk over outC, contiguous in W and in out.
 */
function conv2d(l: ConvWeights, x: Float32Array, n: number, out: Float32Array): void {
  const { kernel: k, stride: s, inChannels: ci, outChannels: co, inSide: S, outSide: O, W, b } = l;
  const pad = padBefore(S, O, s, k);
  for (let i = 0; i < n; i++) {
    const xBase = i * S * S * ci;
    for (let oy = 0; oy < O; oy++) {
      for (let ox = 0; ox < O; ox++) {
        const o = ((i * O + oy) * O + ox) * co;
        out.set(b, o);
        for (let ky = 0; ky < k; ky++) {
          const iy = oy * s + ky - pad;
          if (iy < 0 || iy >= S) continue;
          for (let kx = 0; kx < k; kx++) {
            const ix = ox * s + kx - pad;
            if (ix < 0 || ix >= S) continue;
            const xo = xBase + (iy * S + ix) * ci;
            const wo = (ky * k + kx) * ci * co;
            for (let c = 0; c < ci; c++) {
              const a = x[xo + c];
              if (a === 0) continue;
              const w = wo + c * co;
              for (let j = 0; j < co; j++) out[o + j] += a * W[w + j];
            }
          }
        }
      }
    }
  }
}

// A transposed convolution's filter re-laid [k, k, inC, outC] (once per weights array), so the
// scatter below walks outC contiguously and can skip the zeros a ReLU input is full of.
// Keyed by the W array: weights arrive as new arrays (each snapshot, each file) and are never
// written in place, so a held copy cannot go stale.
const inputMajor = new WeakMap<Float32Array, Float32Array>();
function filterInputMajor(l: ConvWeights): Float32Array {
  const held = inputMajor.get(l.W);
  if (held) return held;
  const { kernel: k, inChannels: ci, outChannels: co, W } = l;
  const t = new Float32Array(W.length);
  for (let kk = 0; kk < k * k; kk++) {
    for (let j = 0; j < co; j++) for (let c = 0; c < ci; c++) t[(kk * ci + c) * co + j] = W[(kk * co + j) * ci + c];
  }
  inputMajor.set(l.W, t);
  return t;
}

/**
 * out[n, outSide, outSide, outC] = convT(x) + b. W [k, k, outC, inC] (TF.js's conv2dTranspose
 * layout). Scatters each input pixel; the inner walk is over outC, contiguous in out and in the
 * re-laid filter.
 */
function conv2dTranspose(l: ConvWeights, x: Float32Array, n: number, out: Float32Array): void {
  const { kernel: k, stride: s, inChannels: ci, outChannels: co, inSide: S, outSide: O, b } = l;
  const T = filterInputMajor(l);
  const pad = padBefore(O, S, s, k);
  for (let i = 0; i < n; i++) {
    const oBase = i * O * O * co;
    for (let p = 0; p < O * O; p++) out.set(b, oBase + p * co);
    for (let y = 0; y < S; y++) {
      for (let xx = 0; xx < S; xx++) {
        const xo = ((i * S + y) * S + xx) * ci;
        for (let ky = 0; ky < k; ky++) {
          const oy = y * s + ky - pad;
          if (oy < 0 || oy >= O) continue;
          for (let kx = 0; kx < k; kx++) {
            const ox = xx * s + kx - pad;
            if (ox < 0 || ox >= O) continue;
            const o = oBase + (oy * O + ox) * co;
            const wo = (ky * k + kx) * ci * co;
            for (let c = 0; c < ci; c++) {
              const a = x[xo + c];
              if (a === 0) continue;
              const w = wo + c * co;
              for (let j = 0; j < co; j++) out[o + j] += a * T[w + j];
            }
          }
        }
      }
    }
  }
}

/** What runs a transposed convolution faster than the loops above, where one is installed (src/kernels/convTransposeGemm.ts, installed by convAccelerator.ts). */
export interface ConvTransposeAccelerator {
  /** `pad`: padBefore of the forward convolution this one transposes. */
  run(l: ConvWeights, pad: number, x: Float32Array, n: number, out: Float32Array): void;
}
let accelerator: ConvTransposeAccelerator | null = null;

/** Installs (or, with null, removes) the transposed convolutions' accelerator for every convLayer in this thread. */
export function setConvTransposeAccelerator(a: ConvTransposeAccelerator | null): void {
  accelerator = a;
}

/** One conv layer on n NHWC images (n × inSide² × inC values) into out (n × outSide² × outC), then ReLU if asked. */
export function convLayer(l: ConvWeights, x: Float32Array, n: number, out: Float32Array, relu: boolean): Float32Array {
  const inSize = l.inSide * l.inSide * l.inChannels;
  const outSize = l.outSide * l.outSide * l.outChannels;
  if (x.length < n * inSize) throw new Error(`convLayer: input has ${x.length} values, need ${n}×${inSize}`);
  if (out.length < n * outSize) throw new Error(`convLayer: output has ${out.length} values, need ${n}×${outSize}`);
  if (l.op === 'conv') conv2d(l, x, n, out);
  else if (accelerator) accelerator.run(l, padBefore(l.outSide, l.inSide, l.stride, l.kernel), x, n, out);
  else conv2dTranspose(l, x, n, out);
  if (relu) for (let j = 0; j < n * outSize; j++) if (out[j] < 0) out[j] = 0;
  return out;
}
