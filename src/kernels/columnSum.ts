// A 'Sum' kernel for TF.js's WASM backend for reductions over the leading axes (a column sum):
// every bias gradient is one (the gradient of x·W + b sums dy over the batch). The stock kernel
// first transposes the input so the reduced axes come last, then sums: two passes and a copy.
// This one adds rows into the output in one pass of f32x4 additions. Any other reduction
// (inner axes, other dtypes) goes to the stock kernel.

import type * as tfc from '@tensorflow/tfjs-core';
import { moduleOnHeap, wasmKernelProblem, type WasmHeap } from './wasmBackendAccess';
import { assembleModule, Code, I32, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

type Tf = typeof tfc;

const KERNEL = 'Sum';
const BACKEND = 'wasm';

/**
 * colsum(src, rows, cols, dst): dst[j] = Σ_i src[i·cols + j], byte addresses. Rows are added
 * in order, four columns per f32x4, the last cols mod 4 one at a time.
 */
function colsumFunc(): FuncDef {
  const [SRC, ROWS, COLS, DST] = [0, 1, 2, 3];
  const [I, J, ROW, END4, END] = [4, 5, 6, 7, 8];
  const c = new Code();
  c.get(COLS).i32(4).i32Mul().set(END);
  c.get(COLS).i32(-4).i32And().i32(4).i32Mul().set(END4);
  // dst = the first row.
  c.i32(0).set(J);
  c.block().loop();
  c.get(J).get(END).i32GeU().brIf(1);
  c.get(DST).get(J).i32Add().get(SRC).get(J).i32Add().f32Load(0).f32Store(0);
  c.get(J).i32(4).i32Add().set(J);
  c.br(0).end().end();
  c.i32(1).set(I);
  c.get(SRC).get(END).i32Add().set(ROW);
  c.block().loop();
  c.get(I).get(ROWS).i32GeU().brIf(1);
  c.i32(0).set(J);
  c.block().loop();
  c.get(J).get(END4).i32GeU().brIf(1);
  c.get(DST).get(J).i32Add();
  c.get(DST).get(J).i32Add().v128Load(0).get(ROW).get(J).i32Add().v128Load(0).f32x4Add();
  c.v128Store(0);
  c.get(J).i32(16).i32Add().set(J);
  c.br(0).end().end();
  c.block().loop();
  c.get(J).get(END).i32GeU().brIf(1);
  c.get(DST).get(J).i32Add();
  c.get(DST).get(J).i32Add().f32Load(0).get(ROW).get(J).i32Add().f32Load(0).f32Add();
  c.f32Store(0);
  c.get(J).i32(4).i32Add().set(J);
  c.br(0).end().end();
  c.get(ROW).get(END).i32Add().set(ROW);
  c.get(I).i32(1).i32Add().set(I);
  c.br(0).end().end();
  return { name: 'colsum', params: new Array<ValType>(4).fill(I32), locals: new Array<ValType>(5).fill(I32), body: c };
}

export function columnSumModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [colsumFunc()]);
}

/** Rows and columns when `axis` reduces exactly the leading axes of `shape`, else null. */
export function leadingReduction(shape: readonly number[], axis: number | number[] | undefined): { rows: number; cols: number; outShape: number[] } | null {
  const rank = shape.length;
  if (axis === undefined || rank < 2) return null;
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= rank || axes.some((a, i) => a !== i)) return null;
  const lead = axes.length;
  const rows = shape.slice(0, lead).reduce((p, d) => p * d, 1);
  const outShape = shape.slice(lead);
  const cols = outShape.reduce((p, d) => p * d, 1);
  return rows > 0 && cols > 0 ? { rows, cols, outShape } : null;
}

type ColSum = (src: number, rows: number, cols: number, dst: number) => void;
const instances = new WeakMap<object, { heap: WasmHeap; exports: { colsum: ColSum } } | string>();
const instanceFor = (backend: object) => moduleOnHeap(instances, backend, (shared) => columnSumModuleBytes({ minPages: 1, shared }));

let stock: tfc.KernelConfig | null = null;
/** Sums that took the fast path since registration (tests check the route). */
let fastSums = 0;
export const columnSumCount = (): number => fastSums;

/** Registers the column-sum fast path for 'wasm' (idempotent); a reason when it cannot. */
export function registerColumnSum(tf: Tf): { registered: string[]; reason?: string } {
  if (stock !== null) return { registered: [KERNEL] };
  const original = tf.getKernel(KERNEL, BACKEND);
  if (original === undefined) return { registered: [], reason: `no stock ${KERNEL} kernel is registered for '${BACKEND}'` };
  const problem = wasmKernelProblem((name) => tf.findBackend(name), columnSumModuleBytes({ minPages: 1, shared: false }));
  if (problem !== undefined) return { registered: [], reason: problem };
  stock = original;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: BACKEND,
    setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      const x = args.inputs.x as tfc.TensorInfo;
      const attrs = args.attrs as { axis?: number | number[]; keepDims?: boolean };
      const plan = x.dtype === 'float32' ? leadingReduction(x.shape, attrs.axis) : null;
      const ctx = plan ? instanceFor(args.backend) : null;
      if (plan === null || ctx === null || typeof ctx === 'string') return original.kernelFunc(args);
      const outShape = attrs.keepDims ? [...x.shape.map((d, i) => (i < x.shape.length - plan.outShape.length ? 1 : d))] : plan.outShape;
      const out = ctx.heap.makeOutput(outShape, 'float32');
      // Addresses after makeOutput: its malloc may have grown the heap.
      ctx.exports.colsum(ctx.heap.offsetOf(x.dataId), plan.rows, plan.cols, ctx.heap.offsetOf(out.dataId));
      fastSums++;
      return out;
    },
  });
  return { registered: [KERNEL] };
}

/** Puts the stock kernel back. */
export function unregisterColumnSum(tf: Tf): void {
  if (stock === null) return;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel(stock);
  stock = null;
}
