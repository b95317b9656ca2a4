import { Inflate, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { encodeZip, encodeZip64 } from './testFixtures';
import { listZipEntries, readZipEntry, ZipError, type ZipReason } from './zipReader';

const text = (s: string) => new TextEncoder().encode(s);
const MAX = 1 << 20;

async function reasonOf(work: () => unknown): Promise<ZipReason | 'none'> {
  try {
    await work();
    return 'none';
  } catch (err) {
    if (err instanceof ZipError) return err.reason;
    throw err;
  }
}

describe('zip reader', () => {
  const big = new Uint8Array(50_000).map((_, i) => (i * 7) % 13);
  const zip = encodeZip([
    { name: 'digits/', data: new Uint8Array(0), method: 0 },
    { name: 'digits/3/a.png', data: text('stored bytes'), method: 0 },
    { name: 'digits/7/b.png', data: big, method: 8 },
  ]);

  it('lists file entries (not folders) and reads stored and deflated ones back exactly', async () => {
    const entries = listZipEntries(zip);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['digits/3/a.png', 0, 12],
      ['digits/7/b.png', 8, 50_000],
    ]);
    expect(entries[1].compressedSize).toBeLessThan(50_000);
    expect(new TextDecoder().decode(await readZipEntry(zip, entries[0], MAX))).toBe('stored bytes');
    expect(await readZipEntry(zip, entries[1], MAX)).toEqual(big);
  });

  it('finds the directory behind a trailing comment', () => {
    const withComment = new Uint8Array(zip.length + 5);
    withComment.set(zip);
    new DataView(withComment.buffer).setUint16(zip.length - 2, 5, true);
    withComment.set(text('hello'), zip.length);
    expect(listZipEntries(withComment)).toHaveLength(2);
  });

  it('refuses what is not a zip, or is cut short', async () => {
    expect(await reasonOf(() => listZipEntries(text('just some text, long enough to look for a directory')))).toBe('notZip');
    expect(await reasonOf(() => listZipEntries(new Uint8Array(3)))).toBe('notZip');
    expect(await reasonOf(() => listZipEntries(zip.subarray(0, zip.length - 30)))).toBe('notZip');
    // The directory survives but the data it points at does not.
    const entries = listZipEntries(zip);
    const cut = zip.slice();
    const view = new DataView(cut.buffer);
    view.setUint32(cut.length - 6, 1_000_000, true);
    expect(await reasonOf(() => listZipEntries(cut))).toBe('zipTruncated');
    expect(await reasonOf(() => readZipEntry(zip.subarray(0, 200), entries[1], MAX))).toBe('zipTruncated');
  });

  it('refuses corrupted data by its checksum, and data larger than declared', async () => {
    const [, deflated] = listZipEntries(zip);
    const damaged = zip.slice();
    damaged[deflated.localOffset + 30 + deflated.name.length + 40] ^= 0xff;
    expect(await reasonOf(() => readZipEntry(damaged, deflated, MAX))).toBe('corrupt');
    // A directory that understates the size (a "zip bomb" trick) stops the inflation early.
    expect(await reasonOf(() => readZipEntry(zip, { ...deflated, size: 1000 }, MAX))).toBe('corrupt');
  });

  it('refuses encrypted entries, unknown methods and entries over the size limit', async () => {
    const locked = encodeZip([{ name: 'a.png', data: text('x'), method: 0, flags: 1 }]);
    expect(await reasonOf(() => readZipEntry(locked, listZipEntries(locked)[0], MAX))).toBe('encrypted');
    const [entry] = listZipEntries(zip);
    expect(await reasonOf(() => readZipEntry(zip, { ...entry, method: 12 }, MAX))).toBe('zipMethod');
    expect(await reasonOf(() => readZipEntry(zip, listZipEntries(zip)[1], 10_000))).toBe('tooLarge');
  });

  it('reads a Zip64 archive: sizes, offsets and the directory from the Zip64 records', async () => {
    const files = [
      { name: 'digits/1/a.png', data: text('first image bytes') },
      { name: 'digits/2/b.png', data: big },
    ];
    const zip64 = encodeZip64(files);
    // An independent reader (fflate's own) takes the fixture for what it is.
    expect(unzipSync(zip64)['digits/2/b.png']).toEqual(big);
    const entries = listZipEntries(zip64);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['digits/1/a.png', 17],
      ['digits/2/b.png', 50_000],
    ]);
    expect(new TextDecoder().decode(await readZipEntry(zip64, entries[0], MAX))).toBe('first image bytes');
    expect(await readZipEntry(zip64, entries[1], MAX)).toEqual(big);
  });

  it('refuses a zip that marks itself Zip64 without the Zip64 record', async () => {
    const zip64 = encodeZip64([{ name: 'a.png', data: text('x') }]);
    // Overwrite the locator's signature: the end record's 0xFFFF… markers now point nowhere.
    const broken = zip64.slice();
    new DataView(broken.buffer).setUint32(broken.length - 22 - 20, 0, true);
    expect(await reasonOf(() => listZipEntries(broken))).toBe('zip64');
  });

  it('stops inflating a "zip bomb" at the first slice that passes its declared size', async () => {
    const zeros = new Uint8Array(64 << 20);
    const bomb = encodeZip([{ name: 'bomb.png', data: zeros, method: 8 }]);
    const [entry] = listZipEntries(bomb);
    expect(entry.compressedSize).toBeGreaterThan(3 * 8192);
    const pushes = vi.spyOn(Inflate.prototype, 'push');
    try {
      expect(await reasonOf(() => readZipEntry(bomb, { ...entry, size: MAX }, MAX))).toBe('corrupt');
      expect(pushes).toHaveBeenCalledTimes(1);
    } finally {
      pushes.mockRestore();
    }
  });
});
