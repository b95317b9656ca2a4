import { describe, expect, it } from 'vitest';
import { toFloat16Bits } from './float16';
import { jsonDepth, readSafetensors, writeSafetensors } from './safetensors';

const enc = (s: string) => new TextEncoder().encode(s);

/** A file from a header object and raw data bytes (no validation: for building odd files). */
function rawFile(header: unknown, data: Uint8Array, padTo8 = true): Uint8Array {
  let json = JSON.stringify(header);
  if (padTo8) json += ' '.repeat((8 - (json.length % 8)) % 8);
  const h = enc(json);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setUint32(0, h.length, true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

describe('safetensors writer', () => {
  const a = { name: 'a.weight', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) };
  const b = { name: 'a.bias', shape: [2], data: Float32Array.from([-1.5, 0.25]) };

  it('writes the 8-byte little-endian header length, an 8-aligned JSON header, and contiguous F32 data', () => {
    const bytes = writeSafetensors([a, b], { format: 'pt' });
    const view = new DataView(bytes.buffer);
    const n = view.getUint32(0, true);
    expect(view.getUint32(4, true)).toBe(0);
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header['a.weight']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header['a.bias']).toEqual({ dtype: 'F32', shape: [2], data_offsets: [24, 32] });
    expect(header.__metadata__).toEqual({ format: 'pt' });
    expect(bytes.length).toBe(8 + n + 32);
    expect(view.getFloat32(8 + n + 24, true)).toBe(-1.5);
  });

  it('reads back exactly what it wrote', () => {
    const f = readSafetensors(writeSafetensors([a, b], { k: 'v' }));
    expect([...f.tensors.keys()]).toEqual(['a.weight', 'a.bias']);
    expect(Array.from(f.tensors.get('a.weight')!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(f.tensors.get('a.bias')!.shape).toEqual([2]);
    expect(f.metadata).toEqual({ k: 'v' });
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => writeSafetensors([{ ...a, shape: [3, 3] }])).toThrow(/6 values for shape \[3,3\]/);
  });
});

describe('safetensors reader', () => {
  it('reads F16, BF16 and F64 tensors as float32', () => {
    const data = new Uint8Array(2 * 2 + 2 * 2 + 2 * 8);
    const v = new DataView(data.buffer);
    v.setUint16(0, toFloat16Bits(0.5), true);
    v.setUint16(2, toFloat16Bits(-2), true);
    v.setUint16(4, 0x3fc0, true); // bf16 1.5
    v.setUint16(6, 0xc040, true); // bf16 -3
    v.setFloat64(8, 0.125, true);
    v.setFloat64(16, 1e3, true);
    const f = readSafetensors(rawFile({
      h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
      bf: { dtype: 'BF16', shape: [2], data_offsets: [4, 8] },
      d: { dtype: 'F64', shape: [2], data_offsets: [8, 24] },
    }, data));
    expect(Array.from(f.tensors.get('h')!.data)).toEqual([0.5, -2]);
    expect(Array.from(f.tensors.get('bf')!.data)).toEqual([1.5, -3]);
    expect(Array.from(f.tensors.get('d')!.data)).toEqual([0.125, 1000]);
    expect(f.dtypes.get('bf')).toBe('BF16');
  });

  it('accepts a header that is not padded and tensors listed out of offset order', () => {
    const data = new Uint8Array(new Float32Array([7, 8]).buffer);
    const f = readSafetensors(rawFile({ y: { dtype: 'F32', shape: [1], data_offsets: [4, 8] }, x: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, data, false));
    expect(f.tensors.get('x')!.data[0]).toBe(7);
    expect(f.tensors.get('y')!.data[0]).toBe(8);
  });

  it('measures JSON depth without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonDepth('['.repeat(100_000))).toBe(100_000);
  });
});
