// The ReLU's gradient in one pass for TF.js's WASM backend. TF.js computes it as
// dy · cast(step(x)): three kernels, two of them writing a temporary as large as the activation,
// which cost the conv VAE's step 13 ms of 220 (scripts/profile-conv-step.ts). Here one f32x4 loop
// multiplies dy by the same factor (1 where x > 0, NaN where x is NaN, else 0), so the result is
// bit-identical to TF.js's. The gradient of 'Relu' asks for this kernel on 'wasm' and keeps
// TF.js's own formula on every other backend.

import * as tf from '@tensorflow/tfjs-core';
import { moduleOnHeap, wasmKernelProblem, type WasmHeap } from './wasmBackendAccess';
import { assembleModule, Code, I32, V128, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

export const RELU_GRAD_KERNEL = 'VaeReluGrad';
const BACKEND = 'wasm';
const F32 = 4;

/** relugrad(dx, dy, x, bytes): dx = dy · (x > 0 ? 1 : x is NaN ? NaN : 0), 16 bytes at a time. */
function reluGradFunc(): FuncDef {
  const [DX, DY, X, BYTES] = [0, 1, 2, 3];
  const [I, XV, ONE] = [4, 5, 6];
  const c = new Code();
  c.f32(1).f32x4Splat().set(ONE);
  c.i32(0).set(I);
  c.block().loop();
  c.get(I).get(BYTES).i32GeU().brIf(1);
  c.get(X).get(I).i32Add().v128Load(0).set(XV);
  c.get(DX).get(I).i32Add();
  c.get(DY).get(I).i32Add().v128Load(0);
  // factor = x is NaN ? x : (x > 0 ? 1 : 0)
  c.get(XV).get(ONE).get(XV).v128Zero().f32x4Gt().v128And();
  c.get(XV).get(XV).f32x4Ne().v128Bitselect();
  c.f32x4Mul().v128Store(0);
  c.get(I).i32(16).i32Add().set(I);
  c.br(0).end().end();
  return { name: 'relugrad', params: new Array<ValType>(4).fill(I32), locals: [I32, V128, V128], body: c };
}

export function reluGradModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [reluGradFunc()]);
}

type ReluGradFn = (dx: number, dy: number, x: number, bytes: number) => void;
const instances = new WeakMap<object, { heap: WasmHeap; exports: { relugrad: ReluGradFn } } | string>();
const instanceFor = (backend: object) => moduleOnHeap(instances, backend, (shared) => reluGradModuleBytes({ minPages: 1, shared }));

/** As TF.js's step: 1 above zero, the value itself when NaN, else 0. */
const factor = (x: number): number => (x > 0 ? 1 : Number.isNaN(x) ? x : 0);

function reluGradKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { dy, x } = args.inputs as Record<'dy' | 'x', tf.TensorInfo>;
  const ctx = instanceFor(args.backend);
  if (typeof ctx === 'string') throw new Error(`${RELU_GRAD_KERNEL}: ${ctx}`);
  const { heap, exports: { relugrad } } = ctx;
  const out = heap.makeOutput([...x.shape], 'float32');
  const size = x.shape.reduce((a, b) => a * b, 1);
  // Addresses after makeOutput: its malloc may have grown the heap.
  const [dxAt, dyAt, xAt] = [heap.offsetOf(out.dataId), heap.offsetOf(dy.dataId), heap.offsetOf(x.dataId)];
  const whole = size - (size % 4);
  relugrad(dxAt, dyAt, xAt, whole * F32);
  if (whole < size) {
    const f = new Float32Array(heap.memory.buffer);
    for (let i = whole; i < size; i++) f[dxAt / F32 + i] = f[dyAt / F32 + i] * factor(f[xAt / F32 + i]);
  }
  return out;
}

/** TF.js's own gradient of 'Relu', kept to restore and for the other backends. */
let stockGradient: tf.GradConfig | undefined;

function reluGradient(): tf.GradConfig {
  return {
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      const d = dy as tf.Tensor;
      const fused = tf.getBackend() === BACKEND && x.dtype === 'float32' && d.dtype === 'float32' && tf.getKernel(RELU_GRAD_KERNEL, BACKEND) !== undefined;
      return { x: () => (fused ? (tf.engine().runKernel(RELU_GRAD_KERNEL, { dy: d, x }) as tf.Tensor) : tf.mul(d, tf.cast(tf.step(x), 'float32'))) };
    },
  };
}

/** Registers the kernel for 'wasm' and the 'Relu' gradient that uses it (idempotent); a reason when it cannot. */
export function registerFusedReluGrad(): { registered: string[]; reason?: string } {
  if (tf.getKernel(RELU_GRAD_KERNEL, BACKEND) !== undefined) return { registered: [RELU_GRAD_KERNEL] };
  const problem = wasmKernelProblem((name) => tf.findBackend(name), reluGradModuleBytes({ minPages: 1, shared: false }));
  if (problem !== undefined) return { registered: [], reason: problem };
  tf.registerKernel({ kernelName: RELU_GRAD_KERNEL, backendName: BACKEND, kernelFunc: reluGradKernel });
  stockGradient = tf.getGradient('Relu');
  tf.registerGradient(reluGradient());
  return { registered: [RELU_GRAD_KERNEL] };
}

/** Puts TF.js's kernel set and 'Relu' gradient back. */
export function unregisterFusedReluGrad(): void {
  if (tf.getKernel(RELU_GRAD_KERNEL, BACKEND) !== undefined) tf.unregisterKernel(RELU_GRAD_KERNEL, BACKEND);
  if (stockGradient !== undefined) tf.registerGradient(stockGradient);
  stockGradient = undefined;
}
