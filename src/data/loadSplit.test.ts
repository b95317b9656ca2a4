// Damaged copies of the real MNIST test files in a temp folder: every error names its file.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildDatasets, datasetsDir } from './builtDatasets';
import { fsSource } from './fsSource';
import { loadManifest, loadSplit } from './index';
import type { Manifest } from './index';
import { parseManifest } from './manifest';

const IMAGES = 'mnist/test-images.u8.gz';
const LABELS = 'mnist/test-labels.u8.gz';
const dirs: string[] = [];
let manifest: Manifest;

beforeAll(async () => {
  buildDatasets();
  manifest = await loadManifest(fsSource(datasetsDir));
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A temp copy of the MNIST test split with `file` replaced by `write(original uncompressed bytes)`. */
function damaged(file: string, change: (raw: Buffer) => Buffer, gzip = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'vae-data-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'mnist'));
  for (const f of ['manifest.json', IMAGES, LABELS]) copyFileSync(join(datasetsDir, f), join(dir, f));
  const changed = change(gunzipSync(readFileSync(join(datasetsDir, file))));
  writeFileSync(join(dir, file), gzip ? gzipSync(changed, { level: 1 }) : changed);
  return dir;
}

function loadFrom(dir: string) {
  return loadSplit(fsSource(dir), manifest, 'mnist', 'test');
}

describe('loadSplit rejects damaged files, naming them', () => {
  it('loads the intact copy', async () => {
    const split = await loadFrom(damaged(IMAGES, (raw) => raw));
    expect(split.count).toBe(10_000);
    expect(split.labels[0]).toBe(7);
  });

  it('a truncated file', async () => {
    await expect(loadFrom(damaged(IMAGES, (raw) => raw.subarray(0, 1234)))).rejects.toThrow(
      'mnist/test-images.u8.gz: truncated: expected 7840024 bytes, got 1234',
    );
  });

  it('a file with bytes after the data', async () => {
    await expect(loadFrom(damaged(LABELS, (raw) => Buffer.concat([raw, Buffer.of(1)])))).rejects.toThrow(
      'mnist/test-labels.u8.gz: too long: expected 10024 bytes, got 10025',
    );
  });

  it('a wrong magic', async () => {
    const change = (raw: Buffer) => Buffer.concat([Buffer.from('IDX3'), raw.subarray(4)]);
    await expect(loadFrom(damaged(IMAGES, change))).rejects.toThrow(/^mnist\/test-images\.u8\.gz: not a dataset file: magic is "IDX3"/);
  });

  it('a wrong count', async () => {
    const change = (raw: Buffer) => {
      const copy = Buffer.from(raw);
      copy.writeUInt32LE(9999, 12);
      return copy;
    };
    await expect(loadFrom(damaged(LABELS, change))).rejects.toThrow(
      'mnist/test-labels.u8.gz: header count is 9999, the manifest says 10000',
    );
  });

  it('labels swapped for images (wrong kind)', async () => {
    const dir = damaged(IMAGES, (raw) => raw);
    copyFileSync(join(datasetsDir, LABELS), join(dir, IMAGES));
    await expect(loadFrom(dir)).rejects.toThrow(/^mnist\/test-images\.u8\.gz: kind code 2, expected 1 \(images\)/);
  });

  it('a label outside the classes', async () => {
    const change = (raw: Buffer) => {
      const copy = Buffer.from(raw);
      copy[24 + 17] = 10;
      return copy;
    };
    await expect(loadFrom(damaged(LABELS, change))).rejects.toThrow(
      'mnist/test-labels.u8.gz: label 10 at index 17 is out of range (10 classes)',
    );
  });

  it('broken gzip', async () => {
    const dir = damaged(IMAGES, (raw) => raw);
    const gz = readFileSync(join(datasetsDir, IMAGES));
    writeFileSync(join(dir, IMAGES), gz.subarray(0, 5000));
    await expect(loadFrom(dir)).rejects.toThrow(/^mnist\/test-images\.u8\.gz: not valid gzip data/);
  });

  it('a missing file', async () => {
    const dir = damaged(IMAGES, (raw) => raw);
    rmSync(join(dir, LABELS));
    await expect(loadFrom(dir)).rejects.toThrow(/^mnist\/test-labels\.u8\.gz: cannot read .*ENOENT/);
  });

  it('a manifest that disagrees with the file', async () => {
    const wrong = structuredClone(manifest);
    const test = wrong.datasets[0].splits.test;
    test.count = 10_001;
    test.imagesBytes += 784;
    await expect(loadSplit(fsSource(datasetsDir), wrong, 'mnist', 'test')).rejects.toThrow(
      'mnist/test-images.u8.gz: header count is 10000, the manifest says 10001',
    );
  });
});

describe('loadManifest', () => {
  const good = () => JSON.parse(readFileSync(join(datasetsDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  it('names the field that is wrong', () => {
    const m = good() as { datasets: { splits: { test: { count: unknown } } }[] };
    m.datasets[1].splits.test.count = '10000';
    expect(() => parseManifest(m)).toThrow('manifest.json: datasets[1].splits.test.count: expected an integer ≥ 1');
  });

  it('rejects another manifest version and an unknown dataset', () => {
    expect(() => parseManifest({ ...good(), version: 2 })).toThrow(/^manifest\.json: version: expected 1, got 2/);
    const m = good() as { datasets: { name: string }[] };
    m.datasets[0].name = 'cifar';
    expect(() => parseManifest(m)).toThrow('manifest.json: datasets[0].name: expected one of mnist, fashion');
  });

  it('rejects a file that is not JSON', async () => {
    const dir = damaged(IMAGES, (raw) => raw);
    writeFileSync(join(dir, 'manifest.json'), '<!doctype html>');
    await expect(loadManifest(fsSource(dir))).rejects.toThrow(/^manifest\.json: not valid JSON/);
  });
});
