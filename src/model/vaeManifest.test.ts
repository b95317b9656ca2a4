// vae.json for each input size: a 32×32 Shapes model exports with its own shape and notes and
// reads back; a manifest whose shape, size and dataset disagree is refused, saying which.
import { describe, expect, it } from 'vitest';
import { checkpointFromTorch, exportForTorch } from './torchExport';
import { smallCheckpoint, SMALL_VAE } from './importFixtures';
import { buildManifest, parseManifest, type ModelManifest } from './vaeManifest';
import { DEFAULT_HYPER, type ModelConfig } from './types';

const SHAPES_VAE: ModelConfig = { ...SMALL_VAE, inputDim: 1024, latentDim: 6 };
const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
const meta = (config: ModelConfig, dataset: string): ModelManifest => ({
  producer: 'vae-playground', playgroundVersion: '0.1.0', config, hyper: DEFAULT_HYPER, dataset, seed: 1, step: 10, epoch: 1,
  createdAt: '2026-01-02T03:04:05.000Z',
});

describe('vae.json and the input size', () => {
  it('writes a 28×28 model as before', () => {
    const m = buildManifest(meta(SMALL_VAE, 'mnist')) as Record<string, any>;
    expect(m.model.inputShape).toEqual([1, 28, 28]);
    expect(m.data.flatten).toBe('row-major 28×28 → 784');
    expect(m.notes[2]).toBe('Input: the 28×28 image flattened row-major to 784 values x = intensity / 255 in [0, 1], not binarized.');
  });

  it('writes a Shapes model as 32×32 → 1024 and reads it back', () => {
    const m = buildManifest(meta(SHAPES_VAE, 'shapes')) as Record<string, any>;
    expect(m.model.inputShape).toEqual([1, 32, 32]);
    expect(m.model.inputDim).toBe(1024);
    expect(m.model.layers[0]).toMatchObject({ name: 'encoder.0', in: 1024 });
    expect(m.data.flatten).toBe('row-major 32×32 → 1024');
    expect(m.notes[2]).toBe('Input: the 32×32 image flattened row-major to 1024 values x = intensity / 255 in [0, 1], not binarized.');
    const back = parseManifest(enc(m));
    expect(back.config).toEqual(SHAPES_VAE);
    expect(back.dataset).toBe('shapes');
  });

  it('round-trips a Shapes checkpoint through the PyTorch pair', () => {
    const c = smallCheckpoint(SHAPES_VAE, { dataset: 'shapes' });
    const out = exportForTorch(c, '0.1.0');
    const back = checkpointFromTorch(new TextEncoder().encode(out.manifest), out.safetensors);
    expect(back.checkpoint.config).toEqual(SHAPES_VAE);
    expect(back.checkpoint.dataset).toBe('shapes');
    expect(Array.from(back.checkpoint.weights.encoder[0].W)).toEqual(Array.from(c.weights.encoder[0].W));
  });

  it('refuses a shape that disagrees with inputDim, an unknown size, and a dataset of the other size', () => {
    const good = () => buildManifest(meta(SHAPES_VAE, 'shapes')) as Record<string, any>;
    const edited = (edit: (m: Record<string, any>) => void) => {
      const m = good();
      edit(m);
      return () => parseManifest(enc(m));
    };
    expect(edited((m) => { m.model.inputShape = [1, 28, 28]; })).toThrow(/inputShape must be \[1, 32, 32\] \(32×32 grayscale, inputDim 1024\), got \[1,28,28\]/);
    expect(edited((m) => { m.model.inputDim = 1000; })).toThrow(/inputDim must be 784 \(28×28 images\) or 1024 \(32×32 images\), got 1000/);
    expect(edited((m) => { m.data.dataset = 'mnist'; })).toThrow(/data\.dataset "mnist": the model takes 1024 inputs but mnist images are 28×28 = 784 pixels/);
    expect(() => buildManifest(meta({ ...SHAPES_VAE, inputDim: 1000 }, 'shapes'))).toThrow(/inputDim must be/);
  });
});
