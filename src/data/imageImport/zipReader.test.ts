import { deflateRawSync } from 'node:zlib';
import { Inflate, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { crc32 } from '../../model/crc32';
import { encodeZip } from './testFixtures';
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

/** A Zip64 archive as large-file writers make it: every size and offset in the Zip64 extra fields and records. */
function encodeZip64(files: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const block = (length: number) => {
    const bytes = new Uint8Array(length);
    return { bytes, view: new DataView(bytes.buffer) };
  };
  const u64 = (view: DataView, at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  for (const f of files) {
    const packed = deflateRawSync(f.data);
    const name = new TextEncoder().encode(f.name);
    const local = block(30 + name.length + 20);
    local.view.setUint32(0, 0x04034b50, true);
    local.view.setUint16(4, 45, true);
    local.view.setUint16(6, 0x800, true);
    local.view.setUint16(8, 8, true);
    local.view.setUint32(14, crc32(f.data), true);
    local.view.setUint32(18, 0xffffffff, true);
    local.view.setUint32(22, 0xffffffff, true);
    local.view.setUint16(26, name.length, true);
    local.view.setUint16(28, 20, true);
    local.bytes.set(name, 30);
    local.view.setUint16(30 + name.length, 1, true);
    local.view.setUint16(32 + name.length, 16, true);
    u64(local.view, 34 + name.length, f.data.length);
    u64(local.view, 42 + name.length, packed.length);
    const central = block(46 + name.length + 28);
    central.view.setUint32(0, 0x02014b50, true);
    central.view.setUint16(4, 45, true);
    central.view.setUint16(6, 45, true);
    central.view.setUint16(8, 0x800, true);
    central.view.setUint16(10, 8, true);
    central.view.setUint32(16, crc32(f.data), true);
    central.view.setUint32(20, 0xffffffff, true);
    central.view.setUint32(24, 0xffffffff, true);
    central.view.setUint16(28, name.length, true);
    central.view.setUint16(30, 28, true);
    central.view.setUint32(42, 0xffffffff, true);
    central.bytes.set(name, 46);
    central.view.setUint16(46 + name.length, 1, true);
    central.view.setUint16(48 + name.length, 24, true);
    u64(central.view, 50 + name.length, f.data.length);
    u64(central.view, 58 + name.length, packed.length);
    u64(central.view, 66 + name.length, offset);
    parts.push(local.bytes, packed);
    centrals.push(central.bytes);
    offset += local.bytes.length + packed.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const record = block(56);
  record.view.setUint32(0, 0x06064b50, true);
  u64(record.view, 4, 44);
  record.view.setUint16(12, 45, true);
  record.view.setUint16(14, 45, true);
  u64(record.view, 24, files.length);
  u64(record.view, 32, files.length);
  u64(record.view, 40, cdSize);
  u64(record.view, 48, offset);
  const locator = block(20);
  locator.view.setUint32(0, 0x07064b50, true);
  u64(locator.view, 8, offset + cdSize);
  locator.view.setUint32(16, 1, true);
  const end = block(22);
  end.view.setUint32(0, 0x06054b50, true);
  end.view.setUint16(8, 0xffff, true);
  end.view.setUint16(10, 0xffff, true);
  end.view.setUint32(12, 0xffffffff, true);
  end.view.setUint32(16, 0xffffffff, true);
  const all = [...parts, ...centrals, record.bytes, locator.bytes, end.bytes];
  const out = new Uint8Array(all.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of all) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
