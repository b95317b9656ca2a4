// 'Conv2D' and 'Conv2DBackpropInput' for TF.js's WASM backend as matrix products on our packed
// (threaded) GEMM: y = im2col(x) · W, and dx = col2im(dy · Wᵀ). A tf.conv2dTranspose runs as
// Conv2DBackpropInput, and a conv's input gradient too, so together with the filter gradient
// (convBackpropFilter.ts) every convolution of the conv VAE's training step comes here. Each
// kernel keeps the stock one for what it does not take (NCHW, dilation, other dtypes, no fast
// product) and for the shapes where the stock one measured faster (see `ROUTES`).

import type * as tfc from '@tensorflow/tfjs-core';
import { col2im, convGeometry, im2col, im2colSize, type ConvAttrs, type ConvGeometry } from './convGeometry';
import { im2colOn } from './im2colModule';
import { heapProductOn } from './registerFastMatMul';
import { thinConvOn } from './thinConvModule';
import { addSpanOn } from './spanAdd';
import { wasmHeapOf } from './wasmBackendAccess';

type Tf = typeof tfc;
type KernelArgs = Parameters<tfc.KernelFunc>[0];

const BACKEND = 'wasm';
const F32 = 4;

export type ConvKernelName = 'Conv2D' | 'Conv2DBackpropInput';

/** Whether our kernel should take a convolution of this geometry (else the stock one). */
export type ConvRoute = (g: ConvGeometry) => boolean;

/**
 * Where ours is faster than the stock kernel. Measured with scripts/bench-conv.ts (batch 128,
 * 28×28 layers, one thread, FMA, medians of 5 in one run, stock ÷ ours in CPU time of the
 * process, load average 6.5–7.5 on 2 cores), for conv 1→32, conv 32→64, convT 64→64, convT 64→32,
 * convT 32→1: Conv2D 0.51, 1.08, 1.24, 1.00, 0.81 (XNNPACK's indirect convolution wins on the
 * thin layers, im2col + our product where the filter rows are long: ours from 576 = 3·3·64 values
 * per row); Conv2DBackpropInput 2.7, 12.7, 12.7, 11.9, 2.4 (the stock one is a plain loop: ours
 * everywhere). The five layers' forward and gradients together: 722 → 215 ms of CPU.
 * The one-channel ends bypass the routes: thinConvModule.ts's direct kernels beat both (same
 * script, load 5: Conv2D 1→32 stock 1.13, direct 0.80 ms; convT 32→1 Conv2D stock 4.78, direct
 * 3.34; its Conv2DBackpropInput as a product 9.0, direct 4.47).
 */
export const ROUTES: Record<ConvKernelName, ConvRoute> = {
  Conv2D: (g) => g.fH * g.fW * g.inC >= 576,
  Conv2DBackpropInput: () => true,
};

interface Registered {
  tf: Tf;
  stock: Map<ConvKernelName, tfc.KernelConfig>;
  routes: Record<ConvKernelName, ConvRoute>;
}
let registered: Registered | null = null;
/** Convolutions each kernel computed itself (`ours`) or handed to the stock kernel, since registration. */
const counts = { ours: 0, stock: 0 };
export const convKernelCounts = (): { ours: number; stock: number } => ({ ...counts });

/** A 1×1 convolution, stride 1, no padding: im2col(x) is x itself. */
const isPointwise = (g: ConvGeometry): boolean =>
  g.fH === 1 && g.fW === 1 && g.sH === 1 && g.sW === 1 && g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;

/** A convolution of a one-channel image (thinConvModule.ts's conv1in). */
export const isThinConv = (g: ConvGeometry): boolean => g.inC === 1 && g.outC % 32 === 0 && g.outC > 0;
/** A stride-1 transposed convolution into one channel (thinConvModule.ts's deconv1out). */
export const isThinTransposed = (g: ConvGeometry): boolean => g.inC === 1 && g.sH === 1 && g.sW === 1 && g.outC % 16 === 0 && g.outC > 0;

/** Scratch on the heap for `floats` values, 16-byte aligned: [allocation, aligned address]. */
function scratch(heap: Exclude<ReturnType<typeof wasmHeapOf>, string>, floats: number): [number, number] {
  const at = heap.allocator.malloc(floats * F32 + 16);
  if (at === 0) throw new Error(`conv (wasm): could not allocate ${floats * F32} bytes`);
  return [at, at + ((16 - (at % 16)) % 16)];
}

/** y = im2col(x) · W; null when the stock kernel should run. */
function conv2d(tf: Tf, r: Registered, args: KernelArgs): tfc.TensorInfo | null {
  const x = args.inputs.x as tfc.TensorInfo;
  const filter = args.inputs.filter as tfc.TensorInfo;
  const heap = wasmHeapOf(args.backend);
  const product = heapProductOn(args.backend);
  if (typeof heap === 'string' || product === null || x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const g = convGeometry(tf, x.shape, filter.shape, args.attrs as unknown as ConvAttrs);
  if (typeof g === 'string') return null;
  const thin = thinConvOn(args.backend);
  if (thin !== null && isThinConv(g)) {
    const out = heap.makeOutput([g.batch, g.outH, g.outW, g.outC], 'float32');
    // Addresses after makeOutput: its malloc may have grown the heap.
    const dims = [g.batch, g.inH, g.inW, g.outH, g.outW, g.fH, g.fW, g.sH, g.sW, g.padTop, g.padLeft, g.outC];
    thin.conv1in(heap.offsetOf(x.dataId), heap.offsetOf(filter.dataId), heap.offsetOf(out.dataId), ...dims);
    return out;
  }
  if (!r.routes.Conv2D(g)) return null;
  const { rows, cols } = im2colSize(g);
  const out = heap.makeOutput([g.batch, g.outH, g.outW, g.outC], 'float32');
  if (rows === 0) return out;
  const direct = isPointwise(g);
  const [colAt, colBase] = direct ? [0, 0] : scratch(heap, rows * cols);
  try {
    // Addresses after the mallocs: they may have grown the heap.
    const xAt = heap.offsetOf(x.dataId);
    if (!direct) {
      const wasm = im2colOn(args.backend);
      if (wasm !== null) wasm.im2col(xAt, g, colBase);
      else im2col(new Float32Array(heap.memory.buffer), xAt / F32, g, colBase / F32);
    }
    const a = direct ? xAt : colBase;
    product({ a, b: heap.offsetOf(filter.dataId), c: heap.offsetOf(out.dataId), m: rows, n: g.outC, k: cols, transposeA: false, transposeB: false });
  } finally {
    if (colAt !== 0) heap.allocator.free(colAt);
  }
  return out;
}

/** dx = col2im(dy · Wᵀ); null when the stock kernel should run. */
function backpropInput(tf: Tf, r: Registered, args: KernelArgs): tfc.TensorInfo | null {
  const dy = args.inputs.dy as tfc.TensorInfo;
  const filter = args.inputs.filter as tfc.TensorInfo;
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
  const heap = wasmHeapOf(args.backend);
  const product = heapProductOn(args.backend);
  if (typeof heap === 'string' || product === null || dy.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const g = convGeometry(tf, attrs.inputShape, filter.shape, attrs);
  if (typeof g === 'string' || dy.shape.join() !== [g.batch, g.outH, g.outW, g.outC].join()) return null;
  const thin = thinConvOn(args.backend);
  if (thin !== null && isThinTransposed(g)) {
    const out = heap.makeOutput([g.batch, g.inH, g.inW, g.inC], 'float32');
    const dims = [g.batch, g.inH, g.inW, g.outH, g.outW, g.fH, g.fW, g.padTop, g.padLeft, g.outC];
    thin.deconv1out(heap.offsetOf(dy.dataId), heap.offsetOf(filter.dataId), heap.offsetOf(out.dataId), ...dims);
    return out;
  }
  if (!r.routes.Conv2DBackpropInput(g)) return null;
  const { rows, cols } = im2colSize(g);
  const out = heap.makeOutput([g.batch, g.inH, g.inW, g.inC], 'float32');
  const size = g.batch * g.inH * g.inW * g.inC;
  if (rows === 0) {
    new Float32Array(heap.memory.buffer).fill(0, heap.offsetOf(out.dataId) / F32, heap.offsetOf(out.dataId) / F32 + size);
    return out;
  }
  const direct = isPointwise(g);
  const [colAt, colBase] = direct ? [0, 0] : scratch(heap, rows * cols);
  try {
    const outAt = heap.offsetOf(out.dataId);
    product({ a: heap.offsetOf(dy.dataId), b: heap.offsetOf(filter.dataId), c: direct ? outAt : colBase, m: rows, n: cols, k: g.outC, transposeA: false, transposeB: true });
    if (!direct) {
      const wasm = im2colOn(args.backend);
      if (wasm !== null) wasm.col2im(colBase, g, outAt);
      else col2im(new Float32Array(heap.memory.buffer), colBase / F32, g, outAt / F32, addSpanOn(args.backend) ?? undefined);
    }
  } finally {
    if (colAt !== 0) heap.allocator.free(colAt);
  }
  return out;
}

const IMPLEMENTATIONS: Record<ConvKernelName, (tf: Tf, r: Registered, args: KernelArgs) => tfc.TensorInfo | null> = {
  Conv2D: conv2d,
  Conv2DBackpropInput: backpropInput,
};

/**
 * Puts our Conv2D and Conv2DBackpropInput in front of the stock ones for 'wasm' (idempotent).
 * `routes` overrides where ours is used (tests and benchmarks: `() => true` everywhere).
 */
export function registerConvKernels(tf: Tf, routes: Partial<Record<ConvKernelName, ConvRoute>> = {}): { registered: string[]; reason?: string } {
  if (registered !== null) {
    registered.routes = { ...registered.routes, ...routes };
    return { registered: [...registered.stock.keys()] };
  }
  const backend = tf.findBackend(BACKEND);
  const heap = backend === null ? null : wasmHeapOf(backend);
  if (typeof heap === 'string') return { registered: [], reason: heap };
  const r: Registered = { tf, stock: new Map(), routes: { ...ROUTES, ...routes } };
  for (const name of Object.keys(IMPLEMENTATIONS) as ConvKernelName[]) {
    const stock = tf.getKernel(name, BACKEND);
    if (stock === undefined) continue;
    r.stock.set(name, stock);
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel({
      kernelName: name,
      backendName: BACKEND,
      setupFunc: stock.setupFunc,
      kernelFunc: (args) => {
        const ours = IMPLEMENTATIONS[name](tf, r, args);
        if (ours !== null) {
          counts.ours++;
          return ours;
        }
        counts.stock++;
        return stock.kernelFunc(args);
      },
    });
  }
  registered = r;
  return r.stock.size === 0 ? { registered: [], reason: 'no stock Conv2D/Conv2DBackpropInput kernels are registered for wasm' } : { registered: [...r.stock.keys()] };
}

/** Puts the stock kernels back. */
export function unregisterConvKernels(): void {
  if (registered === null) return;
  for (const [name, stock] of registered.stock) {
    registered.tf.unregisterKernel(name, BACKEND);
    registered.tf.registerKernel(stock);
  }
  registered = null;
}
