// The layers a model config implies, for both architectures, in NetworkWeights order: what the
// networks build, what getWeights/setWeights and the checkpoint check, what the TF.js-free
// forward pass runs. TF.js-free: the page imports it too.
//
// Conv (the Keras "Variational AutoEncoder" example's layers, for a side s of 28 or 32):
//   encoder Conv2D 32 3×3 s2 'same' ReLU → Conv2D 64 3×3 s2 'same' ReLU → flatten (NHWC)
//           → Dense 16 ReLU → heads μ, log σ² (16 → latent)
//   decoder Dense (s/4)²·64 ReLU → Conv2DTranspose 64 3×3 s2 'same' ReLU
//           → Conv2DTranspose 32 3×3 s2 'same' ReLU → Conv2DTranspose 1 3×3 s1 'same' → logits
// At 28×28 with latent 2: 134,165 parameters (the VAE), as math.md's PyTorch reference.

import { INPUT_SIDES } from './params';
import { archOf, isConvLayer, type ConvWeights, type DenseWeights, type LayerWeights, type ModelConfig } from './types';

export interface DenseSpec {
  op: 'dense';
  inDim: number;
  outDim: number;
}
export type ConvSpec = Omit<ConvWeights, 'W' | 'b'>;
export type LayerSpec = DenseSpec | ConvSpec;

export interface NetworkPlan {
  encoder: LayerSpec[];
  /** Each head (μ, and log σ² for the VAE) maps the last encoder output to the latent. */
  head: DenseSpec;
  decoder: LayerSpec[];
}

/** The conv network's fixed sizes (the Keras example's). */
export const CONV_CHANNELS = [32, 64] as const;
export const CONV_DENSE = 16;
export const CONV_KERNEL = 3;

const dense = (inDim: number, outDim: number): DenseSpec => ({ op: 'dense', inDim, outDim });

function conv(op: 'conv' | 'convT', inChannels: number, outChannels: number, inSide: number, stride: number): ConvSpec {
  const outSide = op === 'conv' ? Math.ceil(inSide / stride) : inSide * stride;
  return { op, kernel: CONV_KERNEL, stride, inChannels, outChannels, inSide, outSide };
}

/** Image side of a model's input (28 or 32); throws for a size no dataset has. */
export function inputSide(c: Pick<ModelConfig, 'inputDim'>): number {
  const side = INPUT_SIDES.get(c.inputDim);
  if (side === undefined) throw new Error(`no image side for inputDim ${c.inputDim}`);
  return side;
}

/** Every layer of a (valid) config, in NetworkWeights order. */
export function networkPlan(c: ModelConfig): NetworkPlan {
  const arch = archOf(c);
  if (arch !== 'mlp' && arch !== 'conv') throw new Error(`unknown architecture ${JSON.stringify(arch)}`);
  if (arch === 'mlp') {
    const enc = [c.inputDim, ...c.hidden];
    const dec = [c.latentDim, ...[...c.hidden].reverse(), c.inputDim];
    const pairs = (dims: number[]) => dims.slice(1).map((d, i) => dense(dims[i], d));
    return { encoder: pairs(enc), head: dense(enc[enc.length - 1], c.latentDim), decoder: pairs(dec) };
  }
  const s = inputSide(c);
  const [c1, c2] = CONV_CHANNELS;
  const s2 = Math.ceil(s / 2);
  const s4 = Math.ceil(s2 / 2);
  const flat = s4 * s4 * c2;
  return {
    encoder: [conv('conv', 1, c1, s, 2), conv('conv', c1, c2, s2, 2), dense(flat, CONV_DENSE)],
    head: dense(CONV_DENSE, c.latentDim),
    decoder: [dense(c.latentDim, flat), conv('convT', c2, c2, s4, 2), conv('convT', c2, c1, s2, 2), conv('convT', c1, 1, s, 1)],
  };
}

/** Shape of a layer's weight tensor W (TF.js layouts: dense [in, out]; conv2d [k, k, in, out]; conv2dTranspose [k, k, out, in]). */
export function weightShape(s: LayerSpec): number[] {
  if (s.op === 'dense') return [s.inDim, s.outDim];
  const { kernel: k } = s;
  return s.op === 'conv' ? [k, k, s.inChannels, s.outChannels] : [k, k, s.outChannels, s.inChannels];
}

/** Length of a layer's bias (one per output unit or channel). */
export function biasLength(s: LayerSpec): number {
  return s.op === 'dense' ? s.outDim : s.outChannels;
}

/** Values per image a layer reads and writes (a conv layer's are NHWC feature maps). */
export function layerInSize(s: LayerSpec): number {
  return s.op === 'dense' ? s.inDim : s.inSide * s.inSide * s.inChannels;
}
export function layerOutSize(s: LayerSpec): number {
  return s.op === 'dense' ? s.outDim : s.outSide * s.outSide * s.outChannels;
}

const product = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

/** Trainable parameters of a config (the AE has no log σ² head). */
export function parameterCount(c: ModelConfig): number {
  const p = networkPlan(c);
  const heads = c.kind === 'vae' ? 2 : 1;
  const count = (s: LayerSpec) => product(weightShape(s)) + biasLength(s);
  return [...p.encoder, ...p.decoder].reduce((a, s) => a + count(s), 0) + heads * count(p.head);
}

/** The spec a layer's weights describe. */
export function specOf(l: LayerWeights): LayerSpec {
  if (isConvLayer(l)) {
    const { W: _W, b: _b, ...spec } = l;
    return spec;
  }
  return dense(l.inDim, l.outDim);
}

/** Weights of a layer from its spec and values (W in the spec's layout). */
export function layerFromArrays(s: LayerSpec, W: Float32Array, b: Float32Array): LayerWeights {
  if (s.op === 'dense') return { inDim: s.inDim, outDim: s.outDim, W, b } satisfies DenseWeights;
  return { ...s, W, b };
}

function describe(s: LayerSpec): string {
  if (s.op === 'dense') return `dense ${s.inDim}×${s.outDim}`;
  return `${s.op === 'conv' ? 'Conv2D' : 'Conv2DTranspose'} ${s.inChannels}→${s.outChannels} channels, ${s.kernel}×${s.kernel} stride ${s.stride}, ${s.inSide}→${s.outSide} px`;
}

/** Why a layer's weights do not fit its spec (name says which layer), or null when they do. */
export function layerProblem(name: string, got: LayerWeights | null | undefined, want: LayerSpec): string | null {
  if (!got) return `layer ${name} is missing`;
  const have = specOf(got);
  const same = describe(have) === describe(want);
  if (same && got.W.length === product(weightShape(want)) && got.b.length === biasLength(want)) return null;
  return `layer ${name} is ${describe(have)} (W ${got.W.length}, b ${got.b.length} values), expected ${describe(want)}`;
}
