// Files built in tests (Node only: node:zlib): minimal PNG and zip encoders, so the readers
// are tested on real byte layouts and the end-to-end test can upload real images.

import { deflateRawSync, deflateSync } from 'node:zlib';
import { crc32 } from '../../model/crc32';

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA PNG of width × height; `rgba(x, y)` gives each pixel. */
export function encodePng(width: number, height: number, rgba: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + 4 * width));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(rgba(x, y), y * (1 + 4 * width) + 1 + 4 * x);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflated (the default). */
  method?: 0 | 8;
  flags?: number;
  /** The unpacked size the headers claim, when it should lie (a "zip bomb" understates it). */
  declaredSize?: number;
}

/** A plain (non-Zip64) zip archive of the entries, in order. */
export function encodeZip(entries: readonly ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const packed = method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.declaredSize ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((e.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.declaredSize ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** A Zip64 archive as large-file writers make it: every size and offset in the Zip64 extra fields and records. */
export function encodeZip64(files: readonly { name: string; data: Uint8Array }[]): Uint8Array {
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
