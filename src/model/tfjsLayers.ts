// A TF.js LayersModel (model.json + binary weight shards, what `tensorflowjs_converter` writes
// for a Keras model) to a Checkpoint, when its layers are ones this app runs: Dense (with
// InputLayer, Flatten, Reshape, and a weightless Sampling layer between the heads and the
// decoder). Layers are read in the order the topology lists them (nested models flattened):
//   Dense…(relu)  →  two Dense heads of the latent size (z_mean, then z_log_var; VAE), or one (AE)
//   →  Dense…(relu) mirroring the encoder  →  Dense(784, linear or sigmoid: logits either way).
// Keras kernels are [in, out], our layout: no transpose. The dataset, likelihood and step come
// from userDefinedMetadata.vaePlayground when the file has it ({ dataset, likelihood, sigmaX,
// step }); otherwise MNIST, Bernoulli, step 0.

import { validateModelConfig } from './config';
import type { Checkpoint } from './checkpoint';
import { parseBoundedJson } from './safetensors';
import type { ImportOrigin } from './torchExport';
import { originCommand } from './torchExport';
import { DEFAULT_HYPER, type DenseWeights, type Hyper, type ModelConfig, type NetworkWeights } from './types';
import { checkCount } from './vaeManifest';

export class TfjsImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TfjsImportError';
  }
}
function fail(message: string): never {
  throw new TfjsImportError(message);
}

interface FileLike {
  name: string;
  bytes: Uint8Array;
}
interface LayerSpec {
  className: string;
  name: string;
  units?: number;
  activation?: string;
  useBias?: boolean;
  /** Names of the layers it reads (Functional models); empty for the input or a Sequential. */
  inbound: string[];
}
interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PASS_THROUGH = new Set(['InputLayer', 'Flatten', 'Reshape', 'Sampling']);
const NESTED = new Set(['Sequential', 'Functional', 'Model']);

export const GRAPH_MODEL_SENTENCE =
  'This is a TF.js GraphModel, a frozen computation graph: it keeps no layer structure (no encoder, heads and decoder to rebuild and train), so it cannot be opened here. Convert the Keras model with --output_format=tfjs_layers_model instead.';

function flattenLayers(topology: Record<string, unknown>, seen: { nested: boolean }, depth = 0): LayerSpec[] {
  const cfg = topology.config;
  const layers = Array.isArray(cfg) ? cfg : isObject(cfg) ? cfg.layers : undefined;
  if (!Array.isArray(layers)) fail('no layer list in modelTopology');
  return layers.flatMap((l: unknown): LayerSpec[] => {
    if (!isObject(l) || typeof l.class_name !== 'string' || !isObject(l.config)) fail('a layer has no class_name and config');
    const c = l.config;
    const name = typeof c.name === 'string' ? c.name : '?';
    if (NESTED.has(l.class_name)) {
      if (depth > 3) fail('models are nested more than three deep');
      seen.nested = true;
      return flattenLayers(l as Record<string, unknown>, seen, depth + 1);
    }
    return [{ className: l.class_name, name, units: c.units as number, activation: c.activation as string, useBias: c.use_bias as boolean, inbound: inboundNames(l.inbound_nodes) }];
  });
}

/**
 * The layer names a layer's inbound_nodes refer to, in order: Keras 2 / TF.js lists
 * [[["name", node, tensor, {}], …]], Keras 3 nests { keras_history: ["name", node, tensor] }.
 */
function inboundNames(nodes: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 8 || out.length > 16) return;
    if (Array.isArray(v)) {
      if (typeof v[0] === 'string' && typeof v[1] === 'number') out.push(v[0]);
      else v.forEach((x) => visit(x, depth + 1));
    } else if (isObject(v)) {
      const history = isObject(v.config) ? v.config.keras_history : undefined;
      if (Array.isArray(history) && typeof history[0] === 'string') out.push(history[0]);
      else Object.values(v).forEach((x) => visit(x, depth + 1));
    }
  };
  visit(Array.isArray(nodes) ? nodes[0] : undefined, 0);
  return out;
}

/**
 * The Dense layers in encoder → heads (μ, then log σ²) → decoder order, following the graph of
 * a Functional model (its listed order need not be that: TF.js sorts by depth). A Sequential
 * model, or one with nested models, keeps its listed order.
 */
function orderDense(layers: LayerSpec[], nested: boolean): LayerSpec[] {
  const dense = layers.filter((l) => l.className === 'Dense');
  if (nested || dense.every((l) => l.inbound.length === 0)) return dense;
  const byName = new Map(layers.map((l) => [l.name, l]));
  const densePred = (l: LayerSpec): string | null => {
    let cur = l.inbound[0];
    for (let hops = 0; cur !== undefined; hops++) {
      const p = byName.get(cur);
      if (!p) fail(`layer "${l.name}" reads "${cur}", which the model does not have`);
      if (p.className === 'Dense') return p.name;
      if (hops > layers.length) fail('the layer graph has a cycle');
      cur = p.inbound[0];
    }
    return null;
  };
  const pred = new Map(dense.map((l) => [l.name, densePred(l)]));
  const next = (name: string | null) => dense.filter((l) => pred.get(l.name) === name);
  const roots = next(null);
  if (roots.length !== 1) fail(`expected one Dense layer reading the input, found ${roots.length}`);
  const order: LayerSpec[] = [];
  let cur = roots[0];
  let heads: LayerSpec[] = [];
  for (;;) {
    if ((cur.activation ?? 'linear') !== 'relu') {
      heads = [cur];
      break;
    }
    order.push(cur);
    const after = next(cur.name);
    if (after.length === 2) {
      heads = after;
      break;
    }
    if (after.length !== 1) fail(`Dense layer "${cur.name}" feeds ${after.length} Dense layers; the encoder is a chain ending in one or two heads`);
    cur = after[0];
  }
  if (heads.length === 2 && /log|var|sigma/i.test(heads[0].name) && !/log|var|sigma/i.test(heads[1].name)) heads.reverse();
  order.push(...heads);
  for (let d = next(heads[0].name); d.length > 0; d = next(d[0].name)) {
    if (d.length > 1) fail(`Dense layer "${d[0].name}" and ${d.length - 1} other(s) read the same layer; the decoder is a chain`);
    order.push(d[0]);
  }
  const unused = dense.find((l) => !order.includes(l));
  if (unused) fail(`Dense layer "${unused.name}" is not on the path encoder → μ → decoder`);
  return order;
}

/** A weight path must stay inside model.json's folder: relative, no "..", no scheme. */
function shardPath(folder: string, path: unknown): string {
  if (typeof path !== 'string' || path.length === 0) fail('a weight shard path is not a string');
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) {
    fail(`the weight path ${JSON.stringify(path.slice(0, 80))} points outside model.json's folder; only files beside it are read`);
  }
  return folder ? `${folder}/${path}` : path;
}

function readWeights(manifest: unknown, folder: string, files: FileLike[]): Map<string, { shape: number[]; data: Float32Array }> {
  if (!Array.isArray(manifest)) fail('no weightsManifest');
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const group of manifest) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) fail('a weightsManifest group lacks paths or weights');
    const shards = group.paths.map((p) => {
      const full = shardPath(folder, p);
      const f = files.find((x) => x.name.replace(/\\/g, '/') === full);
      if (!f) fail(`it lists the weight file ${JSON.stringify(p)}, which was not picked: pick all its files (or their folder)`);
      return f.bytes;
    });
    const bytes = new Uint8Array(shards.reduce((s, b) => s + b.length, 0));
    shards.reduce((at, b) => (bytes.set(b, at), at + b.length), 0);
    const view = new DataView(bytes.buffer);
    let at = 0;
    for (const w of group.weights as WeightSpec[]) {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || !w.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail('a weight entry lacks a name or shape');
      if (w.quantization !== undefined) fail(`${w.name} is quantized; convert without quantization`);
      if (w.dtype !== 'float32') fail(`${w.name} has dtype ${JSON.stringify(w.dtype)}; Dense weights must be float32`);
      const n = w.shape.reduce((a, b) => a * b, 1);
      if (at + n * 4 > bytes.length) fail(`the weight files hold ${bytes.length} bytes, fewer than the manifest lists (at ${w.name})`);
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++, at += 4) {
        data[i] = view.getFloat32(at, true);
        if (!Number.isFinite(data[i])) fail(`${w.name} contains NaN or infinite values`);
      }
      out.set(w.name, { shape: w.shape, data });
    }
    if (at !== bytes.length) fail(`the weight files hold ${bytes.length - at} bytes more than the manifest lists`);
  }
  return out;
}

function denseWeights(layer: LayerSpec, weights: Map<string, { shape: number[]; data: Float32Array }>): DenseWeights {
  const find = (what: string) => [...weights.entries()].find(([n]) => n === `${layer.name}/${what}` || n.endsWith(`/${layer.name}/${what}`))?.[1];
  const kernel = find('kernel');
  if (!kernel || kernel.shape.length !== 2) fail(`the weights of Dense layer "${layer.name}" (its kernel) are missing`);
  const [inDim, outDim] = kernel.shape;
  const bias = layer.useBias === false ? { shape: [outDim], data: new Float32Array(outDim) } : find('bias');
  if (!bias || bias.shape.join() !== String(outDim)) fail(`Dense layer "${layer.name}" has no bias of ${outDim} values`);
  return { inDim, outDim, W: kernel.data, b: bias.data };
}

export function checkpointFromTfjsLayers(modelJson: FileLike, files: FileLike[]): { checkpoint: Checkpoint; origin: ImportOrigin } {
  const raw = parseBoundedJson(modelJson.bytes, 'model.json', 64, fail);
  if (!isObject(raw)) fail('not a JSON object');
  if (raw.format === 'graph-model' || (isObject(raw.modelTopology) && Array.isArray(raw.modelTopology.node))) fail(GRAPH_MODEL_SENTENCE);
  if (raw.format !== undefined && raw.format !== 'layers-model') fail(`format ${JSON.stringify(raw.format)}; a TF.js LayersModel says "layers-model"`);
  const topo = isObject(raw.modelTopology) ? raw.modelTopology : fail('no modelTopology');
  const root = isObject(topo.model_config) ? topo.model_config : topo;
  const seen = { nested: false };
  const layers = flattenLayers(root, seen);
  const bad = layers.find((l) => l.className !== 'Dense' && !PASS_THROUGH.has(l.className));
  if (bad) fail(`layer "${bad.name}" (${bad.className}) cannot run here: this version runs Dense (fully connected) encoders and decoders only`);
  const dense = orderDense(layers, seen.nested);
  const act = (l: LayerSpec) => l.activation ?? 'linear';
  const folder = modelJson.name.replace(/\\/g, '/').split('/').slice(0, -1).join('/');
  const weights = readWeights(raw.weightsManifest, folder, files);
  const all = dense.map((l) => denseWeights(l, weights));

  const enc = all.findIndex((_, i) => act(dense[i]) !== 'relu');
  if (enc < 1) fail('expected Dense layers with ReLU first (the encoder), then the latent heads');
  const latentDim = all[enc].outDim;
  const vae = all[enc + 1] !== undefined && all[enc + 1].outDim === latentDim && all[enc + 1].inDim === all[enc].inDim && act(dense[enc + 1]) === 'linear';
  const decStart = enc + (vae ? 2 : 1);
  const decoder = all.slice(decStart);
  const hidden = all.slice(0, enc).map((d) => d.outDim);
  const config: ModelConfig = { kind: vae ? 'vae' : 'ae', inputDim: all[0].inDim, latentDim, hidden };
  const problems = validateModelConfig(config);
  if (problems.length > 0) fail(`the Dense layers make a model this app cannot run: ${problems.join('; ')}`);
  const expectDec = [latentDim, ...[...hidden].reverse(), config.inputDim];
  const decOk = decoder.length === expectDec.length - 1 && decoder.every((d, i) => d.inDim === expectDec[i] && d.outDim === expectDec[i + 1]);
  if (!decOk) fail(`the decoder must mirror the encoder (${expectDec.join('→')}); this file has ${decoder.map((d) => `${d.inDim}→${d.outDim}`).join(', ') || 'none'}`);
  const decActs = dense.slice(decStart).map(act);
  const wrong = decActs.findIndex((a, i) => (i < decActs.length - 1 ? a !== 'relu' : a !== 'linear' && a !== 'sigmoid'));
  if (wrong >= 0) fail(`layer "${dense[decStart + wrong].name}" has activation ${decActs[wrong]}; the decoder runs ReLU between layers and logits (linear or sigmoid) at the end`);

  const meta = isObject(raw.userDefinedMetadata) && isObject(raw.userDefinedMetadata.vaePlayground) ? raw.userDefinedMetadata.vaePlayground : {};
  const step = checkCount('userDefinedMetadata.vaePlayground.step', meta.step ?? 0, fail);
  const hyper: Hyper = { ...DEFAULT_HYPER, warmStart: false };
  if (meta.likelihood === 'gaussian') hyper.likelihood = 'gaussian';
  if (typeof meta.sigmaX === 'number' && meta.sigmaX >= 0.01 && meta.sigmaX <= 10) hyper.sigmaX = meta.sigmaX;
  const net: NetworkWeights = { config, encoder: all.slice(0, enc), mu: all[enc], logvar: vae ? all[enc + 1] : null, decoder };
  const origin: ImportOrigin = { producer: 'keras', step };
  return {
    origin,
    checkpoint: {
      format: 'vae-playground',
      version: 1,
      dataset: typeof meta.dataset === 'string' ? meta.dataset.slice(0, 40) : 'mnist',
      config,
      hyper,
      seed: 1,
      step,
      epoch: 0,
      createdAt: new Date(0).toISOString(),
      command: originCommand(origin, 'model.json'),
      weights: net,
    },
  };
}
