// The sizes of a 2-D convolution as our conv kernels use them (NHWC, dilation 1), from a TF.js
// kernel's input shapes and attributes through TF.js's own computeConv2DInfo, so the padding
// ('same', 'valid', explicit) and output sizes are TF.js's to the pixel. And im2col: each
// output pixel's receptive field laid out as one row (kh, kw, c), zeros where it leaves the
// image, so a convolution or its filter gradient is one matrix product.

import type * as tfc from '@tensorflow/tfjs-core';

type Tf = typeof tfc;

export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  fH: number;
  fW: number;
  sH: number;
  sW: number;
  padTop: number;
  padLeft: number;
}

/** The attributes Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter share. */
export interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tfc.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The geometry of the forward convolution of `xShape` (NHWC) by a filter of `filterShape`
 * (fH, fW, inC, outC), or why our kernels do not take it (another layout, dilation).
 */
export function convGeometry(tf: Tf, xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs): ConvGeometry | string {
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC') return `data format ${attrs.dataFormat} (only NHWC)`;
  const d = attrs.dilations ?? 1;
  if ((typeof d === 'number' ? d : Math.max(d[0], d[1])) !== 1) return `dilations ${String(d)} (only 1)`;
  if (xShape.length !== 4 || filterShape.length !== 4) return 'not a 2-D convolution';
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    fH: info.filterHeight,
    fW: info.filterWidth,
    sH: info.strideHeight,
    sW: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Rows (output pixels over the batch) and columns (fH·fW·inC) of the im2col matrix. */
export function im2colSize(g: ConvGeometry): { rows: number; cols: number } {
  return { rows: g.batch * g.outH * g.outW, cols: g.fH * g.fW * g.inC };
}

/** Below this many floats a loop beats copyWithin/fill (their call costs more than the copy). */
const SHORT = 24;

function copy(heap: Float32Array, dst: number, src: number, n: number): void {
  if (n < SHORT) for (let i = 0; i < n; i++) heap[dst + i] = heap[src + i];
  else heap.copyWithin(dst, src, src + n);
}

function zero(heap: Float32Array, at: number, n: number): void {
  if (n < SHORT) for (let i = 0; i < n; i++) heap[at + i] = 0;
  else heap.fill(0, at, at + n);
}

/**
 * Writes the im2col matrix of the image at float index `x` of `heap` to float index `col`:
 * row (b, oh, ow), column (kh, kw, c) holds x[b, oh·sH + kh − padTop, ow·sW + kw − padLeft, c],
 * or 0 outside the image. A filter row's fW·inC values are contiguous in the image: the part
 * inside the image is one copy, the columns left and right of it zeros.
 */
export function im2col(heap: Float32Array, x: number, g: ConvGeometry, col: number): void {
  const { batch, inH, inW, inC, outH, outW, fH, fW, sH, sW, padTop, padLeft } = g;
  const span = fW * inC;
  const rowLen = fH * span;
  let r = col;
  for (let b = 0; b < batch; b++) {
    const xb = x + b * inH * inW * inC;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, r += rowLen) {
        const iw0 = ow * sW - padLeft;
        // The filter columns kw0 … kw1 − 1 land inside the image.
        const kw0 = Math.max(0, -iw0);
        const kw1 = Math.max(kw0, Math.min(fW, inW - iw0));
        for (let kh = 0; kh < fH; kh++) {
          const ih = oh * sH + kh - padTop;
          const at = r + kh * span;
          if (ih < 0 || ih >= inH) {
            zero(heap, at, span);
            continue;
          }
          if (kw0 > 0) zero(heap, at, kw0 * inC);
          copy(heap, at + kw0 * inC, xb + (ih * inW + iw0 + kw0) * inC, (kw1 - kw0) * inC);
          if (kw1 < fW) zero(heap, at + kw1 * inC, (fW - kw1) * inC);
        }
      }
    }
  }
}

/**
 * The adjoint of im2col: adds each row's receptive field back into the image at float index `x`
 * (zeroed first), so dx = col2im(dy · Wᵀ) is the input gradient of a convolution. `addSpan`
 * (spanAdd.ts, on the same memory) adds the longer runs with f32x4; without it a loop does.
 */
export function col2im(heap: Float32Array, col: number, g: ConvGeometry, x: number, addSpan?: (dst: number, src: number, bytes: number) => void): void {
  const { batch, inH, inW, inC, outH, outW, fH, fW, sH, sW, padTop, padLeft } = g;
  const span = fW * inC;
  const rowLen = fH * span;
  heap.fill(0, x, x + batch * inH * inW * inC);
  let r = col;
  for (let b = 0; b < batch; b++) {
    const xb = x + b * inH * inW * inC;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, r += rowLen) {
        const iw0 = ow * sW - padLeft;
        const kw0 = Math.max(0, -iw0);
        const kw1 = Math.min(fW, inW - iw0);
        for (let kh = 0; kh < fH; kh++) {
          const ih = oh * sH + kh - padTop;
          if (ih < 0 || ih >= inH) continue;
          // The filter row's columns kw0…kw1 − 1 land inside the image, contiguously.
          const src = r + kh * span + kw0 * inC;
          const dst = xb + (ih * inW + iw0 + kw0) * inC;
          const n = (kw1 - kw0) * inC;
          if (addSpan !== undefined && n >= 8) addSpan(dst * 4, src * 4, n * 4);
          else for (let i = 0; i < n; i++) heap[dst + i] += heap[src + i];
        }
      }
    }
  }
}
