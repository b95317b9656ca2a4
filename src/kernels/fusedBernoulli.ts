// A 'BernoulliLogLik' kernel for TF.js's WASM backend (bernoulliModule.ts): per image the
// Bernoulli log-likelihood summed over pixels, and per pixel its gradient, in one pass. The
// model's bernoulliLogLik (src/model/losses.ts) uses it through fusedBernoulliLogLik where it is
// registered and applies; elsewhere the same formula runs as ordinary ops.

import * as tf from '@tensorflow/tfjs-core';
import { bernoulliModuleBytes } from './bernoulliModule';
import { moduleOnHeap, wasmKernelProblem, type WasmHeap } from './wasmBackendAccess';

export const BERNOULLI_KERNEL = 'BernoulliLogLik';
const BACKEND = 'wasm';

type BernoulliFn = (logits: number, x: number, rows: number, cols: number, out: number, grad: number) => void;

const instances = new WeakMap<object, { heap: WasmHeap; exports: { bernoulli: BernoulliFn } } | string>();
const instanceFor = (backend: object) => moduleOnHeap(instances, backend, (shared) => bernoulliModuleBytes({ minPages: 1, shared }));

function bernoulliKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const { logits, x } = args.inputs as Record<'logits' | 'x', tf.TensorInfo>;
  const ctx = instanceFor(args.backend);
  if (typeof ctx === 'string') throw new Error(`${BERNOULLI_KERNEL}: ${ctx}`);
  const [rows, cols] = logits.shape;
  const { heap, exports: { bernoulli: run } } = ctx;
  const out = heap.makeOutput([rows], 'float32');
  const grad = heap.makeOutput([rows, cols], 'float32');
  // Addresses after makeOutput: its malloc may have grown the heap.
  run(heap.offsetOf(logits.dataId), heap.offsetOf(x.dataId), rows, cols, heap.offsetOf(out.dataId), heap.offsetOf(grad.dataId));
  return [out, grad];
}

/** Registers the kernel for 'wasm' (idempotent); a reason when it cannot. */
export function registerFusedBernoulli(): { registered: string[]; reason?: string } {
  if (tf.getKernel(BERNOULLI_KERNEL, BACKEND) !== undefined) return { registered: [BERNOULLI_KERNEL] };
  const problem = wasmKernelProblem((name) => tf.findBackend(name), bernoulliModuleBytes({ minPages: 1, shared: false }));
  if (problem !== undefined) return { registered: [], reason: problem };
  tf.registerKernel({ kernelName: BERNOULLI_KERNEL, backendName: BACKEND, kernelFunc: bernoulliKernel });
  return { registered: [BERNOULLI_KERNEL] };
}

export function unregisterFusedBernoulli(): void {
  if (tf.getKernel(BERNOULLI_KERNEL, BACKEND) !== undefined) tf.unregisterKernel(BERNOULLI_KERNEL, BACKEND);
}

/** Whether fusedBernoulliLogLik can take these tensors on the current backend. */
export function fusedBernoulliApplies(x: tf.Tensor2D, logits: tf.Tensor2D): boolean {
  return (
    tf.getKernel(BERNOULLI_KERNEL, tf.getBackend()) !== undefined &&
    x.dtype === 'float32' &&
    logits.dtype === 'float32' &&
    x.shape[0] === logits.shape[0] &&
    x.shape[1] === logits.shape[1] &&
    logits.shape[1] % 4 === 0
  );
}

/**
 * log p(x|ℓ) per image (summed over pixels) from the kernel; its gradient with respect to the
 * logits is the kernel's per-pixel x − sigmoid(ℓ) times the incoming gradient of each image.
 * x is data: it gets no gradient.
 */
export function fusedBernoulliLogLik(x: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const l = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const [logLik, grad] = tf.engine().runKernel(BERNOULLI_KERNEL, { logits: l, x }) as tf.Tensor[];
    save([grad]);
    return { value: logLik, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(saved[0], tf.expandDims(dy, 1)) };
  });
  return f(logits) as tf.Tensor1D;
}
