import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importImages, titleOf, type Decoder, type Picture, type SourceFile } from './importImages';
import { encodePng, encodeZip } from './testFixtures';
import { IMAGE_PIXELS, IMPORT_LIMITS } from './types';

/** Decodes the test encoder's PNGs (8-bit RGBA, filter 0) and samples regions by nearest neighbour. */
const pngDecoder: Decoder = {
  async open(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    const idatLength = view.getUint32(33);
    const raw = inflateSync(bytes.subarray(41, 41 + idatLength));
    const at = (x: number, y: number) => raw.subarray(y * (1 + 4 * width) + 1 + 4 * x, y * (1 + 4 * width) + 5 + 4 * x);
    const picture: Picture = {
      width,
      height,
      fitted(sx, sy, sw, sh, rect) {
        const out = new Uint8ClampedArray(IMAGE_PIXELS * 4);
        for (let y = 0; y < rect.height; y++) {
          for (let x = 0; x < rect.width; x++) {
            const px = at(sx + Math.floor(((x + 0.5) * sw) / rect.width), sy + Math.floor(((y + 0.5) * sh) / rect.height));
            out.set(px, 4 * ((rect.y + y) * 28 + rect.x + x));
          }
        }
        return out;
      },
      close() {},
    };
    return picture;
  },
};

const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const BLACK: [number, number, number, number] = [0, 0, 0, 255];
/** Black ink on white: a vertical bar at column `bar` of a 40 × 40 picture. */
const digitPng = (bar: number) => encodePng(40, 40, (x) => (Math.abs(x - bar) < 3 ? BLACK : WHITE));

function file(path: string, bytes: Uint8Array): SourceFile {
  return { path, size: bytes.length, bytes: async () => bytes };
}

describe('importImages', () => {
  it('converts a folder of class folders, lists and skips what is broken, empty, clutter or not an image', async () => {
    const good = digitPng(20);
    const files = [
      file('digits/1/a.png', digitPng(10)),
      file('digits/1/b.png', digitPng(12)),
      file('digits/7/c.png', digitPng(30)),
      file('digits/7/truncated.png', good.subarray(0, good.length - 30)),
      file('digits/7/empty.png', new Uint8Array(0)),
      file('digits/7/notes.txt', new TextEncoder().encode('not an image at all')),
      file('digits/7/blank.png', encodePng(8, 8, () => WHITE)),
      file('digits/.DS_Store', new Uint8Array(10)),
    ];
    const progress: number[] = [];
    const out = await importImages(files, { sprite: null }, pngDecoder, (done) => progress.push(done));
    expect(out.title).toBe('digits');
    expect(out.count).toBe(3);
    expect(out.classes).toEqual(['1', '7']);
    expect([...out.labels]).toEqual([0, 0, 1]);
    expect(out.inverted).toBe(3);
    expect(out.pixels).toHaveLength(3 * IMAGE_PIXELS);
    // Bright bar on black: the first image's bar sits left of centre, the third's right of it.
    expect(out.pixels[14 * 28 + 7]).toBeGreaterThan(200);
    expect(out.pixels[14 * 28 + 20]).toBe(0);
    expect(out.pixels[2 * IMAGE_PIXELS + 14 * 28 + 21]).toBeGreaterThan(200);
    expect(out.skipped.map((s) => [s.name, s.code])).toEqual([
      ['digits/7/empty.png', 'empty'],
      ['digits/7/truncated.png', 'truncated'],
      ['digits/7/notes.txt', 'notImage'],
      ['digits/7/blank.png', 'blank'],
    ]);
    expect(progress.at(-1)).toBe(6);
  });

  it('reads zips (classes from their folders) and lists a broken zip and its broken entries', async () => {
    const zip = encodeZip([
      { name: 'a/x.png', data: digitPng(10) },
      { name: 'b/y.png', data: digitPng(30), method: 0 },
      { name: 'b/z.png', data: new TextEncoder().encode('nope') },
      { name: '__MACOSX/b/._y.png', data: new Uint8Array(4) },
    ]);
    const out = await importImages([file('set.zip', zip), file('broken.zip', zip.subarray(0, 50))], { sprite: null }, pngDecoder);
    expect(out.title).toBe('images');
    expect(out.classes).toEqual(['a', 'b']);
    expect(out.count).toBe(2);
    expect(out.skipped).toEqual([
      { name: 'broken.zip', code: 'notZip', detail: expect.any(String) },
      { name: 'set.zip › b/z.png', code: 'notImage' },
    ]);
  });

  it('refuses files over the size limits without reading them, and stops at the image limit', async () => {
    const limits = { ...IMPORT_LIMITS, maxImageBytes: 1000, maxImages: 2 };
    let reads = 0;
    const huge: SourceFile = { path: 'd/huge.png', size: 5000, bytes: async () => (reads++, new Uint8Array(5000)) };
    const files = [huge, file('d/a.png', digitPng(10)), file('d/b.png', digitPng(20)), file('d/c.png', digitPng(30))];
    const out = await importImages(files, { sprite: null, limits: { ...limits, maxImageBytes: 100_000 } }, pngDecoder);
    expect(out.count).toBe(2);
    expect(out.skipped).toContainEqual({ name: 'd/c.png', code: 'overLimit', detail: '1' });
    expect(out.skipped).toContainEqual({ name: 'd/huge.png', code: 'notImage' });
    reads = 0;
    const small = await importImages([huge], { sprite: null, limits }, pngDecoder);
    expect(small.skipped).toEqual([{ name: 'd/huge.png', code: 'tooLarge', detail: '0.0 MB > 0.0 MB' }]);
    expect(reads).toBe(0);
  });

  it('slices a sprite sheet, one class per row, leaving blank cells out', async () => {
    // 3 columns × 2 rows of 20 px cells; the last cell of the second row is empty.
    const sheet = encodePng(60, 40, (x, y) => {
      const [col, row] = [Math.floor(x / 20), Math.floor(y / 20)];
      if (row === 1 && col === 2) return WHITE;
      return Math.abs((x % 20) - (4 + 5 * col)) < 2 ? BLACK : WHITE;
    });
    const out = await importImages([file('sheet.png', sheet)], { sprite: { cellWidth: 20, cellHeight: 20, rowsAreClasses: true } }, pngDecoder);
    expect(out.count).toBe(5);
    expect(out.classes).toEqual(['1', '2']);
    expect([...out.labels]).toEqual([0, 0, 0, 1, 1]);
    expect(out.skipped).toEqual([{ name: 'sheet.png', code: 'blankCells', detail: '1' }]);
    const tooBig = await importImages([file('sheet.png', sheet)], { sprite: { cellWidth: 64, cellHeight: 64, rowsAreClasses: false } }, pngDecoder);
    expect(tooBig.count).toBe(0);
    expect(tooBig.skipped[0]).toMatchObject({ code: 'cellTooBig' });
  });

  it('names the dataset after the folder, the single file, or "images"', () => {
    const f = (path: string) => ({ path, size: 1, bytes: async () => new Uint8Array(1) });
    expect(titleOf([f('cats/a.png'), f('cats/b/c.png')])).toBe('cats');
    expect(titleOf([f('sheet.png')])).toBe('sheet');
    expect(titleOf([f('a.png'), f('b.png')])).toBe('images');
  });
});
