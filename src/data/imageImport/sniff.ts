// What a file really is, from its bytes rather than its name: PNG or JPEG, its pixel size,
// and whether it ends where its format says it must. Read before decoding, so a file that
// only claims to be an image, a truncated one, or one that would decode to gigabytes is
// refused with a reason instead of being handed to the browser's decoder.

import { IMPORT_LIMITS, type SkipCode } from './types';

export type Sniffed =
  | { ok: true; format: 'png' | 'jpeg'; width: number; height: number }
  | { ok: false; code: SkipCode; detail?: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** JPEG end-of-image marker must sit within this many bytes of the end (some writers pad). */
const JPEG_TAIL = 1024;

export interface SniffLimits {
  maxPixels: number;
  maxSide: number;
}

const DEFAULT_LIMITS: SniffLimits = { maxPixels: IMPORT_LIMITS.maxImagePixels, maxSide: IMPORT_LIMITS.maxImageSide };

export function sniffImage(bytes: Uint8Array, limits: SniffLimits = DEFAULT_LIMITS): Sniffed {
  if (bytes.length === 0) return { ok: false, code: 'empty' };
  const found = bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b) ? sniffPng(bytes)
    : bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? sniffJpeg(bytes)
      : null;
  if (!found) {
    const other = otherFormat(bytes);
    return other ? { ok: false, code: 'notImage', detail: other } : { ok: false, code: 'notImage' };
  }
  if (!found.ok) return found;
  const { width, height } = found;
  if (width < 1 || height < 1) return { ok: false, code: 'undecodable', detail: `${width} × ${height}` };
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    return { ok: false, code: 'tooManyPixels', detail: `${width} × ${height}` };
  }
  return found;
}

function sniffPng(bytes: Uint8Array): Sniffed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 || ascii(bytes, 12, 4) !== 'IHDR') return { ok: false, code: 'truncated' };
  // Every PNG ends with an IEND chunk; without it the image data was cut off.
  const tail = ascii(bytes, Math.max(0, bytes.length - 64), Math.min(64, bytes.length));
  if (!tail.includes('IEND')) return { ok: false, code: 'truncated' };
  return { ok: true, format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** Walks the marker segments to the frame header (SOFn), which holds the size. */
function sniffJpeg(bytes: Uint8Array): Sniffed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size: { width: number; height: number } | null = null;
  let p = 2;
  while (p + 4 <= bytes.length && size === null) {
    if (bytes[p] !== 0xff) return { ok: false, code: 'undecodable' };
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2;
      continue;
    }
    const length = view.getUint16(p + 2);
    if (length < 2) return { ok: false, code: 'undecodable' };
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (p + 9 > bytes.length) return { ok: false, code: 'truncated' };
      size = { height: view.getUint16(p + 5), width: view.getUint16(p + 7) };
    } else if (marker === 0xda) {
      return { ok: false, code: 'undecodable' };
    }
    p += 2 + length;
  }
  if (!size) return { ok: false, code: 'truncated' };
  let end = false;
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - JPEG_TAIL) && !end; i--) {
    end = bytes[i] === 0xff && bytes[i + 1] === 0xd9;
  }
  if (!end) return { ok: false, code: 'truncated' };
  return { ok: true, format: 'jpeg', ...size };
}

/** A name for well-known formats that are not PNG or JPEG, so the message can say what was found. */
function otherFormat(bytes: Uint8Array): string | null {
  const head = ascii(bytes, 0, Math.min(16, bytes.length));
  if (head.startsWith('GIF8')) return 'GIF';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'WebP';
  if (head.startsWith('BM')) return 'BMP';
  if (head.startsWith('%PDF')) return 'PDF';
  if (head.startsWith('PK\u0003\u0004')) return 'ZIP';
  if (head.slice(4, 8) === 'ftyp') return 'HEIC/MP4';
  if (/^\s*</.test(head)) return 'SVG/HTML';
  return null;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
