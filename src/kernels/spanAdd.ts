// addspan(dst, src, bytes): dst[i] += src[i] over `bytes` bytes of f32 (byte addresses), four at
// a time in f32x4, the rest one by one. col2im adds each row's receptive field back into the
// image with it (on the WASM backend's heap): a scalar JS loop there cost as much as the product.

import { moduleOnHeap, type WasmHeap } from './wasmBackendAccess';
import { assembleModule, Code, I32, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

function addspanFunc(): FuncDef {
  const [DST, SRC, BYTES] = [0, 1, 2];
  const [I, END4] = [3, 4];
  const c = new Code();
  c.get(BYTES).i32(-16).i32And().set(END4);
  c.i32(0).set(I);
  c.block().loop();
  c.get(I).get(END4).i32GeU().brIf(1);
  c.get(DST).get(I).i32Add();
  c.get(DST).get(I).i32Add().v128Load(0).get(SRC).get(I).i32Add().v128Load(0).f32x4Add();
  c.v128Store(0);
  c.get(I).i32(16).i32Add().set(I);
  c.br(0).end().end();
  c.block().loop();
  c.get(I).get(BYTES).i32GeU().brIf(1);
  c.get(DST).get(I).i32Add();
  c.get(DST).get(I).i32Add().f32Load(0).get(SRC).get(I).i32Add().f32Load(0).f32Add();
  c.f32Store(0);
  c.get(I).i32(4).i32Add().set(I);
  c.br(0).end().end();
  return { name: 'addspan', params: new Array<ValType>(3).fill(I32), locals: [I32, I32], body: c };
}

export function spanAddModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [addspanFunc()]);
}

/** dst[i] += src[i] for `bytes` bytes of f32 at byte addresses. */
export type AddSpan = (dst: number, src: number, bytes: number) => void;

const instances = new WeakMap<object, { heap: WasmHeap; exports: { addspan: AddSpan } } | string>();

/** The span adder on `backend`'s heap, or null where the module cannot be had (no SIMD). */
export function addSpanOn(backend: object): AddSpan | null {
  let made: { heap: WasmHeap; exports: { addspan: AddSpan } } | string;
  try {
    made = moduleOnHeap(instances, backend, (shared) => spanAddModuleBytes({ minPages: 1, shared }));
  } catch {
    return null;
  }
  return typeof made === 'string' ? null : made.exports.addspan;
}
