// Hostile and broken files for "Open model…": each must be refused with a message that says
// what is wrong (the app's model is replaced only after a successful import, so a refusal
// leaves it untouched). Valid files of each format are checked first, so a refusal below is
// about the one thing each case breaks.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { enc, smallCheckpoint, SMALL_VAE, tfjsFiles, torchFiles, vaeckptBytes, randomWeights } from './importFixtures';
import { importModelFiles, type ModelFile } from './importModel';
import { writeSafetensors } from './safetensors';
import { toTorchTensors } from './torchLayout';
import type { ModelConfig } from './types';

const good = torchFiles();
const manifestObj = () => JSON.parse(new TextDecoder().decode(good.manifest)) as Record<string, any>;
const pair = (st: Uint8Array, manifest: Uint8Array = good.manifest): ModelFile[] => [
  { name: 'model.safetensors', bytes: st },
  { name: 'vae.json', bytes: manifest },
];
const withManifest = (edit: (m: Record<string, any>) => void) => {
  const m = manifestObj();
  edit(m);
  return pair(good.safetensors, enc(JSON.stringify(m)));
};
const headerLen = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset).getUint32(0, true);
/** The safetensors file with its JSON header rewritten (data kept). */
function editHeader(edit: (h: Record<string, any>) => void): Uint8Array {
  const n = headerLen(good.safetensors);
  const h = JSON.parse(new TextDecoder().decode(good.safetensors.subarray(8, 8 + n)));
  edit(h);
  const json = enc(JSON.stringify(h));
  const out = new Uint8Array(8 + json.length + good.safetensors.length - 8 - n);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(good.safetensors.subarray(8 + n), 8 + json.length);
  return out;
}
function withBytes(edit: (b: Uint8Array, dataStart: number) => void): Uint8Array {
  const b = good.safetensors.slice();
  edit(b, 8 + headerLen(b));
  return b;
}
const tfjsGood = tfjsFiles(randomWeights(SMALL_VAE));
function tfjs(edit: (m: Record<string, any>) => void = () => {}, shard: Uint8Array | null = tfjsGood.shard): ModelFile[] {
  const m = structuredClone(tfjsGood.modelJson) as Record<string, any>;
  edit(m);
  const files = [{ name: 'keras/model.json', bytes: enc(JSON.stringify(m)) }];
  return shard ? [...files, { name: 'keras/group1-shard1of1.bin', bytes: shard }] : files;
}
const AE: ModelConfig = { ...SMALL_VAE, kind: 'ae' };

describe('valid files of each format open', () => {
  it('safetensors + vae.json, with its origin', () => {
    const r = importModelFiles(pair(good.safetensors));
    expect(r.checkpoint.config).toEqual(SMALL_VAE);
    expect(r.checkpoint.step).toBe(1200);
    expect(r.origin).toEqual({ producer: 'vae-playground', step: 1200 });
    expect(Array.from(r.checkpoint.weights.decoder[1].W)).toEqual(Array.from(smallCheckpoint().weights.decoder[1].W));
  });
  it('a zip of the pair, and a folder of it', () => {
    const zip = zipSync({ 'run/model.safetensors': good.safetensors, 'run/vae.json': good.manifest });
    expect(importModelFiles([{ name: 'run.zip', bytes: zip }]).checkpoint.epoch).toBe(2);
    expect(importModelFiles([{ name: 'run/vae.json', bytes: good.manifest }, { name: 'run/model.safetensors', bytes: good.safetensors }]).checkpoint.step).toBe(1200);
  });
  it('a TF.js LayersModel of Dense layers, kernels kept as [in, out]', () => {
    const r = importModelFiles(tfjs());
    expect(r.checkpoint.config).toEqual(SMALL_VAE);
    expect(r.origin?.producer).toBe('keras');
    expect(Array.from(r.checkpoint.weights.logvar!.W)).toEqual(Array.from(randomWeights(SMALL_VAE).logvar!.W));
  });
  it('a .vaeckpt', () => {
    expect(importModelFiles([{ name: 'a.vaeckpt', bytes: vaeckptBytes() }]).origin).toBeNull();
  });
});

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const HOSTILE: Array<[string, () => ModelFile[], RegExp]> = [
  ['safetensors header length past the end', () => pair(withBytes((b) => new DataView(b.buffer).setUint32(0, b.length, true))), /claims \d+ bytes but the file ends/],
  ['a 2 GB header length claim', () => pair(withBytes((b) => new DataView(b.buffer).setUint32(0, 2 ** 31, true))), /claims 2147483648 bytes, more than the limit/],
  ['a 64-bit header length (high word set)', () => pair(withBytes((b) => new DataView(b.buffer).setUint32(4, 1, true))), /more than the limit/],
  ['a truncated file (5 bytes)', () => pair(good.safetensors.slice(0, 5)), /truncated: 5 bytes/],
  ['overlapping offsets', () => pair(editHeader((h) => { h['encoder.0.bias'].data_offsets = [0, 32]; })), /overlap/],
  ['offsets past the data', () => pair(editHeader((h) => { const e = h['decoder.2.bias']; e.data_offsets = [e.data_offsets[0] + 8, e.data_offsets[1] + 8]; })), /run past the end|belong to no tensor/],
  ['a hole between tensors', () => pair(editHeader((h) => { delete h['fc_mu.bias']; })), /belong to no tensor/],
  ['trailing bytes after the last tensor', () => { const b = new Uint8Array(good.safetensors.length + 4); b.set(good.safetensors); return pair(b); }, /4 bytes after the last tensor/],
  ['an unknown dtype', () => pair(editHeader((h) => { h['fc_mu.bias'].dtype = 'Q4_K'; })), /unknown dtype "Q4_K"/],
  ['an integer dtype', () => pair(editHeader((h) => { h['fc_mu.bias'].dtype = 'I32'; })), /dtype I32 cannot hold trained weights/],
  ['shape and data size disagree', () => pair(editHeader((h) => { h['fc_mu.weight'].shape = [2, 9]; })), /needs 72 bytes, data_offsets span 64/],
  ['a negative shape', () => pair(editHeader((h) => { h['fc_mu.weight'].shape = [-2, -8]; })), /non-negative integers/],
  ['a NaN weight', () => pair(withBytes((b, s) => new DataView(b.buffer).setFloat32(s + 8, NaN, true))), /encoder\.0\.weight contains NaN or infinite/],
  ['an infinite weight', () => pair(withBytes((b, s) => new DataView(b.buffer).setFloat32(b.length - 4, Infinity, true) ?? s)), /decoder\.2\.bias contains NaN or infinite/],
  ['a header that is not UTF-8', () => pair(withBytes((b) => { b[9] = 0xff; b[10] = 0xfe; })), /not valid UTF-8/],
  ['a 100,000-deep JSON header', () => { const j = enc(nested(100_000)); const b = new Uint8Array(8 + j.length); new DataView(b.buffer).setUint32(0, j.length, true); b.set(j, 8); return pair(b); }, /nested deeper than 8/],
  ['a header that is not JSON', () => pair(withBytes((b) => { b[8] = 0x78; })), /not valid JSON/],
  ['non-string metadata', () => pair(editHeader((h) => { h.__metadata__ = { a: 1 }; })), /__metadata__\.a is not a string/],
  ['a missing tensor', () => pair(writeSafetensors(toTorchTensors(randomWeights(SMALL_VAE)).filter((t) => t.name !== 'decoder.0.bias'))), /decoder\.0\.bias is missing/],
  ['an extra tensor', () => pair(writeSafetensors([...toTorchTensors(randomWeights(SMALL_VAE)), { name: 'bn.running_mean', shape: [1], data: new Float32Array(1) }])), /unexpected tensor bn\.running_mean/],
  ['a Keras [in, out] kernel under a PyTorch name', () => pair(writeSafetensors(toTorchTensors(randomWeights(SMALL_VAE)).map((t) => (t.name === 'encoder.0.weight' ? { ...t, shape: [784, 8] } : t)))), /looks like a Keras \[in, out\] kernel/],
  ['an AE manifest with log-variance weights', () => pair(good.safetensors, torchFiles(smallCheckpoint(AE)).manifest), /autoencoder, which has no log-variance head/],
  ['a manifest that lies about the shapes', () => withManifest((m) => { m.model.hidden = [16]; delete m.model.layers; }), /encoder\.0\.weight has shape \[8,784\], expected \[16, 784\]/],
  ['a layer list that disagrees with hidden', () => withManifest((m) => { m.model.layers[0].out = 400; }), /model\.layers\[0\].*imply encoder\.0 784→8 relu/],
  ['a negative step in the manifest', () => withManifest((m) => { m.training.step = -5; }), /training\.step must be a non-negative integer, got -5/],
  ['a fractional epoch in the manifest', () => withManifest((m) => { m.training.epoch = 1.5; }), /training\.epoch must be a non-negative integer, got 1\.5/],
  ['a conv manifest over an MLP\'s weights', () => withManifest((m) => { m.model.architecture = 'conv'; }), /model\.layers lists 5 layers; the conv network with this latentDim implies 9/],
  ['an unknown architecture', () => withManifest((m) => { m.model.architecture = 'resnet'; }), /architecture "resnet" is not one this app runs \(it runs "mlp" and "conv"\)/],
  ['a 100,000-deep manifest', () => pair(good.safetensors, enc(nested(100_000))), /manifest is nested deeper/],
  ['a manifest that is not UTF-8', () => pair(good.safetensors, Uint8Array.from([0x7b, 0xc3, 0x28, 0x7d])), /manifest is not valid UTF-8/],
  ['pixels scaled to [0, 255]', () => withManifest((m) => { m.data.pixelRange = [0, 255]; }), /intensity \/ 255 in \[0, 1\]/],
  ['a manifest of another format', () => withManifest((m) => { m.format = 'keras'; }), /format is "keras"/],
  ['an out-of-range learning rate', () => withManifest((m) => { m.training.learningRate = 50; }), /learning rate must be in \(0, 1\]/],
  ['model.json pointing outside its folder', () => tfjs((m) => { m.weightsManifest[0].paths = ['../../secret.bin']; }), /points outside model\.json's folder/],
  ['model.json pointing at a URL', () => tfjs((m) => { m.weightsManifest[0].paths = ['https://example.com/w.bin']; }), /points outside model\.json's folder/],
  ['a missing weight shard', () => tfjs(undefined, null), /model.json: it lists the weight file "group1-shard1of1\.bin", which was not picked/],
  ['a short weight shard', () => tfjs(undefined, tfjsGood.shard.slice(0, 1000)), /fewer than the manifest lists/],
  ['a TF.js GraphModel', () => tfjs((m) => { m.format = 'graph-model'; m.modelTopology = { node: [] }; }), /GraphModel, a frozen computation graph: it keeps no layer structure/],
  ['a Conv2D layer', () => tfjs((m) => { m.modelTopology.config.layers.splice(1, 0, { class_name: 'Conv2D', config: { name: 'conv2d_1', filters: 32 } }); }), /layer "conv2d_1" \(Conv2D\) cannot run here/],
  ['a layer reading a layer the model lacks', () => tfjs((m) => { m.modelTopology.config.layers[1].inbound_nodes = [[['ghost', 0, 0, {}]]]; }), /layer "enc_0" reads "ghost", which the model does not have/],
  ['a quantized weight', () => tfjs((m) => { m.weightsManifest[0].weights[0].quantization = { dtype: 'uint8' }; }), /quantized/],
  ['a negative step in TF.js metadata', () => tfjs((m) => { m.userDefinedMetadata = { vaePlayground: { step: -1 } }; }), /step must be a non-negative integer, got -1/],
  ['a .safetensors without its manifest', () => [{ name: 'model.safetensors', bytes: good.safetensors }], /does not say the architecture/],
  ['two models at once', () => [...pair(good.safetensors), { name: 'b.vaeckpt', bytes: vaeckptBytes() }], /more than one model/],
  ['a .vaeckpt whose step is -5', () => [{ name: 'neg.vaeckpt', bytes: vaeckptBytes(smallCheckpoint(SMALL_VAE, { step: -5 })) }], /step must be a non-negative integer, got -5/],
  ['a .vaeckpt whose epoch is 2.5', () => [{ name: 'frac.vaeckpt', bytes: vaeckptBytes(smallCheckpoint(SMALL_VAE, { epoch: 2.5 })) }], /epoch must be a non-negative integer, got 2\.5/],
  ['a corrupt .zip', () => [{ name: 'model.zip', bytes: enc('PK\u0003\u0004 not really a zip') }], /not a readable \.zip/],
  ['an unrelated file', () => [{ name: 'cat.png', bytes: enc('not a model') }], /cat\.png is not a model this app opens/],
];

describe('hostile files are refused with a clear message', () => {
  it('has at least 25 cases', () => expect(HOSTILE.length).toBeGreaterThanOrEqual(25));
  it.each(HOSTILE)('%s', (_name, files, message) => {
    expect(() => importModelFiles(files())).toThrow(message);
  });
});
