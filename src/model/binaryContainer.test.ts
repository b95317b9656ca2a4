import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContainer, readTensors, writeContainer, type ContainerKind, type TensorSpec } from './binaryContainer';
import { crc32 } from './crc32';
import { toFloat16Bits } from './float16';

const KIND: ContainerKind = {
  magic: 'TEST-BIN',
  format: 'test-format',
  version: 3,
  noun: 'test file',
  dataName: 'test data',
  maxBytes: 4096,
  error: (message) => new Error(`Test: ${message}`),
};

const SPECS: TensorSpec[] = [
  { name: 'a', shape: [2, 3], dtype: 'float32' },
  { name: 'b', shape: [3], dtype: 'uint8' },
  { name: 'c', shape: [2], dtype: 'float16' },
  { name: 'd', shape: [5], dtype: 'int8' },
];
const a = new Float32Array([1, -2, 3.5, 0, 1e-3, -7]);
const b = new Uint8Array([0, 128, 255]);
const c = new Uint16Array([toFloat16Bits(0.5), toFloat16Bits(-3)]);
const d = new Int8Array([-128, -1, 0, 1, 127]);
const file = () => writeContainer(KIND, { format: 'test-format', version: 3, id: 'x' }, SPECS, [a, b, c, d]);

/** Rewrites a byte and fixes the checksum, so only the change itself is wrong. */
function patched(buf: ArrayBuffer, edit: (bytes: Uint8Array, view: DataView) => void): ArrayBuffer {
  const out = new Uint8Array(buf.slice(0));
  const view = new DataView(out.buffer);
  edit(out, view);
  view.setUint32(16, crc32(out.subarray(24)), true);
  return out.buffer;
}

describe('the binary container', () => {
  it('lays out magic, lengths, CRC, header and 4-byte-aligned tensors at an 8-byte-aligned data start', () => {
    const buf = file();
    const bytes = new Uint8Array(buf);
    const view = new DataView(buf);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('TEST-BIN');
    const headerLength = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(24, 24 + headerLength)));
    expect(header).toEqual({
      format: 'test-format', version: 3, id: 'x',
      tensors: [
        { name: 'a', shape: [2, 3], dtype: 'float32', offset: 0 },
        { name: 'b', shape: [3], dtype: 'uint8', offset: 24 },
        { name: 'c', shape: [2], dtype: 'float16', offset: 28 },
        { name: 'd', shape: [5], dtype: 'int8', offset: 32 },
      ],
    });
    expect(view.getUint32(12, true)).toBe(40);
    expect(view.getUint32(20, true)).toBe(0);
    const dataStart = Math.ceil((24 + headerLength) / 8) * 8;
    expect(buf.byteLength).toBe(dataStart + 40);
    expect(view.getUint32(16, true)).toBe(crc32(bytes.subarray(24)));
    expect(Array.from(new Float32Array(buf, dataStart, 6))).toEqual(Array.from(a));
  });

  it('reads back every dtype as its own array, float16 widened to float32', () => {
    const container = readContainer(KIND, file());
    expect(container.header.id).toBe('x');
    const [ra, rb, rc, rd] = readTensors(KIND, container, SPECS);
    expect(ra).toEqual(a);
    expect(rb).toEqual(b);
    expect(rc).toEqual(new Float32Array([0.5, -3]));
    expect(rd).toEqual(d);
    expect(ra.buffer.byteLength).toBe(24);
  });

  it('accepts any of several dtypes where the reader allows them, and names a wrong one', () => {
    const container = readContainer(KIND, file());
    const loose = SPECS.map((s) => (s.name === 'c' ? { ...s, dtype: ['float32', 'float16'] as const } : s));
    expect(readTensors(KIND, container, loose)[2]).toEqual(new Float32Array([0.5, -3]));
    expect(() => readTensors(KIND, container, SPECS.map((s) => (s.name === 'b' ? { ...s, dtype: 'int8' as const } : s)))).toThrow('Test: b should be int8, found "uint8"');
    expect(() => readTensors(KIND, container, SPECS.map((s) => (s.name === 'b' ? { ...s, dtype: ['float32', 'float16'] as const } : s)))).toThrow('Test: b has unknown dtype "uint8"');
  });

  it('refuses tables that disagree with what the file must hold', () => {
    const container = readContainer(KIND, file());
    expect(() => readTensors(KIND, container, SPECS.slice(1))).toThrow('expected 3 tensors for this config, the file has 4');
    expect(() => readTensors(KIND, container, [{ ...SPECS[0], name: 'z' }, ...SPECS.slice(1)])).toThrow('tensor 0 should be z, found "a"');
    expect(() => readTensors(KIND, container, [{ ...SPECS[0], shape: [3, 2] }, ...SPECS.slice(1)])).toThrow('a has shape [2,3], the config needs [3,2]');
    expect(() => readTensors(KIND, container, [...SPECS.slice(0, 3), { ...SPECS[3], shape: [9] }])).toThrow('d has shape [5]');
  });

  it('refuses a tensor whose offset lies outside the data, and non-finite floats', () => {
    const withTable = (edit: (t: Array<Record<string, unknown>>) => void) => {
      const c = readContainer(KIND, file());
      edit(c.header.tensors as Array<Record<string, unknown>>);
      return c;
    };
    expect(() => readTensors(KIND, withTable((t) => (t[3].offset = 36)), SPECS)).toThrow('d lies outside the test data');
    expect(() => readTensors(KIND, withTable((t) => (t[1].offset = 25)), SPECS)).toThrow('b lies outside the test data');
    const nan = writeContainer(KIND, { format: 'test-format', version: 3 }, SPECS, [new Float32Array([1, 2, NaN, 4, 5, 6]), b, c, d]);
    expect(() => readTensors(KIND, readContainer(KIND, nan), SPECS)).toThrow('a contains NaN or infinite values');
  });

  it('refuses a broken frame with what is wrong', () => {
    const buf = file();
    expect(() => readContainer(KIND, new TextEncoder().encode('VAE-CKPT and more').buffer)).toThrow('Test: not a VAE Playground test file (bad magic bytes)');
    expect(() => readContainer(KIND, buf.slice(0, 12))).toThrow('truncated: only 12 bytes');
    expect(() => readContainer(KIND, buf.slice(0, buf.byteLength - 4))).toThrow(/truncated: \d+ bytes, the header declares \d+/);
    const longer = new Uint8Array(buf.byteLength + 3);
    longer.set(new Uint8Array(buf));
    expect(() => readContainer(KIND, longer.buffer)).toThrow('3 unexpected bytes after the test data');
    expect(() => readContainer(KIND, buf, 100)).toThrow('file is too large');
    expect(() => readContainer(KIND, patched(buf, (_b, v) => v.setUint32(12, 1 << 20, true)))).toThrow(/declared size \d+ bytes exceeds the limit 4096/);
    const flipped = new Uint8Array(buf.slice(0));
    flipped[flipped.length - 1] ^= 1;
    expect(() => readContainer(KIND, flipped.buffer)).toThrow('corrupted: the checksum does not match the contents');
  });

  it('refuses a header of another format or version, or without a tensor table', () => {
    const header = (fields: Record<string, unknown>) => writeContainer(KIND, fields, [], []);
    expect(() => readContainer(KIND, header({ format: 'other', version: 3 }))).toThrow('unknown format "other"');
    expect(() => readContainer(KIND, header({ format: 'test-format', version: 4 }))).toThrow('unsupported version 4; this app reads version 3');
    const noTable = patched(header({ format: 'test-format', version: 3 }), (bytes, v) => {
      const len = v.getUint32(8, true);
      const json = new TextDecoder().decode(bytes.subarray(24, 24 + len)).replace('"tensors":[]', '"tensorz":[]');
      bytes.set(new TextEncoder().encode(json), 24);
    });
    expect(() => readContainer(KIND, noTable)).toThrow('the header has no tensor table');
  });

  it('holds its limits exactly at the edges', () => {
    const buf = file();
    // A file of exactly the limit is read; one byte over is not.
    expect(readContainer(KIND, buf, buf.byteLength).dataBytes).toBe(40);
    expect(() => readContainer(KIND, buf, buf.byteLength - 1)).toThrow('file is too large');
    // Declared frame exactly at the limit passes the size check (then fails only as truncated).
    const declared = patched(buf, (_b, v) => v.setUint32(12, 4096 - readContainer(KIND, buf).dataStart, true));
    expect(() => readContainer(KIND, declared, 4096)).toThrow(/^Test: truncated: \d+ bytes, the header declares 4096$/);
    // The magic alone is truncated, not a bad magic; a bare 24-byte prefix has an empty header.
    expect(() => readContainer(KIND, new TextEncoder().encode('TEST-BIN').buffer)).toThrow('truncated: only 8 bytes');
    const prefix = new Uint8Array(24);
    prefix.set(new TextEncoder().encode('TEST-BIN'));
    expect(() => readContainer(KIND, prefix.buffer)).toThrow('the header is not valid JSON');
  });

  it('refuses a header that is JSON but not an object', () => {
    const withHeader = (json: string) => {
      const head = new TextEncoder().encode(json);
      const out = new Uint8Array(8 * Math.ceil((24 + head.length) / 8));
      out.set(new TextEncoder().encode('TEST-BIN'));
      out.set(head, 24);
      const v = new DataView(out.buffer);
      v.setUint32(8, head.length, true);
      v.setUint32(16, crc32(out.subarray(24)), true);
      return out.buffer;
    };
    for (const json of ['null', '[]', '3', '"x"']) {
      expect(() => readContainer(KIND, withHeader(json))).toThrow('Test: the header is not a JSON object');
    }
    expect(readContainer(KIND, withHeader('{"format":"test-format","version":3,"tensors":[]}')).header.tensors).toEqual([]);
  });

  it('refuses offsets that are missing, negative, unaligned or whose bytes run past the data', () => {
    const withTable = (edit: (t: Array<Record<string, unknown>>) => void) => {
      const c = readContainer(KIND, file());
      edit(c.header.tensors as Array<Record<string, unknown>>);
      return c;
    };
    for (const offset of [null, undefined, '0', -4, 2, 4.5]) {
      expect(() => readTensors(KIND, withTable((t) => (t[1].offset = offset)), SPECS)).toThrow('b lies outside the test data');
    }
    // a is 6 float32 = 24 bytes: at 16 it would end at 40 (the end of the data), at 20 past it.
    expect(readTensors(KIND, withTable((t) => (t[0].offset = 16)), SPECS)[0]).toHaveLength(6);
    expect(() => readTensors(KIND, withTable((t) => (t[0].offset = 20)), SPECS)).toThrow('a lies outside the test data');
  });

  it('refuses to write arrays that do not fit their table entries', () => {
    expect(() => writeContainer(KIND, {}, SPECS, [a, b, c])).toThrow('expected 4 tensors, got 3');
    expect(() => writeContainer(KIND, {}, SPECS, [a, b, new Float32Array(2), d])).toThrow('c has the wrong size');
  });

  it('is the frame of both shipped file kinds (checkpoint and first paint)', () => {
    for (const [name, magic] of [['mnist-vae-2d.vaeckpt', 'VAE-CKPT'], ['mnist-vae-2d.vaefp', 'VAE-FRST']] as const) {
      const b = readFileSync(join(process.cwd(), 'public/pretrained', name));
      const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      const kind = { ...KIND, magic, format: magic === 'VAE-CKPT' ? 'vae-playground' : 'vae-playground-first-paint', version: 1, maxBytes: 1 << 28 };
      const container = readContainer(kind, buf);
      expect(container.header.tensors.length).toBeGreaterThan(4);
      expect(container.dataStart % 8).toBe(0);
      expect(container.dataStart + container.dataBytes).toBe(buf.byteLength);
    }
  });
});
