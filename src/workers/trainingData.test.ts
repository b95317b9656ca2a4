import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../data';
import { syntheticSource } from './syntheticDataset';
import { downloadDataset, firstOfEachClass } from './trainingData';

describe('firstOfEachClass', () => {
  it('picks the first index of each new class, in order of appearance, up to the count', () => {
    expect(firstOfEachClass(new Uint8Array([3, 3, 1, 3, 0, 1, 2]), 3)).toEqual([0, 2, 4]);
    expect(firstOfEachClass(new Uint8Array([5, 5, 5]), 8)).toEqual([0]);
  });
});

type Seen = Array<{ loaded: number; total: number }>;

async function download(decodedBytes: boolean): Promise<{ seen: Seen; gzTotal: number }> {
  // Reports in 64 KB steps, like a fetch body stream.
  const chunked = (file: string, bytes: Uint8Array, onProgress: (p: LoadProgress) => void) => {
    const counted = decodedBytes ? bytes.length : Math.ceil(bytes.length / 4);
    for (let at = 0; at < counted; at += 65_536) onProgress({ file, loaded: at, total: counted });
  };
  const { source, manifest } = syntheticSource(3000, 500, chunked);
  // Pretend the files are gzipped 4:1, as the real ones roughly are.
  for (const ds of manifest.datasets) {
    for (const sp of Object.values(ds.splits)) {
      sp.imagesGzBytes = Math.ceil(sp.imagesBytes / 4);
      sp.labelsGzBytes = Math.ceil(sp.labelsBytes / 4);
    }
  }
  const mnist = manifest.datasets[0]!.splits;
  const gzTotal = mnist.train.imagesGzBytes + mnist.train.labelsGzBytes + mnist.test.imagesGzBytes + mnist.test.labelsGzBytes;
  const seen: Seen = [];
  const splits = await downloadDataset(source, manifest, 'mnist', (stage, loaded, total) => {
    expect(stage).toBe('download');
    seen.push({ loaded, total });
  });
  expect([splits.train.count, splits.test.count]).toEqual([3000, 500]);
  return { seen, gzTotal };
}

describe('downloadDataset progress', () => {
  for (const decoded of [false, true]) {
    it(`counts compressed bytes over all four files, rising, throttled (${decoded ? 'server decoded the gzip' : 'gzip bytes'})`, async () => {
      const { seen, gzTotal } = await download(decoded);
      expect(seen.every((p) => p.total === gzTotal)).toBe(true);
      expect(seen.every((p, i) => i === 0 || p.loaded > seen[i - 1]!.loaded)).toBe(true);
      expect(seen.at(-1)!.loaded).toBe(gzTotal);
      expect(seen.slice(0, -1).every((p) => p.loaded < gzTotal)).toBe(true);
      expect(seen.length).toBeLessThanOrEqual(1001);
      // The bar moves through the download, not only at its end.
      expect(seen.filter((p) => p.loaded > gzTotal / 2).length).toBeGreaterThan(1);
    });
  }
});
