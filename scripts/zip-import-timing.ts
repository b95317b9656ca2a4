// Times "Your images" on a real zip: 400 MNIST test digits written as 112 × 112 PNGs in class
// folders and packed by Info-ZIP's `zip` (the tool most people's zips come from), then read
// with the import's own functions: every entry listed and unpacked (the zip reader alone),
// and the whole import with a Node PNG decoder standing in for the browser's.
// Usage: npx tsx scripts/zip-import-timing.ts [--runs 15]   (needs `zip` on the PATH)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync, gunzipSync } from 'node:zlib';
import { importImages, type Decoder } from '../src/data/imageImport/importImages';
import { encodePng } from '../src/data/imageImport/testFixtures';
import { IMAGE_PIXELS } from '../src/data/imageImport/types';
import { listZipEntries, readZipEntry } from '../src/data/imageImport/zipReader';

const COUNT = 400;
const SCALE = 4;
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 15;

function buildZip(): Uint8Array {
  const images = gunzipSync(readFileSync('public/datasets/mnist/test-images.u8.gz')).subarray(24);
  const labels = gunzipSync(readFileSync('public/datasets/mnist/test-labels.u8.gz')).subarray(24);
  const dir = mkdtempSync(join(tmpdir(), 'zip-timing-'));
  for (let i = 0; i < COUNT; i++) {
    const size = 28 * SCALE;
    const png = encodePng(size, size, (x, y) => {
      const v = 255 - images[i * IMAGE_PIXELS + Math.floor(y / SCALE) * 28 + Math.floor(x / SCALE)];
      return [v, v, v, 255];
    });
    mkdirSync(join(dir, 'digits', String(labels[i])), { recursive: true });
    writeFileSync(join(dir, 'digits', String(labels[i]), `${i}.png`), png);
  }
  execFileSync('zip', ['-q', '-r', 'digits.zip', 'digits'], { cwd: dir });
  const zip = new Uint8Array(readFileSync(join(dir, 'digits.zip')));
  rmSync(dir, { recursive: true });
  return zip;
}

/** Decodes encodePng's files (one IDAT, filter 0) by nearest neighbour, as the test decoder does. */
const decoder: Decoder = {
  async open(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    const raw = inflateSync(bytes.subarray(41, 41 + view.getUint32(33)));
    return {
      width,
      height,
      fitted(sx, sy, sw, sh, rect) {
        const out = new Uint8ClampedArray(IMAGE_PIXELS * 4);
        for (let y = 0; y < rect.height; y++) {
          for (let x = 0; x < rect.width; x++) {
            const px = sx + Math.floor(((x + 0.5) * sw) / rect.width);
            const py = sy + Math.floor(((y + 0.5) * sh) / rect.height);
            const at = py * (1 + 4 * width) + 1 + 4 * px;
            out.set(raw.subarray(at, at + 4), 4 * ((rect.y + y) * 28 + rect.x + x));
          }
        }
        return out;
      },
      close() {},
    };
  },
};

/** Median and fastest of RUNS timed runs after one warm-up (the fastest is the least disturbed on a shared machine). */
async function timed(work: () => Promise<unknown>): Promise<{ medianMs: number; minMs: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Number(times[Math.floor(RUNS / 2)].toFixed(2)), minMs: Number(times[0].toFixed(2)) };
}

const zip = buildZip();
const entries = listZipEntries(zip);
const readAll = async () => {
  let bytes = 0;
  for (const entry of listZipEntries(zip)) bytes += (await readZipEntry(zip, entry, 32 << 20)).length;
  return bytes;
};
const unpacked = await readAll();
const read = await timed(readAll);
const file = { path: 'digits.zip', size: zip.length, bytes: async () => zip };
const imported = await importImages([file], { sprite: null }, decoder);
const whole = await timed(() => importImages([file], { sprite: null }, decoder));
console.log(
  JSON.stringify({
    entries: entries.length,
    zipBytes: zip.length,
    unpackedBytes: unpacked,
    images: imported.count,
    runs: RUNS,
    readAllEntries: read,
    wholeImport: whole,
  }),
);
