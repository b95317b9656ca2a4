// The WebAssembly im2col and col2im against the JS ones (convGeometry.ts), bit for bit: the conv
// VAE's layers at 28 and 32 pixels, and geometries that exercise every edge of the loop nest
// (odd sizes, 'same' padding before the image, 'valid', strides 1–3, 1×1 and 5×5 filters, one
// and three channels, rows entirely outside the image).

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { VAE_CONV_LAYERS } from './convCases';
import { col2im, convGeometry, im2col, im2colSize, type ConvGeometry } from './convGeometry';
import { heapIm2colOf, im2colModuleBytes } from './im2colModule';

const F32 = 4;

function geometry(x: number[], filter: number[], stride: number, pad: 'same' | 'valid'): ConvGeometry {
  const g = convGeometry(tf, x, filter, { strides: stride, pad });
  if (typeof g === 'string') throw new Error(g);
  return g;
}

const CASES: Array<[string, ConvGeometry]> = [
  ...VAE_CONV_LAYERS.map((l): [string, ConvGeometry] => [l.name, geometry([3, ...l.x], l.filter, l.stride, l.pad)]),
  ['odd 9×7, 3 channels, 3×3 s2 same', geometry([2, 9, 7, 3], [3, 3, 3, 5], 2, 'same')],
  ['10×10, 5×5 s3 same (pads before the image)', geometry([2, 10, 10, 4], [5, 5, 4, 2], 3, 'same')],
  ['8×6, 3×3 s1 valid', geometry([1, 8, 6, 2], [3, 3, 2, 3], 1, 'valid')],
  ['1×1 s1', geometry([2, 5, 5, 8], [1, 1, 8, 3], 1, 'same')],
  ['2×2 image, 5×5 filter (rows wholly outside)', geometry([2, 2, 2, 1], [5, 5, 1, 1], 1, 'same')],
];

/** A memory laid out as [image | col | image again], filled from a seed. */
function setUp(g: ConvGeometry) {
  const { rows, cols } = im2colSize(g);
  const image = g.batch * g.inH * g.inW * g.inC;
  const floats = 4 + image + rows * cols + image + 4;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((floats * F32) / 65536) + 1 });
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(im2colModuleBytes({ minPages: 1, shared: false })), { env: { memory } });
  const ours = heapIm2colOf(exports as never);
  const heap = new Float32Array(memory.buffer);
  let s = 7;
  for (let i = 0; i < heap.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    heap[i] = s / 2 ** 32 - 0.5;
  }
  // Float offsets: the image at 4, col after it, a second image after col (odd offsets, as on a heap).
  return { heap, ours, x: 4, col: 4 + image, x2: 4 + image + rows * cols, image, colSize: rows * cols };
}

describe('im2col and col2im in WebAssembly', () => {
  it.each(CASES)('im2col equals the JS one: %s', (_, g) => {
    const { heap, ours, x, col, colSize } = setUp(g);
    const expected = new Float32Array(colSize);
    const js = new Float32Array(heap);
    im2col(js, x, g, col);
    expected.set(js.subarray(col, col + colSize));
    ours.im2col(x * F32, g, col * F32);
    expect(heap.subarray(col, col + colSize)).toEqual(expected);
    // Zeros where the field leaves the image, in every padded case.
    if (g.padTop > 0 || g.padLeft > 0) expect(expected.some((v) => v === 0)).toBe(true);
  });

  it.each(CASES)('col2im equals the JS one: %s', (_, g) => {
    const { heap, ours, col, x2, image } = setUp(g);
    const js = new Float32Array(heap);
    col2im(js, col, g, x2);
    const expected = js.slice(x2, x2 + image);
    const after = heap[x2 + image];
    ours.col2im(col * F32, g, x2 * F32);
    expect(heap.subarray(x2, x2 + image)).toEqual(expected);
    // Nothing written past the image.
    expect(heap[x2 + image]).toBe(after);
  });
});
