// The conv network (layerPlan.ts) ↔ PyTorch's names and layouts, for model.safetensors. The module
// it matches (scripts/python/load_vae.py's PlaygroundConvVAE builds it), for a side S of 28 or 32:
//
//   encoder = nn.Sequential(Unflatten(1, (1, S, S)),
//               ZeroPad2d((0, 1, 0, 1)), Conv2d(1, 32, 3, stride=2), ReLU(),         encoder.2
//               ZeroPad2d((0, 1, 0, 1)), Conv2d(32, 64, 3, stride=2), ReLU(),        encoder.5
//               Flatten(), Linear(64·(S/4)², 16), ReLU())                             encoder.8
//   fc_mu, fc_logvar = Linear(16, latent)        (VAE only; log σ² is clamped to [−10, 10])
//   decoder = nn.Sequential(Linear(latent, 64·(S/4)²), ReLU(), Unflatten(1, (64, S/4, S/4)),   decoder.0
//               ConvTranspose2d(64, 64, 3, stride=2), Crop(S/2), ReLU(),            decoder.3
//               ConvTranspose2d(64, 32, 3, stride=2), Crop(S), ReLU(),              decoder.6
//               ConvTranspose2d(32, 1, 3, padding=1), Flatten())   → logits         decoder.9
//
// TF.js 'same' padding is uneven at stride 2 (zeros after the image only), which PyTorch's
// padding argument cannot say: the Conv2d gets a ZeroPad2d ahead of it, and the transposed
// convolution (whose outputs land at stride·i + k − padBefore) keeps the first S outputs of its
// (S/2 − 1)·2 + 3 = S + 1. Layouts: our Conv2D W is [k, k, in, out] (HWIO), PyTorch's Conv2d
// [out, in, k, k]; our Conv2DTranspose W is [k, k, out, in], PyTorch's ConvTranspose2d
// [in, out, k, k]; neither flips the kernel. Our feature maps are NHWC and PyTorch's NCHW, so the
// Linear beside a flatten has its feature axis re-ordered from (h, w, c) to (c, h, w).

import { networkPlan, type ConvSpec, type DenseSpec, type LayerSpec } from './layerPlan';
import type { NamedTensor } from './safetensors';
import { TorchLayoutError, type TorchLayer } from './torchLayer';
import { LOGVAR_MAX, LOGVAR_MIN, type ConvWeights, type DenseWeights, type LayerWeights, type ModelConfig, type NetworkWeights } from './types';

/** `data` of row-major `shape` with its axes re-ordered: out axis a is in axis perm[a] (numpy's transpose). */
export function permute(data: Float32Array, shape: number[], perm: number[]): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  if (data.length !== n) throw new TorchLayoutError(`cannot permute ${data.length} values as [${shape}]`);
  const strides = shape.map((_, a) => shape.slice(a + 1).reduce((x, y) => x * y, 1));
  const outShape = perm.map((p) => shape[p]);
  const inStride = perm.map((p) => strides[p]);
  const out = new Float32Array(n);
  const idx = new Array<number>(shape.length).fill(0);
  let src = 0;
  for (let o = 0; o < n; o++) {
    out[o] = data[src];
    for (let a = shape.length - 1; a >= 0; a--) {
      idx[a]++;
      src += inStride[a];
      if (idx[a] < outShape[a]) break;
      src -= idx[a] * inStride[a];
      idx[a] = 0;
    }
  }
  return out;
}

/** The permutation that undoes `perm`. */
const inverse = (perm: number[]) => perm.map((_, a) => perm.indexOf(a));

/** TF.js 'same' padding of the convolution from `big` to `small` pixels: [before, after]. */
function samePad(big: number, small: number, s: ConvSpec): [number, number] {
  const total = Math.max((small - 1) * s.stride + s.kernel - big, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The manifest entry of one conv layer: PyTorch's module and how 'same' is written for it. */
function convEntry(name: string, role: 'encoder' | 'decoder', s: ConvSpec, relu: boolean): TorchLayer {
  const common = { name, role, in: s.inChannels, out: s.outChannels, kernel: s.kernel, stride: s.stride, inSide: s.inSide, outSide: s.outSide };
  const act = relu ? { activation: 'relu' as const } : { activation: 'linear' as const, output: 'logits' as const };
  if (s.op === 'conv') {
    const [b, a] = samePad(s.inSide, s.outSide, s);
    return { ...common, type: 'conv2d', ...(b === a ? { padding: b } : { padding: 0, pad: [b, a] as [number, number] }), ...act };
  }
  const [b] = samePad(s.outSide, s.inSide, s);
  const full = (s.inSide - 1) * s.stride - 2 * b + s.kernel;
  if (full < s.outSide) throw new TorchLayoutError(`${name}: a transposed convolution of ${s.inSide} px cannot give ${s.outSide} px`);
  return { ...common, type: 'convTranspose2d', padding: b, ...(full > s.outSide ? { crop: [0, full - s.outSide] as [number, number] } : {}), ...act };
}

function denseEntry(name: string, role: TorchLayer['role'], s: DenseSpec): TorchLayer {
  return { name, role, in: s.inDim, out: s.outDim, activation: 'relu' };
}

/** The layers with weights of a conv config in module order, with their PyTorch names (the header's module). */
export function convTorchLayers(config: ModelConfig): TorchLayer[] {
  const p = networkPlan(config);
  const [c1, c2, d1] = p.encoder as [ConvSpec, ConvSpec, DenseSpec];
  const [d2, t1, t2, t3] = p.decoder as [DenseSpec, ConvSpec, ConvSpec, ConvSpec];
  const head = (name: 'fc_mu' | 'fc_logvar'): TorchLayer => ({
    name, role: name === 'fc_mu' ? 'mu' : 'logvar', in: p.head.inDim, out: p.head.outDim, activation: 'linear',
    output: name === 'fc_mu' ? 'mu' : 'logvar', ...(name === 'fc_logvar' ? { clamp: [LOGVAR_MIN, LOGVAR_MAX] as [number, number] } : {}),
  });
  return [
    convEntry('encoder.2', 'encoder', c1, true),
    convEntry('encoder.5', 'encoder', c2, true),
    denseEntry('encoder.8', 'encoder', d1),
    head('fc_mu'),
    ...(config.kind === 'vae' ? [head('fc_logvar')] : []),
    denseEntry('decoder.0', 'decoder', d2),
    convEntry('decoder.3', 'decoder', t1, true),
    convEntry('decoder.6', 'decoder', t2, true),
    convEntry('decoder.9', 'decoder', t3, false),
  ];
}

/**
 * One layer's W: our layout, PyTorch's shape and the axis order between them. Conv2D
 * [k, k, in, out] → [out, in, k, k]; Conv2DTranspose [k, k, out, in] → [in, out, k, k];
 * the Linear after the encoder's flatten [(h, w, c), out] → [out, (c, h, w)]; the Linear before
 * the decoder's unflatten [in, (h, w, c)] → [(c, h, w), in] (its bias (h, w, c) → (c, h, w));
 * any other Linear [in, out] → [out, in].
 */
function layouts(s: LayerSpec, map: ConvSpec | null, where: 'afterFlatten' | 'beforeUnflatten' | null) {
  if (s.op !== 'dense') {
    const { kernel: k, inChannels: i, outChannels: o } = s;
    return s.op === 'conv'
      ? { ours: [k, k, i, o], theirs: [o, i, k, k], perm: [3, 2, 0, 1], bias: null }
      : { ours: [k, k, o, i], theirs: [i, o, k, k], perm: [3, 2, 0, 1], bias: null };
  }
  if (map && where === 'afterFlatten') {
    const side = map.outSide;
    return { ours: [side, side, map.outChannels, s.outDim], theirs: [s.outDim, s.inDim], perm: [3, 2, 0, 1], bias: null };
  }
  if (map && where === 'beforeUnflatten') {
    const side = map.inSide;
    return { ours: [s.inDim, side, side, map.inChannels], theirs: [s.outDim, s.inDim], perm: [3, 1, 2, 0], bias: { ours: [side, side, map.inChannels], perm: [2, 0, 1] } };
  }
  return { ours: [s.inDim, s.outDim], theirs: [s.outDim, s.inDim], perm: [1, 0], bias: null };
}

interface Slot {
  entry: TorchLayer;
  spec: LayerSpec;
  layout: ReturnType<typeof layouts>;
}

function slots(config: ModelConfig): Slot[] {
  const p = networkPlan(config);
  const plain = (spec: LayerSpec) => ({ spec, layout: layouts(spec, null, null) });
  const specs = [
    plain(p.encoder[0]),
    plain(p.encoder[1]),
    { spec: p.encoder[2], layout: layouts(p.encoder[2], p.encoder[1] as ConvSpec, 'afterFlatten') },
    plain(p.head),
    ...(config.kind === 'vae' ? [plain(p.head)] : []),
    { spec: p.decoder[0], layout: layouts(p.decoder[0], p.decoder[1] as ConvSpec, 'beforeUnflatten') },
    ...p.decoder.slice(1).map(plain),
  ];
  return convTorchLayers(config).map((entry, k) => ({ entry, ...specs[k] }));
}

function layersOf(w: NetworkWeights): LayerWeights[] {
  return [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder];
}

/** A conv network's weights as PyTorch tensors, in module order. */
export function convToTorchTensors(w: NetworkWeights): NamedTensor[] {
  const s = slots(w.config);
  const layers = layersOf(w);
  if (layers.length !== s.length) throw new TorchLayoutError(`the weights have ${layers.length} layers, the config ${s.length}`);
  return s.flatMap(({ entry, layout }, k) => {
    const l = layers[k];
    if (l.W.length !== layout.ours.reduce((a, b) => a * b, 1) || l.b.length !== entry.out) {
      throw new TorchLayoutError(`${entry.name} has ${l.W.length} weights and ${l.b.length} biases, the config implies W [${layout.ours}]`);
    }
    const bias = layout.bias ? permute(l.b, layout.bias.ours, layout.bias.perm) : Float32Array.from(l.b);
    return [
      { name: `${entry.name}.weight`, shape: layout.theirs, data: permute(l.W, layout.ours, layout.perm) },
      { name: `${entry.name}.bias`, shape: [bias.length], data: bias },
    ];
  });
}

/** A conv network's weights from PyTorch tensors whose names the caller has checked; every shape is checked here. */
export function convFromTorchTensors(config: ModelConfig, tensors: Map<string, NamedTensor>): NetworkWeights {
  const layers = slots(config).map(({ entry, spec, layout }): LayerWeights => {
    const W = tensors.get(`${entry.name}.weight`);
    const b = tensors.get(`${entry.name}.bias`);
    const what = entry.type === undefined ? `Linear ${entry.in}→${entry.out}` : `${entry.type === 'conv2d' ? 'Conv2d' : 'ConvTranspose2d'} ${entry.in}→${entry.out} channels`;
    if (!W) throw new TorchLayoutError(`${entry.name}.weight is missing (a ${entry.role} ${what})`);
    if (!b) throw new TorchLayoutError(`${entry.name}.bias is missing (a ${entry.role} ${what})`);
    if (W.shape.join(',') !== layout.theirs.join(',')) throw new TorchLayoutError(`${entry.name}.weight has shape [${W.shape}], expected [${layout.theirs}] (PyTorch's layout for a ${what})`);
    const biasLen = spec.op === 'dense' ? spec.outDim : spec.outChannels;
    if (b.shape.length !== 1 || b.shape[0] !== biasLen) throw new TorchLayoutError(`${entry.name}.bias has shape [${b.shape}], expected [${biasLen}]`);
    // PyTorch's tensor seen with our axes split out (a Linear's (c, h, w) as three), back to our order.
    const Wours = permute(W.data, layout.perm.map((a) => layout.ours[a]), inverse(layout.perm));
    const bl = layout.bias;
    const bias = bl ? permute(b.data, bl.perm.map((a) => bl.ours[a]), inverse(bl.perm)) : Float32Array.from(b.data);
    if (spec.op === 'dense') return { inDim: spec.inDim, outDim: spec.outDim, W: Wours, b: bias } satisfies DenseWeights;
    return { ...spec, W: Wours, b: bias } satisfies ConvWeights;
  });
  const hasLogvar = config.kind === 'vae';
  return {
    config: { ...config, hidden: [...config.hidden] },
    encoder: layers.slice(0, 3),
    mu: layers[3] as DenseWeights,
    logvar: hasLogvar ? (layers[4] as DenseWeights) : null,
    decoder: layers.slice(hasLogvar ? 5 : 4),
  };
}
