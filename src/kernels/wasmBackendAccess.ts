// The few internals of the TF.js WASM backend (4.22) the fast kernels rely on, reached through
// runtime checks rather than casts: the Emscripten heap's WebAssembly.Memory, its malloc/free,
// and the heap address of a tensor's data.

import type { HeapAllocator } from './gemm';

interface TensorDataEntry {
  memoryOffset: number | null;
}

/** What the kernels use of a BackendWasm instance. */
export interface WasmHeap {
  memory: WebAssembly.Memory;
  allocator: HeapAllocator;
  /** Byte address of a tensor's values on the heap. */
  offsetOf(dataId: object): number;
  makeOutput(shape: number[], dtype: 'float32'): { dataId: object; shape: number[]; dtype: 'float32' };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function findMemory(module: Record<string, unknown>): WebAssembly.Memory | null {
  if (module.wasmMemory instanceof WebAssembly.Memory) return module.wasmMemory;
  const asm = module.asm;
  if (!isObject(asm)) return null;
  if (asm.memory instanceof WebAssembly.Memory) return asm.memory;
  // Minified Emscripten exports may rename the memory: take the one memory export there is.
  const memories = Object.values(asm).filter((v): v is WebAssembly.Memory => v instanceof WebAssembly.Memory);
  return memories.length === 1 ? memories[0] : null;
}

/** The heap of a WASM backend instance, or a reason why it cannot be reached. */
export function wasmHeapOf(backend: unknown): WasmHeap | string {
  if (!isObject(backend)) return 'no backend instance';
  const module = backend.wasm;
  const dataIdMap = backend.dataIdMap;
  const makeOutput = backend.makeOutput;
  if (!isObject(module)) return 'the backend has no Emscripten module (is it the wasm backend?)';
  const memory = findMemory(module);
  if (memory === null) return 'the Emscripten module does not expose its WebAssembly.Memory';
  const malloc = module._malloc;
  const free = module._free;
  if (typeof malloc !== 'function' || typeof free !== 'function') return 'the Emscripten module has no _malloc/_free';
  if (!isObject(dataIdMap) || typeof dataIdMap.get !== 'function') return 'the backend has no dataIdMap';
  if (typeof makeOutput !== 'function') return 'the backend has no makeOutput';
  const get = dataIdMap.get as (id: object) => unknown;
  return {
    memory,
    allocator: {
      malloc: (bytes) => (malloc as (n: number) => number)(bytes) >>> 0,
      free: (ptr) => (free as (p: number) => void)(ptr),
    },
    offsetOf(dataId) {
      const entry = get.call(dataIdMap, dataId) as TensorDataEntry | undefined;
      if (entry === undefined || entry.memoryOffset === null) throw new Error('fast matMul: tensor data is not on the WASM heap');
      return entry.memoryOffset;
    },
    makeOutput: (shape, dtype) => (makeOutput as WasmHeap['makeOutput']).call(backend, shape, dtype),
  };
}

/**
 * A module of ours instantiated on a WASM backend's heap, once per backend instance (cached in
 * `cache`), or the reason it cannot be: `bytes(shared)` emits it for a shared or a plain memory.
 */
export function moduleOnHeap<E>(
  cache: WeakMap<object, { heap: WasmHeap; exports: E } | string>,
  backend: object,
  bytes: (shared: boolean) => Uint8Array<ArrayBuffer>,
): { heap: WasmHeap; exports: E } | string {
  const known = cache.get(backend);
  if (known !== undefined) return known;
  const heap = wasmHeapOf(backend);
  let made: { heap: WasmHeap; exports: E } | string;
  if (typeof heap === 'string') made = heap;
  else {
    const shared = typeof SharedArrayBuffer !== 'undefined' && heap.memory.buffer instanceof SharedArrayBuffer;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes(shared)), { env: { memory: heap.memory } });
    made = { heap, exports: instance.exports as E };
  }
  cache.set(backend, made);
  return made;
}

/**
 * Why a kernel built on `moduleBytes` cannot be registered for the WASM backend, or undefined:
 * the engine must validate the module (SIMD), and a WASM backend already running must expose
 * its heap. `findBackend` is tf.findBackend.
 */
export function wasmKernelProblem(findBackend: (name: string) => unknown, moduleBytes: Uint8Array<ArrayBuffer>): string | undefined {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(moduleBytes)) return 'WebAssembly SIMD is not available';
  const backend = findBackend('wasm');
  if (backend === null || backend === undefined) return undefined;
  const heap = wasmHeapOf(backend);
  return typeof heap === 'string' ? heap : undefined;
}
