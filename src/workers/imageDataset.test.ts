// The user's images reach the training worker and are trained on like a built-in dataset; a
// malformed payload is refused and the current model goes on. Node, CPU backend.
import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '../data/imageImport/types';
import { imageInfo, imageSplits, withImageInfo } from '../shared/imageDataset';
import { reconIndices } from './trainingData';
import { cpuController, mnistConfig } from './controllerFixtures';
import { WorkerError } from '../shared/workerErrors';

const config = mnistConfig({ batchSize: 8 });

function images(train: number, test: number, classes = ['a', 'b', 'c']): ImageDataset {
  const split = (count: number, fill: number) => ({
    count,
    pixels: new Uint8Array(count * 784).map((_, i) => ((i % 28) * fill) % 256),
    labels: Uint8Array.from({ length: count }, (_, i) => i % classes.length),
  });
  return { title: 'my digits', classes, train: split(train, 9), test: split(test, 5) };
}

describe('imageSplits', () => {
  it('wraps well-formed images as the custom dataset', () => {
    const s = imageSplits(images(12, 3));
    expect(s.dataset).toBe('custom');
    expect(s.train).toMatchObject({ dataset: 'custom', split: 'train', count: 12, height: 28, width: 28 });
    expect(s.test.labels).toHaveLength(3);
  });

  it('refuses empty splits, wrong sizes and labels without a class', () => {
    const bad: ImageDataset[] = [
      { ...images(4, 1), test: { count: 0, pixels: new Uint8Array(0), labels: new Uint8Array(0) } },
      { ...images(4, 1), train: { ...images(4, 1).train, pixels: new Uint8Array(100) } },
      { ...images(4, 1), classes: ['only'] },
      { ...images(4, 1), classes: [] },
    ];
    for (const b of bad) expect(() => imageSplits(b)).toThrow(WorkerError);
  });

  it('adds (or replaces) the manifest entry that names the classes', () => {
    const info = imageInfo(images(12, 3));
    expect(info).toMatchObject({ name: 'custom', title: 'my digits', classes: ['a', 'b', 'c'], shape: [28, 28] });
    expect(info.splits.test.count).toBe(3);
    const manifest = withImageInfo(withImageInfo({ version: 1, datasets: [] }, { ...info, title: 'old' }), info);
    expect(manifest.datasets.map((d) => d.title)).toEqual(['my digits']);
    expect(withImageInfo(manifest, null).datasets).toEqual([]);
  });
});

describe('reconIndices', () => {
  it('takes one of each class first, then fills the strip in order', () => {
    expect(reconIndices(new Uint8Array([3, 3, 1, 3, 0, 1, 2]), 3)).toEqual([0, 2, 4]);
    expect(reconIndices(new Uint8Array([5, 5, 5, 5]), 3)).toEqual([0, 1, 2]);
    expect(reconIndices(new Uint8Array([1, 1, 0]), 8)).toEqual([0, 2, 1]);
  });
});

describe('TrainerController with the user’s images', () => {
  it('trains on them, answers with "loaded" at step 0, and keeps the model when a payload is bad', async () => {
    const { controller, sent, init, idle } = cpuController({ train: 64, test: 32 });
    const drain = () => idle(1000);
    await init(config);
    await drain();
    sent.length = 0;

    await controller.handle({ type: 'useImages', id: 1, config, images: images(20, 6) });
    const loaded = sent.find((m) => m.type === 'loaded');
    expect(loaded).toMatchObject({ id: 1, step: 0, config: { dataset: 'custom' } });
    await controller.handle({ type: 'step', chunks: 2 });
    await drain();
    const latent = sent.filter((m) => m.type === 'latent').at(-1);
    expect(latent).toMatchObject({ count: 6 });
    const steps = sent.flatMap((m) => (m.type === 'metrics' ? [m.step] : []));
    expect(Math.max(...steps)).toBeGreaterThan(0);

    sent.length = 0;
    await controller.handle({ type: 'useImages', id: 2, config, images: { ...images(20, 6), classes: ['x'] } });
    const error = sent.find((m) => m.type === 'error');
    expect(error).toMatchObject({ id: 2, code: 'dataset', recoverable: true });
    expect(sent.some((m) => m.type === 'loaded')).toBe(false);
    // The model on the earlier images still trains, and a reset keeps those images.
    await controller.handle({ type: 'reset', config: { ...config, dataset: 'custom' } });
    await controller.handle({ type: 'step', chunks: 1 });
    await drain();
    expect(sent.filter((m) => m.type === 'latent').at(-1)).toMatchObject({ count: 6 });
    expect(sent.filter((m) => m.type === 'error')).toHaveLength(1);
  });

  it('refuses the custom dataset before any images were sent', async () => {
    const { controller, sent, init } = cpuController({ train: 64, test: 32 });
    await init(config);
    sent.length = 0;
    await controller.handle({ type: 'reset', config: { ...config, dataset: 'custom' } });
    expect(sent.find((m) => m.type === 'error')?.message).toMatch(/no images of your own/);
  });

  it('starts on them when a (restarted) worker gets them with its init', async () => {
    const { sent, init, idle } = cpuController({ train: 64, test: 32 });
    await init({ ...config, dataset: 'custom' }, { images: images(10, 4) });
    expect(sent.find((m) => m.type === 'error')).toBeUndefined();
    expect(sent.find((m) => m.type === 'ready')).toMatchObject({ config: { dataset: 'custom' } });
    await idle(100);
    expect(sent.filter((m) => m.type === 'latent').at(-1)).toMatchObject({ count: 4 });
  });
});
