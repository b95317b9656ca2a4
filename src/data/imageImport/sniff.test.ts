import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff';
import { encodePng, encodeZip } from './testFixtures';

/** A JPEG's marker skeleton: SOI, an APP0, a frame header of width × height, SOS, EOI. */
function jpegSkeleton(width: number, height: number, { end = true, frame = true } = {}): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...new Array<number>(14).fill(0)];
  const sof = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x01, 0x01, 0x11, 0x00];
  const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34];
  return new Uint8Array([0xff, 0xd8, ...app0, ...(frame ? sof : []), ...sos, ...(end ? [0xff, 0xd9] : [])]);
}

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffImage', () => {
  const png = encodePng(40, 30, () => [0, 0, 0, 255]);

  it('reads the size of PNGs and JPEGs from their headers', () => {
    expect(sniffImage(png)).toEqual({ ok: true, format: 'png', width: 40, height: 30 });
    expect(sniffImage(jpegSkeleton(640, 480))).toEqual({ ok: true, format: 'jpeg', width: 640, height: 480 });
  });

  it('refuses empty files and files that are not what they claim', () => {
    expect(sniffImage(new Uint8Array(0))).toMatchObject({ ok: false, code: 'empty' });
    expect(sniffImage(text('hello, I am a text file named digit.png'))).toEqual({ ok: false, code: 'notImage' });
    expect(sniffImage(text('GIF89a......'))).toEqual({ ok: false, code: 'notImage', detail: 'GIF' });
    expect(sniffImage(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ ok: false, code: 'notImage', detail: 'SVG/HTML' });
    expect(sniffImage(encodeZip([{ name: 'a', data: text('x') }]))).toMatchObject({ ok: false, detail: 'ZIP' });
  });

  it('refuses truncated images: a PNG without its end chunk, a JPEG without its end marker or frame', () => {
    expect(sniffImage(png.subarray(0, png.length - 20))).toMatchObject({ ok: false, code: 'truncated' });
    expect(sniffImage(png.subarray(0, 20))).toMatchObject({ ok: false, code: 'truncated' });
    expect(sniffImage(jpegSkeleton(64, 64, { end: false }))).toMatchObject({ ok: false, code: 'truncated' });
    expect(sniffImage(jpegSkeleton(64, 64, { frame: false }))).toMatchObject({ ok: false, code: 'undecodable' });
  });

  it('refuses images too large to decode safely, before decoding them', () => {
    expect(sniffImage(jpegSkeleton(20_000, 100))).toEqual({ ok: false, code: 'tooManyPixels', detail: '20000 × 100' });
    expect(sniffImage(jpegSkeleton(10_000, 10_000))).toMatchObject({ ok: false, code: 'tooManyPixels' });
    expect(sniffImage(png, { maxPixels: 1000, maxSide: 100 })).toMatchObject({ ok: false, code: 'tooManyPixels' });
    expect(sniffImage(jpegSkeleton(0, 10))).toMatchObject({ ok: false, code: 'undecodable' });
  });
});
