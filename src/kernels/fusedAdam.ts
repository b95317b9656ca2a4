// A 'FusedAdamUpdate' kernel for TF.js's WASM backend: the whole Adam update of one variable in
// one pass over memory (adamModule.ts), returning the new value and both new moments.
// FusedAdamOptimizer runs it where it is registered and falls back to ordinary ops elsewhere.

import type * as tfc from '@tensorflow/tfjs-core';
import { adamModuleBytes } from './adamModule';
import { moduleOnHeap, wasmKernelProblem, type WasmHeap } from './wasmBackendAccess';

type Tf = typeof tfc;
type TensorInfo = tfc.TensorInfo;

export const FUSED_ADAM_KERNEL = 'FusedAdamUpdate';
const BACKEND = 'wasm';

/** Attributes of one update: the optimizer's constants and this step's bias corrections. */
export interface FusedAdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ for this step t. */
  correction1: number;
  correction2: number;
}

type AdamFn = (...args: number[]) => void;

const instances = new WeakMap<object, { heap: WasmHeap; exports: { adam: AdamFn } } | string>();
const instanceFor = (backend: object) => moduleOnHeap(instances, backend, (shared) => adamModuleBytes({ minPages: 1, shared }));

function fusedAdam(args: Parameters<tfc.KernelFunc>[0]): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { value, grad, m, v } = inputs as Record<'value' | 'grad' | 'm' | 'v', TensorInfo>;
  const a = attrs as unknown as FusedAdamAttrs;
  const ctx = instanceFor(backend);
  if (typeof ctx === 'string') throw new Error(`${FUSED_ADAM_KERNEL}: ${ctx}`);
  const n = value.shape.reduce((p, d) => p * d, 1);
  for (const t of [value, grad, m, v]) {
    if (t.dtype !== 'float32') throw new Error(`${FUSED_ADAM_KERNEL}: float32 tensors only, got ${t.dtype}`);
    if (t.shape.reduce((p, d) => p * d, 1) !== n) throw new Error(`${FUSED_ADAM_KERNEL}: value, gradient and moments differ in size`);
  }
  const { heap, exports: { adam } } = ctx;
  const outs = [0, 1, 2].map(() => heap.makeOutput([...value.shape], 'float32'));
  const [ow, om, ov] = outs.map((o) => heap.offsetOf(o.dataId));
  adam(
    heap.offsetOf(value.dataId),
    heap.offsetOf(grad.dataId),
    heap.offsetOf(m.dataId),
    heap.offsetOf(v.dataId),
    ow,
    om,
    ov,
    n,
    a.beta1,
    1 - a.beta1,
    a.beta2,
    1 - a.beta2,
    a.correction1,
    a.correction2,
    a.epsilon,
    -a.learningRate,
  );
  return outs;
}

/** Registers the kernel for the 'wasm' backend (idempotent); a reason when it cannot. */
export function registerFusedAdam(tf: Tf): { registered: string[]; reason?: string } {
  if (tf.getKernel(FUSED_ADAM_KERNEL, BACKEND) !== undefined) return { registered: [FUSED_ADAM_KERNEL] };
  const problem = wasmKernelProblem((name) => tf.findBackend(name), adamModuleBytes({ minPages: 1, shared: false }));
  if (problem !== undefined) return { registered: [], reason: problem };
  tf.registerKernel({ kernelName: FUSED_ADAM_KERNEL, backendName: BACKEND, kernelFunc: fusedAdam });
  return { registered: [FUSED_ADAM_KERNEL] };
}

export function unregisterFusedAdam(tf: Tf): void {
  if (tf.getKernel(FUSED_ADAM_KERNEL, BACKEND) !== undefined) tf.unregisterKernel(FUSED_ADAM_KERNEL, BACKEND);
}
