// Our NetworkWeights ↔ PyTorch's names and layouts, for model.safetensors. The module it matches
// (scripts/python/load_vae.py builds it; the conv network's is in torchLayoutConv.ts):
//
//   encoder    = nn.Sequential(Linear(784, h1), ReLU(), Linear(h1, h2), ReLU(), …)
//   fc_mu      = Linear(h_last, latent)
//   fc_logvar  = Linear(h_last, latent)          (VAE only; log σ² is clamped to [−10, 10])
//   decoder    = nn.Sequential(Linear(latent, h_last), ReLU(), …, Linear(h1, 784))   → logits
//
// so the tensors are encoder.{0,2,4…}.weight/.bias (ReLU modules take the odd indices),
// fc_mu.*, fc_logvar.*, decoder.{0,2,4…}.*. PyTorch's Linear stores weight as [out, in]
// (y = x·Wᵀ + b); ours is W [in, out] row-major (y = x·W + b): every weight is transposed on
// the way out and back in. Keras Dense kernels are [in, out], like ours (the manifest notes say so).

import { layerShapes } from './config';
import type { NamedTensor } from './safetensors';
import { TorchLayoutError, type TorchLayer } from './torchLayer';
import { convFromTorchTensors, convToTorchTensors, convTorchLayers } from './torchLayoutConv';
import { archOf, denseOnly, LOGVAR_MAX, LOGVAR_MIN, type DenseWeights, type ModelConfig, type NetworkWeights } from './types';

export { TorchLayoutError, type Activation, type TorchLayer } from './torchLayer';

/** The layers with weights of a config in module order, with their PyTorch names (a conv network's: torchLayoutConv.ts). */
export function torchLayers(config: ModelConfig): TorchLayer[] {
  const arch = archOf(config);
  if (arch === 'conv') return convTorchLayers(config);
  if (arch !== 'mlp') throw new TorchLayoutError(`architecture ${JSON.stringify(arch)} has no PyTorch layout here`);
  const s = layerShapes(config);
  const seq = (role: 'encoder' | 'decoder', shapes: Array<[number, number]>, lastLinear: boolean): TorchLayer[] =>
    shapes.map(([i, o], k) => {
      const last = lastLinear && k === shapes.length - 1;
      return { name: `${role}.${2 * k}`, role, in: i, out: o, activation: last ? 'linear' : 'relu', ...(last ? { output: 'logits' as const } : {}) };
    });
  const [hi, lat] = s.head;
  return [
    ...seq('encoder', s.encoder, false),
    { name: 'fc_mu', role: 'mu', in: hi, out: lat, activation: 'linear', output: 'mu' },
    ...(config.kind === 'vae'
      ? [{ name: 'fc_logvar', role: 'logvar' as const, in: hi, out: lat, activation: 'linear' as const, output: 'logvar' as const, clamp: [LOGVAR_MIN, LOGVAR_MAX] as [number, number] }]
      : []),
    ...seq('decoder', s.decoder, true),
  ];
}

/** A row-major rows × cols matrix transposed (cols × rows). */
export function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  if (data.length !== rows * cols) throw new TorchLayoutError(`cannot transpose ${data.length} values as ${rows}×${cols}`);
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}

function layersOf(w: NetworkWeights): DenseWeights[] {
  return denseOnly([...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder], 'the PyTorch exchange');
}

/** The weights as PyTorch tensors (Linear: weight [out, in], bias [out]), in module order. */
export function toTorchTensors(w: NetworkWeights): NamedTensor[] {
  if (archOf(w.config) === 'conv') return convToTorchTensors(w);
  const layers = torchLayers(w.config);
  const dense = layersOf(w);
  if (dense.length !== layers.length) throw new TorchLayoutError(`the weights have ${dense.length} layers, the config ${layers.length}`);
  return layers.flatMap((l, k) => {
    const d = dense[k];
    if (d.inDim !== l.in || d.outDim !== l.out) throw new TorchLayoutError(`${l.name} is ${d.inDim}→${d.outDim}, the config says ${l.in}→${l.out}`);
    return [
      { name: `${l.name}.weight`, shape: [l.out, l.in], data: transpose(d.W, l.in, l.out) },
      { name: `${l.name}.bias`, shape: [l.out], data: Float32Array.from(d.b) },
    ];
  });
}

/**
 * NetworkWeights from PyTorch tensors, checking that the names are exactly the config's (none
 * missing, none extra) and that every shape matches; weights are transposed to [in, out].
 */
export function fromTorchTensors(config: ModelConfig, tensors: Map<string, NamedTensor>): NetworkWeights {
  const layers = torchLayers(config);
  const expected = new Set(layers.flatMap((l) => [`${l.name}.weight`, `${l.name}.bias`]));
  const extra = [...tensors.keys()].filter((n) => !expected.has(n));
  if (extra.length > 0) {
    const headless = config.kind === 'ae' && extra.some((n) => n.startsWith('fc_logvar.'));
    throw new TorchLayoutError(
      headless
        ? `the manifest says this is an autoencoder, which has no log-variance head, but the weights include ${extra.find((n) => n.startsWith('fc_logvar.'))}`
        : `unexpected tensor${extra.length > 1 ? 's' : ''} ${extra.slice(0, 4).join(', ')}${extra.length > 4 ? ', …' : ''} (expected ${[...expected].slice(0, 3).join(', ')}, …)`,
    );
  }
  if (archOf(config) === 'conv') return convFromTorchTensors(config, tensors);
  const dense: DenseWeights[] = layers.map((l) => {
    const W = tensors.get(`${l.name}.weight`);
    const b = tensors.get(`${l.name}.bias`);
    if (!W) throw new TorchLayoutError(`${l.name}.weight is missing (a ${l.role} layer ${l.in}→${l.out})`);
    if (!b) throw new TorchLayoutError(`${l.name}.bias is missing (a ${l.role} layer ${l.in}→${l.out})`);
    if (W.shape.length !== 2 || W.shape[0] !== l.out || W.shape[1] !== l.in) {
      const hint = W.shape[0] === l.in && W.shape[1] === l.out && l.in !== l.out ? '; it looks like a Keras [in, out] kernel, PyTorch stores [out, in]' : '';
      throw new TorchLayoutError(`${l.name}.weight has shape [${W.shape}], expected [${l.out}, ${l.in}] (PyTorch's [out, in])${hint}`);
    }
    if (b.shape.length !== 1 || b.shape[0] !== l.out) throw new TorchLayoutError(`${l.name}.bias has shape [${b.shape}], expected [${l.out}]`);
    return { inDim: l.in, outDim: l.out, W: transpose(W.data, l.out, l.in), b: Float32Array.from(b.data) };
  });
  const nEnc = config.hidden.length;
  const hasLogvar = config.kind === 'vae';
  return {
    config: { ...config, hidden: [...config.hidden] },
    encoder: dense.slice(0, nEnc),
    mu: dense[nEnc],
    logvar: hasLogvar ? dense[nEnc + 1] : null,
    decoder: dense.slice(nEnc + (hasLogvar ? 2 : 1)),
  };
}
