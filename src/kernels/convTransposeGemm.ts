// Conv2DTranspose forward as one matrix product on our SIMD kernels (gemm.ts) plus a scatter, for
// the TF.js-free decoder (src/model/convForward.ts hands its transposed convolutions here once the
// page or the inference worker installs it: src/model/convAccelerator.ts). Per batch of images with S² input pixels each:
//
//   cols[S²·n, k²·co] = X[S²·n, ci] · Wᵀ      (W in TF.js's layout [k, k, co, ci] is already
//                                              a [k²·co, ci] matrix: the product takes it transposed)
//   out[(oy, ox), :] += cols[(y, x), (ky, kx), :]   at (oy, ox) = (y·s + ky − pad, x·s + kx − pad)
//
// The page's drag decodes one image: 1.8 M + 3.6 M multiply-adds in the two stride-2 layers,
// which the plain loops take milliseconds for. The operands are copied into a private memory on
// every call (the weights are ~55 K values: far cheaper than the product), so nothing is cached.

import { Gemm } from './gemm';

/** A transposed convolution as this kernel reads it (the model's ConvWeights is one). */
export interface ConvTransposeLayer {
  kernel: number;
  stride: number;
  inChannels: number;
  outChannels: number;
  inSide: number;
  outSide: number;
  /** [k, k, outC, inC] */
  W: Float32Array;
  b: Float32Array;
}

const F32 = 4;
const PAGE = 65536;
const align16 = (n: number) => Math.ceil(n / 16) * 16;
/** Values of cols per product: bounds the memory for a batch (the inference worker's grids). */
export const MAX_COLS = 1 << 20;

export class ConvTransposeGemm {
  private constructor(
    private readonly gemm: Gemm,
    private readonly memory: WebAssembly.Memory,
  ) {}

  /** Compiles the kernels synchronously (Node, workers). */
  static create(): ConvTransposeGemm {
    const memory = new WebAssembly.Memory({ initial: 16 });
    return new ConvTransposeGemm(Gemm.create(memory, null), memory);
  }

  /** Compiles the kernels asynchronously (a page's main thread). */
  static async load(): Promise<ConvTransposeGemm> {
    const memory = new WebAssembly.Memory({ initial: 16 });
    return new ConvTransposeGemm(await Gemm.createAsync(memory, null), memory);
  }

  /** out[n, O, O, co] = convT(x) + b for n NHWC images; `pad`: the zeros before the image of the forward convolution it transposes. */
  run(l: ConvTransposeLayer, pad: number, x: Float32Array, n: number, out: Float32Array): void {
    const { kernel: k, stride: s, inChannels: ci, outChannels: co, inSide: S, outSide: O, W, b } = l;
    const N = k * k * co;
    const per = Math.max(1, Math.floor(MAX_COLS / (S * S * N)));
    for (let i = 0; i < n * O * O; i++) out.set(b, i * co);
    for (let first = 0; first < n; first += per) {
      const count = Math.min(per, n - first);
      const m = count * S * S;
      const wAt = align16(64 + this.gemm.scratchBytes(m, N, ci));
      const xAt = align16(wAt + W.length * F32);
      const cAt = align16(xAt + m * ci * F32);
      this.reserve(cAt + m * N * F32);
      const heap = new Float32Array(this.memory.buffer);
      heap.set(W, wAt / F32);
      heap.set(x.subarray(first * S * S * ci, (first + count) * S * S * ci), xAt / F32);
      this.gemm.run({ a: xAt, b: wAt, c: cAt, m, n: N, k: ci, transposeA: false, transposeB: true }, 64);
      const c0 = cAt / F32;
      for (let i = 0; i < count; i++) {
        const oBase = (first + i) * O * O * co;
        for (let y = 0; y < S; y++) {
          for (let xx = 0; xx < S; xx++) {
            const row = c0 + ((i * S + y) * S + xx) * N;
            for (let ky = 0; ky < k; ky++) {
              const oy = y * s + ky - pad;
              if (oy < 0 || oy >= O) continue;
              for (let kx = 0; kx < k; kx++) {
                const ox = xx * s + kx - pad;
                if (ox < 0 || ox >= O) continue;
                const o = oBase + (oy * O + ox) * co;
                const c = row + (ky * k + kx) * co;
                for (let j = 0; j < co; j++) out[o + j] += heap[c + j];
              }
            }
          }
        }
      }
    }
  }

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
  }
}
