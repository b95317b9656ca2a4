import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError, parseCheckpoint, serializeCheckpoint, type Checkpoint } from './checkpoint';
import { crc32 } from './crc32';
import { fromFloat16Bits, toFloat16Bits } from './float16';
import { createNetwork, type Network } from './network';
import { DEFAULT_HYPER, type ModelConfig } from './types';

const cfg: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 3, hidden: [48, 24] };

function checkpointOf(net: Network): Checkpoint {
  return {
    format: 'vae-playground',
    version: 1,
    dataset: 'mnist',
    config: net.config,
    hyper: { ...DEFAULT_HYPER, beta: 2 },
    seed: 9,
    step: 1234,
    epoch: 2,
    createdAt: '2026-11-24T12:00:00.000Z',
    command: 'npm run train -- --latent 3',
    history: { steps: [1, 2], elbo: [-500, -400] },
    testMetrics: { elbo: -150, recon: 140, kl: 10, objective: 160 },
    weights: net.getWeights(),
  };
}

/** Decoded mean images and encoder outputs for fixed inputs: what "identical outputs" means. */
function outputs(net: Network): number[] {
  return tf.tidy(() => {
    const x = tf.randomUniform([4, 784], 0, 1, 'float32', 3) as tf.Tensor2D;
    const { mu, logvar } = net.encode(x);
    const means = tf.sigmoid(net.decode(tf.randomNormal([5, 3], 0, 1, 'float32', 4)));
    return [...mu.dataSync(), ...logvar!.dataSync(), ...means.dataSync()];
  });
}

/** Rewrites the JSON header and fixes the checksum, to make files that are well formed but wrong. */
function withHeader(buf: ArrayBuffer, edit: (h: Record<string, unknown>) => string): ArrayBuffer {
  const view = new DataView(buf);
  const headerLength = view.getUint32(8, true);
  const dataStart = Math.ceil((24 + headerLength) / 8) * 8;
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 24, headerLength)));
  const json = new TextEncoder().encode(edit(header));
  const newStart = Math.ceil((24 + json.length) / 8) * 8;
  const out = new Uint8Array(newStart + buf.byteLength - dataStart);
  out.set(new Uint8Array(buf, 0, 24));
  out.set(json, 24);
  out.set(new Uint8Array(buf, dataStart), newStart);
  const v = new DataView(out.buffer);
  v.setUint32(8, json.length, true);
  v.setUint32(16, crc32(out.subarray(24)), true);
  return out.buffer;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('checkpoint round trip', () => {
  it('restores identical outputs and every field from float32', () => {
    const net = createNetwork(cfg, 1);
    const ckpt = checkpointOf(net);
    const loaded = parseCheckpoint(serializeCheckpoint(ckpt));
    const { weights, ...meta } = loaded;
    const { weights: _w, ...expectedMeta } = ckpt;
    expect(meta).toEqual(expectedMeta);
    const restored = createNetwork(cfg, 2);
    expect(outputs(restored)).not.toEqual(outputs(net));
    restored.setWeights(weights);
    expect(outputs(restored)).toEqual(outputs(net));
    net.dispose();
    restored.dispose();
  });

  it('halves the size in float16 and stays within 1e-3', () => {
    const net = createNetwork(cfg, 1);
    const full = serializeCheckpoint(checkpointOf(net));
    const half = serializeCheckpoint(checkpointOf(net), { float16: true });
    expect(half.byteLength).toBeLessThan(full.byteLength * 0.55);
    const restored = createNetwork(cfg, 2);
    restored.setWeights(parseCheckpoint(half).weights);
    const a = outputs(net);
    const b = outputs(restored);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-3);
    net.dispose();
    restored.dispose();
  });

  it('round-trips an AE, which has no logvar tensors', () => {
    const net = createNetwork({ ...cfg, kind: 'ae' }, 1);
    const loaded = parseCheckpoint(serializeCheckpoint(checkpointOf(net)));
    expect(loaded.weights.logvar).toBeNull();
    expect(loaded.weights.decoder[2].W).toEqual(net.getWeights().decoder[2].W);
    net.dispose();
  });
});

describe('corrupted checkpoints', () => {
  const net = () => createNetwork(cfg, 1);
  const good = () => {
    const n = net();
    const buf = serializeCheckpoint(checkpointOf(n));
    n.dispose();
    return buf;
  };

  it('rejects a file that is not a checkpoint', () => {
    expect(() => parseCheckpoint(new TextEncoder().encode('{"format":"vae-playground"}').buffer)).toThrow(/not a VAE Playground checkpoint/);
    expect(() => parseCheckpoint(new ArrayBuffer(0))).toThrow(/bad magic/);
  });

  it('rejects truncated files and trailing bytes', () => {
    const buf = good();
    expect(() => parseCheckpoint(buf.slice(0, buf.byteLength - 100))).toThrow(/truncated: .* declares/);
    expect(() => parseCheckpoint(buf.slice(0, 12))).toThrow(/truncated/);
    const longer = new Uint8Array(buf.byteLength + 3);
    longer.set(new Uint8Array(buf));
    expect(() => parseCheckpoint(longer.buffer)).toThrow(/3 unexpected bytes/);
  });

  it('rejects a flipped byte in the header or the weights', () => {
    for (const at of [40, 9000]) {
      const bytes = new Uint8Array(good());
      bytes[at] ^= 0x20;
      expect(() => parseCheckpoint(bytes.buffer)).toThrow(/corrupted: the checksum/);
    }
  });

  it('rejects bad JSON, wrong shapes, unknown versions and files over the limit', () => {
    const buf = good();
    expect(() => parseCheckpoint(withHeader(buf, (h) => JSON.stringify(h).slice(0, -1)))).toThrow(/not valid JSON/);
    expect(() =>
      parseCheckpoint(withHeader(buf, (h) => JSON.stringify({ ...h, config: { ...cfg, latentDim: 5 } }))),
    ).toThrow(/mu\.W has shape \[24,3\], the config needs \[24,5\]/);
    expect(() =>
      parseCheckpoint(
        withHeader(buf, (h) => {
          const tensors = h.tensors as Array<{ shape: number[] }>;
          tensors[0].shape = [784, 47];
          return JSON.stringify(h);
        }),
      ),
    ).toThrow(/encoder\.0\.W has shape \[784,47\], the config needs \[784,48\]/);
    expect(() => parseCheckpoint(withHeader(buf, (h) => JSON.stringify({ ...h, version: 2 })))).toThrow(/unsupported version 2/);
    expect(() => parseCheckpoint(withHeader(buf, (h) => JSON.stringify({ ...h, hyper: { ...DEFAULT_HYPER, samples: 0 } })))).toThrow(
      /invalid hyperparameters: samples/,
    );
    expect(() => parseCheckpoint(buf, 1000)).toThrow(/too large/);
  });

  it('names each missing or wrong header field', () => {
    const buf = good();
    const edited = (edit: (h: Record<string, unknown>) => void) =>
      withHeader(buf, (h) => {
        edit(h);
        return JSON.stringify(h);
      });
    const cases: Array<[(h: Record<string, unknown>) => void, string]> = [
      [(h) => delete h.dataset, 'the header names no dataset'],
      [(h) => (h.seed = 'one'), 'the header has no valid seed'],
      [(h) => delete h.step, 'the header has no valid step'],
      [(h) => (h.epoch = null), 'the header has no valid epoch'],
      [(h) => (h.step = -1), 'step must be a non-negative integer, got -1'],
      [(h) => (h.epoch = 1.5), 'epoch must be a non-negative integer, got 1.5'],
      [(h) => delete h.createdAt, 'the header has no createdAt'],
      [(h) => (h.config = null), 'the header has no model config'],
      [(h) => (h.config = 'vae'), 'the header has no model config'],
      [(h) => (h.config = { ...cfg, inputDim: 1000 }), 'invalid model config: inputDim must be'],
      [(h) => delete h.hyper, 'the header has no hyperparameters'],
      [(h) => (h.hyper = 3), 'the header has no hyperparameters'],
    ];
    for (const [edit, message] of cases) {
      let thrown: unknown;
      try {
        parseCheckpoint(edited(edit));
      } catch (e) {
        thrown = e;
      }
      expect(thrown, message).toBeInstanceOf(CheckpointError);
      expect((thrown as Error).name).toBe('CheckpointError');
      expect((thrown as Error).message).toContain(message);
    }
    // Step 0 and epoch 0 are valid (a checkpoint of new weights).
    expect(parseCheckpoint(edited((h) => ((h.step = 0), (h.epoch = 0)))).step).toBe(0);
  });

  it('rejects NaN weights', () => {
    const n = net();
    const ckpt = checkpointOf(n);
    ckpt.weights.decoder[1].b[3] = NaN;
    expect(() => parseCheckpoint(serializeCheckpoint(ckpt))).toThrow(/decoder\.1\.b contains NaN/);
    n.dispose();
  });

  it('refuses to save weights that do not match the config', () => {
    const n = net();
    expect(() => serializeCheckpoint({ ...checkpointOf(n), config: { ...cfg, latentDim: 4 } })).toThrow(/do not match/);
    n.dispose();
  });
});

describe('float16', () => {
  it('round-trips exactly representable values and rounds to nearest', () => {
    for (const v of [0, -0, 1, -2.5, 65504, 2 ** -14, 2 ** -24, 0.0999755859375]) {
      expect(fromFloat16Bits(toFloat16Bits(v))).toBe(v);
    }
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to even
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(fromFloat16Bits(toFloat16Bits(70000))).toBe(Infinity);
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN)))).toBe(true);
    // Saving as float16: the largest half (65504) is kept; a weight beyond it is refused by name, not saved as ∞.
    const small = createNetwork({ kind: 'ae', inputDim: 784, latentDim: 2, hidden: [8] }, 1);
    const w = small.getWeights();
    w.mu.b[1] = -65504;
    small.setWeights(w);
    expect(parseCheckpoint(serializeCheckpoint(checkpointOf(small), { float16: true })).weights.mu.b[1]).toBe(-65504);
    w.mu.b[1] = -65520;
    small.setWeights(w);
    expect(() => serializeCheckpoint(checkpointOf(small), { float16: true })).toThrow(
      new CheckpointError('mu.b has a value beyond float16 range; save as float32'),
    );
    small.dispose();
    for (let i = 0; i < 1000; i++) {
      const v = Math.sin(i) * 4;
      expect(Math.abs(fromFloat16Bits(toFloat16Bits(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11);
    }
  });
});

describe('the architecture in a checkpoint', () => {
  const conv: ModelConfig = { arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] };

  it('records a conv network and restores it: its conv layers, shapes and outputs', () => {
    const net = createNetwork(conv, 1);
    const buf = serializeCheckpoint(checkpointOf(net));
    const loaded = parseCheckpoint(buf);
    expect(loaded.config.arch).toBe('conv');
    expect(loaded.weights.encoder[0]).toMatchObject({ op: 'conv', inChannels: 1, outChannels: 32, inSide: 28, outSide: 14 });
    expect(loaded.weights.decoder[3]).toMatchObject({ op: 'convT', inChannels: 32, outChannels: 1, stride: 1 });
    const table = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 24, new DataView(buf).getUint32(8, true)))).tensors;
    expect(table.slice(0, 2).map((t: { name: string; shape: number[] }) => [t.name, t.shape])).toEqual([['encoder.0.W', [3, 3, 1, 32]], ['encoder.0.b', [32]]]);
    const restored = createNetwork(conv, 2);
    restored.setWeights(loaded.weights);
    expect(restored.getWeights()).toEqual(net.getWeights());
    // float16 keeps the layers too.
    expect(parseCheckpoint(serializeCheckpoint(checkpointOf(net), { float16: true })).weights.decoder[1]).toMatchObject({ op: 'convT', inSide: 7, outSide: 14 });
    net.dispose();
    restored.dispose();
  });

  it('reads a checkpoint without an architecture (from before the conv network) as an MLP', () => {
    const net = createNetwork(cfg, 1);
    const buf = serializeCheckpoint(checkpointOf(net));
    const header = new TextDecoder().decode(new Uint8Array(buf, 24, new DataView(buf).getUint32(8, true)));
    expect(header).not.toContain('"arch"');
    const loaded = parseCheckpoint(buf);
    expect(loaded.config.arch ?? 'mlp').toBe('mlp');
    expect(loaded.weights.encoder.map((l) => 'inDim' in l && [l.inDim, l.outDim])).toEqual([[784, 48], [48, 24]]);
    net.dispose();
  });

  it('refuses an architecture this version does not know, by name, and a conv header over MLP tensors', () => {
    const net = createNetwork(cfg, 1);
    const buf = serializeCheckpoint(checkpointOf(net));
    const unknown = withHeader(buf, (h) => JSON.stringify({ ...h, config: { ...(h.config as object), arch: 'transformer' } }));
    expect(() => parseCheckpoint(unknown)).toThrow(CheckpointError);
    expect(() => parseCheckpoint(unknown)).toThrow(/architecture "transformer" is unknown to this version \(it knows mlp and conv\); nothing was loaded/);
    const relabelled = withHeader(buf, (h) => JSON.stringify({ ...h, config: { ...(h.config as object), arch: 'conv' } }));
    expect(() => parseCheckpoint(relabelled)).toThrow(CheckpointError);
    net.dispose();
  });
});
