// 'Conv2DBackpropFilter' for TF.js's WASM backend, which has none (4.22): without it tf.grad
// through tf.conv2d or tf.conv2dTranspose fails there. The filter gradient of a convolution is
// one product: dW (fH·fW·inC × outC) = im2col(x)ᵀ · dy, the inner dimension running over every
// output pixel of the batch. im2col (convGeometry.ts) writes into scratch on the WASM heap, the
// packed product (registerFastMatMul's, threaded like BatchMatMul) multiplies there. Where the
// fast product is not registered, a plain loop does the same sums.

import type * as tfc from '@tensorflow/tfjs-core';
import { convGeometry, im2col, im2colSize, type ConvAttrs } from './convGeometry';
import { im2colOn } from './im2colModule';
import { heapProductOn } from './registerFastMatMul';
import { thinConvOn } from './thinConvModule';
import { wasmHeapOf, type WasmHeap } from './wasmBackendAccess';

type Tf = typeof tfc;

const KERNEL = 'Conv2DBackpropFilter';
const BACKEND = 'wasm';
const F32 = 4;

interface FilterAttrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

let registeredBy: Tf | null = null;
/** Filter gradients computed (by the product, by the plain loop, by the one-channel direct kernel) since registration. */
const counts = { product: 0, loop: 0, direct: 0 };
export const convBackpropFilterCounts = (): { product: number; loop: number; direct: number } => ({ ...counts });

/** dW[i, o] = Σ_r col[r, i] · dy[r, o] (float indices on `heap`). */
function plainProduct(heap: Float32Array, col: number, dy: number, dw: number, rows: number, cols: number, outC: number): void {
  heap.fill(0, dw, dw + cols * outC);
  for (let r = 0; r < rows; r++) {
    const dyRow = dy + r * outC;
    for (let i = 0; i < cols; i++) {
      const v = heap[col + r * cols + i];
      if (v === 0) continue;
      const out = dw + i * outC;
      for (let o = 0; o < outC; o++) heap[out + o] += v * heap[dyRow + o];
    }
  }
}

function backpropFilter(tf: Tf, args: Parameters<tfc.KernelFunc>[0]): tfc.TensorInfo {
  const x = args.inputs.x as tfc.TensorInfo;
  const dy = args.inputs.dy as tfc.TensorInfo;
  const attrs = args.attrs as unknown as FilterAttrs;
  const heap: WasmHeap | string = wasmHeapOf(args.backend);
  if (typeof heap === 'string') throw new Error(`${KERNEL} (wasm): ${heap}`);
  const g = convGeometry(tf, x.shape, attrs.filterShape, attrs);
  if (typeof g === 'string') throw new Error(`${KERNEL} (wasm): ${g} is not supported`);
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error(`${KERNEL} (wasm): float32 only`);
  if (dy.shape.join() !== [g.batch, g.outH, g.outW, g.outC].join()) {
    throw new Error(`${KERNEL} (wasm): dy ${JSON.stringify(dy.shape)} does not match the convolution's output [${g.batch},${g.outH},${g.outW},${g.outC}]`);
  }
  const { rows, cols } = im2colSize(g);
  const out = heap.makeOutput([...attrs.filterShape], 'float32');
  if (rows === 0) {
    new Float32Array(heap.memory.buffer).fill(0, heap.offsetOf(out.dataId) / F32, heap.offsetOf(out.dataId) / F32 + cols * g.outC);
    return out;
  }
  const thin = thinConvOn(args.backend);
  if (thin !== null && g.inC === 1 && g.outC % 32 === 0) {
    // A one-channel image: the direct kernel (thinConvModule.ts), no im2col.
    const dims = [g.batch, g.inH, g.inW, g.outH, g.outW, g.fH, g.fW, g.sH, g.sW, g.padTop, g.padLeft, g.outC];
    thin.filter1in(heap.offsetOf(x.dataId), heap.offsetOf(dy.dataId), heap.offsetOf(out.dataId), ...dims);
    counts.direct++;
    return out;
  }
  const colAt = heap.allocator.malloc(rows * cols * F32 + 16);
  if (colAt === 0) throw new Error(`${KERNEL} (wasm): could not allocate ${rows * cols * F32} bytes`);
  try {
    const colBase = colAt + ((16 - (colAt % 16)) % 16);
    // Addresses and views after the mallocs: they may have grown the heap.
    const xAt = heap.offsetOf(x.dataId);
    const dyAt = heap.offsetOf(dy.dataId);
    const dwAt = heap.offsetOf(out.dataId);
    const wasm = im2colOn(args.backend);
    if (wasm !== null) wasm.im2col(xAt, g, colBase);
    else im2col(new Float32Array(heap.memory.buffer), xAt / F32, g, colBase / F32);
    const product = heapProductOn(args.backend);
    if (product !== null) {
      product({ a: colBase, b: dyAt, c: dwAt, m: cols, n: g.outC, k: rows, transposeA: true, transposeB: false });
      counts.product++;
    } else {
      plainProduct(new Float32Array(heap.memory.buffer), colBase / F32, dyAt / F32, dwAt / F32, rows, cols, g.outC);
      counts.loop++;
    }
  } finally {
    heap.allocator.free(colAt);
  }
  return out;
}

/**
 * Registers the filter gradient for 'wasm' (idempotent). It uses the fast product when that is
 * registered (registerFastMatMul), whichever is registered first. A reason when it cannot be.
 */
export function registerConvBackpropFilter(tf: Tf): { registered: string[]; reason?: string } {
  if (registeredBy !== null) return { registered: [KERNEL] };
  if (tf.getKernel(KERNEL, BACKEND) !== undefined) return { registered: [], reason: `a ${KERNEL} kernel is already registered for '${BACKEND}'` };
  const backend = tf.findBackend(BACKEND);
  const heap = backend === null ? null : wasmHeapOf(backend);
  if (typeof heap === 'string') return { registered: [], reason: heap };
  tf.registerKernel({ kernelName: KERNEL, backendName: BACKEND, kernelFunc: (args) => backpropFilter(tf, args) });
  registeredBy = tf;
  return { registered: [KERNEL] };
}

/** Removes the kernel (TF.js's WASM backend has no stock one to put back). */
export function unregisterConvBackpropFilter(): void {
  if (registeredBy === null) return;
  registeredBy.unregisterKernel(KERNEL, BACKEND);
  registeredBy = null;
}
