// An 'Identity' kernel for TF.js's WASM backend that shares the input's memory instead of
// copying it, as the CPU and WebGL backends already do (and as the WASM backend's own Reshape
// does, through the same reference count).
//
// Why it matters: while recording gradients, the engine keeps every tensor a backward pass
// needs by cloning it (engine.saveTensorsForBackwardMode → clone → Identity). The stock WASM
// Identity copies each one, so a step of the 784-512-256-2 VAE copied all its weights and
// activations, 64 copies (≈ 4 % of the step, scripts/profile-step.ts). Tensors are immutable
// and no WASM kernel writes into an input, so a shared buffer is indistinguishable.

import type * as tfc from '@tensorflow/tfjs-core';

type Tf = typeof tfc;

const KERNEL = 'Identity';
const BACKEND = 'wasm';

interface RefCounting {
  incRef(dataId: object): void;
}

const refCounting = (backend: unknown): backend is RefCounting =>
  typeof backend === 'object' && backend !== null && typeof (backend as { incRef?: unknown }).incRef === 'function';

let stock: tfc.KernelConfig | null = null;

/** Registers the sharing Identity for 'wasm' (idempotent); strings still take the stock kernel. */
export function registerSharedIdentity(tf: Tf): { registered: string[]; reason?: string } {
  if (stock !== null) return { registered: [KERNEL] };
  const original = tf.getKernel(KERNEL, BACKEND);
  if (original === undefined) return { registered: [], reason: `no stock ${KERNEL} kernel is registered for '${BACKEND}'` };
  const backend = tf.findBackend(BACKEND);
  if (backend !== null && !refCounting(backend)) return { registered: [], reason: 'the WASM backend does not count references' };
  stock = original;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: BACKEND,
    kernelFunc: (args) => {
      const x = args.inputs.x as tfc.TensorInfo;
      if (x.dtype === 'string' || !refCounting(args.backend)) return original.kernelFunc(args);
      args.backend.incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    },
  });
  return { registered: [KERNEL] };
}

/** Puts the copying kernel back. */
export function unregisterSharedIdentity(tf: Tf): void {
  if (stock === null) return;
  tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel(stock);
  stock = null;
}
