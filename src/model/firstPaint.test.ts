import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from './checkpoint';
import { crc32 } from './crc32';
import { parseFirstPaint, serializeFirstPaint, type FirstPaint } from './firstPaint';
import { gptqDecoder } from './gptq';
import { decodeMeans } from './mlp';
import { parsePretrainedIndex } from './pretrainedIndex';
import { DEFAULT_HYPER, denseOnly, type DenseWeights, type ModelConfig } from './types';

const cfg: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [32, 16] };

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function layer(inDim: number, outDim: number, random: () => number): DenseWeights {
  return {
    inDim,
    outDim,
    W: Float32Array.from({ length: inDim * outDim }, () => random() / Math.sqrt(inDim) * 3),
    b: Float32Array.from({ length: outDim }, () => random() * 0.1),
  };
}

function sample(config: ModelConfig = cfg): FirstPaint {
  const random = seeded(7);
  const dims = [config.latentDim, ...[...config.hidden].reverse(), config.inputDim];
  const count = 300;
  return {
    id: 'test-model',
    dataset: 'mnist',
    config,
    hyper: DEFAULT_HYPER,
    seed: 3,
    step: 99,
    epoch: 1,
    command: 'npm run train -- --epochs 1',
    testMetrics: { elbo: -150, recon: 145, kl: 5, objective: 150 },
    decoder: dims.slice(1).map((d, i) => layer(dims[i], d, random)),
    count,
    mu: Float32Array.from({ length: count * config.latentDim }, () => random() * 6),
    logvar: config.kind === 'vae' ? Float32Array.from({ length: count * config.latentDim }, () => random() * 4 - 2) : null,
    labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
  };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Rewrites the JSON header and fixes the checksum: well-formed files that are wrong inside. */
function withHeader(buf: ArrayBuffer, edit: (h: Record<string, unknown>) => void): ArrayBuffer {
  const view = new DataView(buf);
  const headerLength = view.getUint32(8, true);
  const dataStart = Math.ceil((24 + headerLength) / 8) * 8;
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 24, headerLength))) as Record<string, unknown>;
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
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

describe('first-paint file', () => {
  it('round-trips a float16 decoder, the codes, the labels and the description', () => {
    const fp = sample();
    const back = parseFirstPaint(serializeFirstPaint(fp));
    expect(back).toMatchObject({ id: fp.id, dataset: 'mnist', config: cfg, hyper: DEFAULT_HYPER, seed: 3, step: 99, epoch: 1, count: 300 });
    expect(back.command).toBe(fp.command);
    expect(back.testMetrics).toEqual(fp.testMetrics);
    expect(back.labels).toEqual(fp.labels);
    expect(maxDiff(back.mu, fp.mu)).toBeLessThan(3e-3);
    expect(maxDiff(back.logvar as Float32Array, fp.logvar as Float32Array)).toBeLessThan(3e-3);
    back.decoder.forEach((l, k) => {
      expect(maxDiff(l.W, fp.decoder[k].W)).toBeLessThan(1e-3);
      expect(l.b).toEqual(fp.decoder[k].b);
    });
  });

  it('stores GPTQ int8 layers in one byte a weight (plus a scale a column), decoding within 0.02 of float32', () => {
    const fp = sample();
    const z = fp.mu;
    const quantized = gptqDecoder(denseOnly(fp.decoder, 'GPTQ'), z, fp.count);
    expect(quantized[0]).toBeNull();
    const bytes = serializeFirstPaint(fp, quantized);
    const float16Bytes = serializeFirstPaint(fp).byteLength;
    const saved = denseOnly(fp.decoder, 'GPTQ').slice(1).reduce((s, l) => s + l.inDim * l.outDim - 4 * l.outDim, 0);
    expect(float16Bytes - bytes.byteLength).toBeGreaterThanOrEqual(saved - 256); // the header lists the scales too
    const back = parseFirstPaint(bytes);
    const diff = maxDiff(decodeMeans(back, z, fp.count), decodeMeans(fp, z, fp.count));
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThan(0.02);
  });

  it('has no log σ² for an AE, and refuses one that claims to', () => {
    const ae = sample({ ...cfg, kind: 'ae' });
    expect(parseFirstPaint(serializeFirstPaint(ae)).logvar).toBeNull();
    expect(() => serializeFirstPaint({ ...ae, logvar: new Float32Array(ae.count * 2) })).toThrow(/absent for an AE/);
  });

  it('says what is wrong with a damaged or foreign file', () => {
    const good = serializeFirstPaint(sample());
    expect(() => parseFirstPaint(new TextEncoder().encode('not a first paint').buffer)).toThrow(/bad magic/);
    expect(() => parseFirstPaint(good.slice(0, good.byteLength - 10))).toThrow(/truncated/);
    expect(() => parseFirstPaint(good.slice(0, 12))).toThrow(/truncated/);
    const longer = new Uint8Array(good.byteLength + 4);
    longer.set(new Uint8Array(good));
    expect(() => parseFirstPaint(longer.buffer)).toThrow(/unexpected bytes/);
    const flipped = new Uint8Array(good.slice(0));
    flipped[flipped.length - 5] ^= 0xff;
    expect(() => parseFirstPaint(flipped.buffer)).toThrow(/checksum/);
    expect(() => parseFirstPaint(withHeader(good, (h) => (h.version = 2)))).toThrow(/unsupported version 2/);
    expect(() => parseFirstPaint(withHeader(good, (h) => (h.config = { ...cfg, latentDim: 0 })))).toThrow(/latentDim/);
    expect(() => parseFirstPaint(withHeader(good, (h) => (h.count = 301)))).toThrow(/latent\.mu has shape/);
    expect(() => parseFirstPaint(withHeader(good, (h) => (h.tensors = (h.tensors as unknown[]).slice(1))))).toThrow(/tensors/);
    expect(() => parseFirstPaint(withHeader(good, (h) => delete h.hyper))).toThrow(/hyperparameters/);
  });
});

describe('the shipped pretrained models', () => {
  const dir = join(process.cwd(), 'public/pretrained');
  const read = (file: string) => {
    const b = readFileSync(join(dir, file));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  };
  const index = parsePretrainedIndex(JSON.parse(new TextDecoder().decode(read('index.json'))));

  it('lists MNIST VAE, MNIST AE, Fashion-MNIST VAE, the three Shapes VAEs (β = 1, β = 4, capacity) and the MNIST conv VAE, the MNIST VAE first and by default', () => {
    expect(index.models.map((m) => m.title)).toEqual(['MNIST VAE 2-D', 'MNIST AE 2-D', 'Fashion-MNIST VAE 2-D', 'Shapes VAE 6-D β = 1', 'Shapes VAE 6-D β = 4', 'Shapes VAE 6-D capacity C max = 10', 'MNIST conv VAE 2-D']);
    expect(index.default).toBe(index.models[0].id);
    for (const m of index.models) expect(m.command).toMatch(/^npm run train -- .*--seed \d+/);
  });

  it.each(index.models.map((m) => [m.id, m] as const))('%s: decodes within 0.02 of its checkpoint, and matches it', (_id, entry) => {
    const ckpt = parseCheckpoint(read(entry.files.checkpoint));
    const fp = parseFirstPaint(read(entry.files.firstPaint));
    expect(read(entry.files.firstPaint).byteLength).toBe(entry.bytes.firstPaint);
    expect(fp).toMatchObject({ id: entry.id, dataset: ckpt.dataset, config: ckpt.config, hyper: ckpt.hyper, step: ckpt.step, seed: ckpt.seed });
    expect(entry).toMatchObject({ step: ckpt.step, seed: ckpt.seed, command: ckpt.command, model: ckpt.config.kind });
    expect(fp.count).toBe(10_000);
    // Where the test codes lie (the first 200), and the prior's 3σ box.
    const dim = fp.config.latentDim;
    const z = Float32Array.from([...fp.mu.subarray(0, 200 * dim), ...Array.from({ length: 49 * dim }, (_, i) => (i % 7) - 3)]);
    const n = z.length / dim;
    expect(maxDiff(decodeMeans(fp, z, n), decodeMeans(ckpt.weights, z, n))).toBeLessThan(0.02);
  });
});
