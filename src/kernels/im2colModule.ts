// im2col and col2im (convGeometry.ts) as WebAssembly on the backend's heap. The JS versions cost
// the conv VAE's step 29 ms of 213 (16 + 13, scripts/profile-conv-step.ts): one copyWithin or
// addSpan call per filter row of each output pixel, 75,000 calls per layer. Here the whole loop
// nest runs in the module: bulk-memory copies and fills for im2col, an f32x4 add for col2im, in
// the same order as the JS, so the results are bit-identical (im2colModule.test.ts).
//
// Both take (x, col, batch, inH, inW, inC, outH, outW, fH, fW, sH, sW, padTop, padLeft), byte
// addresses first; col2im zeroes x and adds every row's receptive field into it.

import type { ConvGeometry } from './convGeometry';
import { moduleOnHeap, type WasmHeap } from './wasmBackendAccess';
import { assembleModule, Code, I32, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

const [X, COL, B, IH, IW, IC, OH, OW, FH, FW, SH, SW, PT, PL] = Array.from({ length: 14 }, (_, i) => i);
const PARAMS = 14;
const [b, oh, ow, kh, xb, r, span, rowLen, iw0, kw0, kw1, ih, at, img, cb, t, n, i, n4] = Array.from({ length: 19 }, (_, k) => PARAMS + k);
const LOCALS: ValType[] = new Array<ValType>(19).fill(I32);

/** for (v = 0; v < limit; v++) body() */
function forLoop(c: Code, v: number, limit: number, body: () => void): void {
  c.i32(0).set(v);
  c.block().loop();
  c.get(v).get(limit).i32GeU().brIf(1);
  body();
  c.get(v).i32(1).i32Add().set(v);
  c.br(0).end().end();
}

/**
 * The loop nest both share: for each output pixel (r, the byte address of its row of `col`) the
 * filter columns kw0 … kw1 − 1 inside the image, and for each filter row kh its image row ih and
 * its part of the row, `at`; `perRow` emits what happens there.
 */
function nest(c: Code, perRow: () => void): void {
  c.get(IC).i32(2).i32Shl().set(cb);
  c.get(FW).get(cb).i32Mul().set(span);
  c.get(FH).get(span).i32Mul().set(rowLen);
  c.get(IH).get(IW).i32Mul().get(cb).i32Mul().set(img);
  c.get(COL).set(r);
  c.get(X).set(xb);
  forLoop(c, b, B, () => {
    forLoop(c, oh, OH, () => {
      forLoop(c, ow, OW, () => {
        c.get(ow).get(SW).i32Mul().get(PL).i32Sub().set(iw0);
        // kw0 = max(0, −iw0); kw1 = max(kw0, min(fW, inW − iw0))
        c.i32(0).get(iw0).i32Sub().i32(0).get(iw0).i32(0).i32LtS().select().set(kw0);
        c.get(IW).get(iw0).i32Sub().set(t);
        c.get(FW).get(t).get(FW).get(t).i32LtS().select().set(t);
        c.get(kw0).get(t).get(kw0).get(t).i32GtS().select().set(kw1);
        forLoop(c, kh, FH, () => {
          c.get(oh).get(SH).i32Mul().get(kh).i32Add().get(PT).i32Sub().set(ih);
          c.get(r).get(kh).get(span).i32Mul().i32Add().set(at);
          perRow();
        });
        c.get(r).get(rowLen).i32Add().set(r);
      });
    });
    c.get(xb).get(img).i32Add().set(xb);
  });
}

/** The image address of filter column kw0 in row ih: xb + (ih·inW + iw0 + kw0)·inC floats. */
const imageAt = (c: Code) => c.get(xb).get(ih).get(IW).i32Mul().get(iw0).i32Add().get(kw0).i32Add().get(cb).i32Mul().i32Add();

function im2colFunc(): FuncDef {
  const c = new Code();
  nest(c, () => {
    // Unsigned: a row above the image (ih < 0) compares as huge.
    c.get(ih).get(IH).i32GeU().if_();
    c.get(at).i32(0).get(span).memoryFill();
    c.else_();
    c.get(kw0).i32(0).i32GtS().if_();
    c.get(at).i32(0).get(kw0).get(cb).i32Mul().memoryFill();
    c.end();
    c.get(kw1).get(kw0).i32GtS().if_();
    c.get(at).get(kw0).get(cb).i32Mul().i32Add();
    imageAt(c);
    c.get(kw1).get(kw0).i32Sub().get(cb).i32Mul().memoryCopy();
    c.end();
    c.get(kw1).get(FW).i32LtS().if_();
    c.get(at).get(kw1).get(cb).i32Mul().i32Add().i32(0).get(FW).get(kw1).i32Sub().get(cb).i32Mul().memoryFill();
    c.end();
    c.end();
  });
  return { name: 'im2col', params: new Array<ValType>(PARAMS).fill(I32), locals: LOCALS, body: c };
}

function col2imFunc(): FuncDef {
  const c = new Code();
  c.get(X).i32(0).get(B).get(IH).i32Mul().get(IW).i32Mul().get(IC).i32Mul().i32(2).i32Shl().memoryFill();
  nest(c, () => {
    c.get(ih).get(IH).i32LtU().if_();
    // t = the image's address, at = the row's, n bytes to add: 16 at a time, then the rest.
    imageAt(c).set(t);
    c.get(at).get(kw0).get(cb).i32Mul().i32Add().set(at);
    c.get(kw1).get(kw0).i32Sub().get(cb).i32Mul().set(n);
    c.get(n).i32(-16).i32And().set(n4);
    c.i32(0).set(i);
    c.block().loop();
    c.get(i).get(n4).i32GeU().brIf(1);
    c.get(t).get(i).i32Add();
    c.get(t).get(i).i32Add().v128Load(0).get(at).get(i).i32Add().v128Load(0).f32x4Add();
    c.v128Store(0);
    c.get(i).i32(16).i32Add().set(i);
    c.br(0).end().end();
    c.block().loop();
    c.get(i).get(n).i32GeU().brIf(1);
    c.get(t).get(i).i32Add();
    c.get(t).get(i).i32Add().f32Load(0).get(at).get(i).i32Add().f32Load(0).f32Add();
    c.f32Store(0);
    c.get(i).i32(4).i32Add().set(i);
    c.br(0).end().end();
    c.end();
  });
  return { name: 'col2im', params: new Array<ValType>(PARAMS).fill(I32), locals: LOCALS, body: c };
}

export function im2colModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [im2colFunc(), col2imFunc()]);
}

type Fn = (...args: number[]) => void;

/** im2col and col2im of a geometry at byte addresses of the heap they were made for. */
export interface HeapIm2col {
  im2col(x: number, g: ConvGeometry, col: number): void;
  col2im(col: number, g: ConvGeometry, x: number): void;
}

const dims = (g: ConvGeometry) => [g.batch, g.inH, g.inW, g.inC, g.outH, g.outW, g.fH, g.fW, g.sH, g.sW, g.padTop, g.padLeft];

/** Wraps the module's exports (tests instantiate it on a memory of their own). */
export function heapIm2colOf(exports: { im2col: Fn; col2im: Fn }): HeapIm2col {
  return {
    im2col: (x, g, col) => exports.im2col(x, col, ...dims(g)),
    col2im: (col, g, x) => exports.col2im(x, col, ...dims(g)),
  };
}

const instances = new WeakMap<object, { heap: WasmHeap; exports: { im2col: Fn; col2im: Fn } } | string>();

/** The module on `backend`'s heap, or null where it cannot be had (no SIMD, not the WASM backend). */
export function im2colOn(backend: object): HeapIm2col | null {
  let made: { heap: WasmHeap; exports: { im2col: Fn; col2im: Fn } } | string;
  try {
    made = moduleOnHeap(instances, backend, (shared) => im2colModuleBytes({ minPages: 1, shared }));
  } catch {
    return null;
  }
  return typeof made === 'string' ? null : heapIm2colOf(made.exports);
}
