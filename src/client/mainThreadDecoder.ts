// A copy of the latest decoder on the page itself, for the one image a drag shows. Decoding one
// z is ~0.5 M multiply-adds in plain JavaScript (about a millisecond), cheaper than the two
// thread hops to the inference worker, which on a 2-core machine busy with training wait
// several milliseconds each for a core. Batches (grids, prior samples) still go to the worker.
// A conv decoder is ~5.7 M multiply-adds: its transposed convolutions run on our SIMD matrix
// product (src/kernels/convTransposeGemm.ts, under a millisecond) once that has compiled, the plain loops until then.

import { installConvAccelerator } from '../model/convAccelerator';
import { ConvTransposeGemm } from '../kernels/convTransposeGemm';
import { decodeMeans } from '../model/mlp';
import type { LayerWeights, ModelConfig } from '../model/types';

/** Copies of the layers: the originals are transferred to the inference worker. */
function copyLayers(layers: readonly LayerWeights[]): LayerWeights[] {
  return layers.map((l) => ({ ...l, W: l.W.slice(), b: l.b.slice() }));
}

export class MainThreadDecoder {
  private weights: { config: ModelConfig; decoder: LayerWeights[] } | null = null;
  private out = new Float32Array(0);
  private stepHeld = -1;

  /** Keeps a copy of `decoder` (its buffers may be transferred away right after). */
  set(config: ModelConfig, decoder: readonly LayerWeights[], step: number): void {
    if (config.arch === 'conv') void installConvAccelerator(ConvTransposeGemm.load);
    this.weights = { config, decoder: copyLayers(decoder) };
    this.out = new Float32Array(config.inputDim);
    this.stepHeld = step;
  }

  /** Weights of another shape are coming (a reset or a load): nothing to decode from until they do. */
  clear(): void {
    this.weights = null;
    this.stepHeld = -1;
  }

  /** The training step of the decoder held; −1 when none. */
  get step(): number {
    return this.stepHeld;
  }

  /**
   * The mean image for one latent vector, or null when no decoder of z's size is held.
   * The returned array is reused by the next call: paint it before decoding again.
   */
  decode(z: Float32Array): Float32Array | null {
    const w = this.weights;
    if (!w || z.length !== w.config.latentDim) return null;
    return decodeMeans(w, z, 1, this.out);
  }
}
