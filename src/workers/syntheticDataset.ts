// A tiny in-memory dataset in the real file format, for the worker's tests in Node.

import type { DataSource, DatasetName, LoadProgress, Manifest } from '../data';

function file(kind: 1 | 2, count: number, side: number, fill: (i: number) => number): Uint8Array {
  const bytes = new Uint8Array(24 + count * side * side);
  bytes.set([86, 65, 69, 80]); // "VAEP"
  const v = new DataView(bytes.buffer);
  [1, kind, count, side, side].forEach((x, k) => v.setUint32(4 + 4 * k, x, true));
  for (let i = 24; i < bytes.length; i++) bytes[i] = fill(i - 24);
  return bytes;
}

/**
 * MNIST-shaped datasets ('mnist' and 'fashion') of `train` and `test` images, served from
 * memory. Each class is a brightness band, so a network has something to learn. `chunked`,
 * when given, reports each read's progress in steps before the final report.
 */
export function syntheticSource(
  train: number,
  test: number,
  chunked?: (file: string, bytes: Uint8Array, onProgress: (p: LoadProgress) => void) => void,
): { source: DataSource; manifest: Manifest } {
  const files = new Map<string, Uint8Array>();
  const datasets = (['mnist', 'fashion'] as DatasetName[]).map((name, d) => {
    const split = (s: 'train' | 'test', count: number) => {
      const images = `${name}/${s}-images.u8`;
      const labels = `${name}/${s}-labels.u8`;
      // Each class a different brightness band, so there is something to learn.
      files.set(labels, file(2, count, 1, (i) => (i * 7 + d) % 10));
      files.set(images, file(1, count, 28, (i) => (((Math.floor(i / 784) * 7 + d) % 10) * 25 + (i % 13)) & 255));
      const bytes = (f: string) => files.get(f)!.length;
      return { count, images, labels, imagesBytes: bytes(images), labelsBytes: bytes(labels), imagesGzBytes: bytes(images), labelsGzBytes: bytes(labels) };
    };
    return {
      name,
      title: name.toUpperCase(),
      classes: Array.from({ length: 10 }, (_, k) => String(k)),
      shape: [28, 28] as [number, number],
      splits: { train: split('train', train), test: split('test', test) },
      source: 'synthetic',
      licence: 'none',
      splitNote: 'synthetic',
    };
  });
  const manifest: Manifest = { version: 1, datasets };
  const source: DataSource = {
    describe: 'memory',
    async read(name, onProgress) {
      const bytes = files.get(name);
      if (!bytes) throw new Error(`no file ${name}`);
      if (chunked && onProgress) chunked(name, bytes, onProgress);
      onProgress?.({ file: name, loaded: bytes.length, total: bytes.length });
      return bytes;
    },
    async readText(name) {
      if (name !== 'manifest.json') throw new Error(`no file ${name}`);
      return JSON.stringify(manifest);
    },
  };
  return { source, manifest };
}
