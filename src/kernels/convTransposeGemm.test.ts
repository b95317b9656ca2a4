// The transposed convolutions on the SIMD matrix product give the plain loops' outputs (to float
// rounding: the sums run in another order), for every decoder layer of both image sides, one
// image and batches that span several products; and installing it changes what decodeMeans
// computes by no more than that.
import { afterEach, describe, expect, it } from 'vitest';
import { ConvTransposeGemm, MAX_COLS } from './convTransposeGemm';
import { installConvAccelerator } from '../model/convAccelerator';
import { convLayer, padBefore, setConvTransposeAccelerator } from '../model/convForward';
import { networkPlan, weightShape, type ConvSpec } from '../model/layerPlan';
import { decodeMeans } from '../model/mlp';
import { mulberry32 } from '../model/prng';
import type { ConvWeights, ModelConfig, NetworkWeights } from '../model/types';
import { layerFromArrays } from '../model/layerPlan';

const rand = mulberry32(11);
const values = (n: number, zeros = 0) => Float32Array.from({ length: n }, () => (rand() < zeros ? 0 : rand() - 0.5));
const config = (inputDim: number): ModelConfig => ({ arch: 'conv', kind: 'vae', inputDim, latentDim: 2, hidden: [512, 256] });
function layer(s: ConvSpec): ConvWeights {
  return { ...s, W: values(weightShape(s).reduce((a, b) => a * b, 1)), b: values(s.outChannels) };
}
const maxRelDiff = (a: Float32Array, b: Float32Array) => {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(a[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return diff / scale;
};

afterEach(() => setConvTransposeAccelerator(null));

describe('ConvTransposeGemm', () => {
  const gemm = ConvTransposeGemm.create();
  for (const inputDim of [784, 1024]) {
    const specs = networkPlan(config(inputDim)).decoder.slice(1) as ConvSpec[];
    for (const s of specs) {
      // One image, a few, and just past the images one product takes (a second product).
      const perProduct = Math.floor(MAX_COLS / (s.inSide * s.inSide * s.kernel * s.kernel * s.outChannels));
      for (const n of [1, 3, perProduct + 2]) {
        it(`${inputDim} px: Conv2DTranspose ${s.inChannels}→${s.outChannels} ${s.inSide}→${s.outSide} px stride ${s.stride}, ${n} image(s)`, () => {
          const l = layer(s);
          const x = values(n * s.inSide * s.inSide * s.inChannels, 0.5); // half zeros, as after a ReLU
          const size = n * s.outSide * s.outSide * s.outChannels;
          const plain = convLayer(l, x, n, new Float32Array(size), false).slice();
          const fast = new Float32Array(size).fill(Number.NaN);
          gemm.run(l, padBefore(l.outSide, l.inSide, l.stride, l.kernel), x, n, fast);
          expect(maxRelDiff(plain, fast)).toBeLessThan(1e-5);
        });
      }
    }
  }

  it('once installed, decodeMeans decodes through it and paints the same image', async () => {
    const p = networkPlan(config(784));
    const decoder = p.decoder.map((s) => layerFromArrays(s, values(weightShape(s).reduce((a, b) => a * b, 1)), values(s.op === 'dense' ? s.outDim : s.outChannels)));
    const w: Pick<NetworkWeights, 'config' | 'decoder'> = { config: config(784), decoder };
    const z = Float32Array.from([0.4, -1.3, 2.1, 0.2]);
    const before = decodeMeans(w, z, 2).slice();
    let calls = 0;
    expect(await installConvAccelerator(ConvTransposeGemm.load)).toBe(true);
    const installed = ConvTransposeGemm.create();
    setConvTransposeAccelerator({ run: (...args) => { calls++; installed.run(...args); } });
    const after = decodeMeans(w, z, 2);
    expect(calls).toBe(3);
    expect(maxRelDiff(before, after)).toBeLessThan(1e-5);
  });
});
