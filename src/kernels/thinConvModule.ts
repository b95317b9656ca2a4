// Direct f32x4 convolutions for the conv VAE's one-channel ends, where im2col and a matrix product
// waste most of their work: the first layer's forward (1 → 32) and the last layer (32 → 1), whose
// input gradient is a one-channel convolution and whose forward is a transposed convolution
// into one channel. As products their one side is 1 or 9 wide (padded to 8 or 16 columns, an
// im2col matrix of 9 values a pixel), and the three took 20 ms of the step for 3 % of its
// multiply-adds (scripts/profile-conv-step.ts).
//
// conv1in(x, w, out, batch, inH, inW, outH, outW, fH, fW, sH, sW, padTop, padLeft, outC):
//   Conv2D of a one-channel image, outC a multiple of 32: per output pixel, eight f32x4 sums of
//   the filter's rows scaled by each tap's pixel.
// deconv1out(dy, w, out, batch, inH, inW, outH, outW, fH, fW, padTop, padLeft, outC):
//   Conv2DBackpropInput at stride 1 into a one-channel image (inH × inW; dy is outH × outW ×
//   outC, outC a multiple of 16): per pixel the dot products of dy's channels with the filter's.
// filter1in(x, dy, dw, batch, inH, inW, outH, outW, fH, fW, sH, sW, padTop, padLeft, outC):
//   Conv2DBackpropFilter of a one-channel image, outC a multiple of 32: per tap, the sum over
//   pixels of dy's channels scaled by the tap's pixel (the last layer's took 7.9 ms as im2col,
//   a 9-value row a pixel, and a product 100,352 deep).
// Byte addresses; sizes as convGeometry's.

import { moduleOnHeap, type WasmHeap } from './wasmBackendAccess';
import { assembleModule, Code, I32, V128, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

/** for (v = 0; v < limit; v++) body(), v and limit locals */
function forLoop(c: Code, v: number, limit: number, body: () => void): void {
  c.i32(0).set(v);
  c.block().loop();
  c.get(v).get(limit).i32GeU().brIf(1);
  body();
  c.get(v).i32(1).i32Add().set(v);
  c.br(0).end().end();
}

function conv1inFunc(): FuncDef {
  const [X, W, OUT, B, IH, IW, OH, OW, FH, FW, SH, SW, PT, PL, OC] = Array.from({ length: 15 }, (_, i) => i);
  const [b, oh, ow, kh, kw, ih, iw, c0, xb, o, wrow, img] = Array.from({ length: 12 }, (_, i) => 15 + i);
  const S = 27;
  const acc = (v: number) => 28 + v;
  const c = new Code();
  c.get(IH).get(IW).i32Mul().i32(2).i32Shl().set(img);
  c.get(X).set(xb);
  c.get(OUT).set(o);
  forLoop(c, b, B, () => {
    forLoop(c, oh, OH, () => {
      forLoop(c, ow, OW, () => {
        c.i32(0).set(c0);
        c.block().loop();
        c.get(c0).get(OC).i32GeU().brIf(1);
        for (let v = 0; v < 8; v++) c.v128Zero().set(acc(v));
        forLoop(c, kh, FH, () => {
          c.get(oh).get(SH).i32Mul().get(kh).i32Add().get(PT).i32Sub().tee(ih);
          // Unsigned: a row above the image (ih < 0) compares as huge.
          c.get(IH).i32LtU().if_();
          forLoop(c, kw, FW, () => {
            c.get(ow).get(SW).i32Mul().get(kw).i32Add().get(PL).i32Sub().tee(iw);
            c.get(IW).i32LtU().if_();
            c.get(xb).get(ih).get(IW).i32Mul().get(iw).i32Add().i32(2).i32Shl().i32Add().v128Load32Splat(0).set(S);
            c.get(W).get(kh).get(FW).i32Mul().get(kw).i32Add().get(OC).i32Mul().get(c0).i32Add().i32(2).i32Shl().i32Add().set(wrow);
            for (let v = 0; v < 8; v++) c.get(acc(v)).get(S).get(wrow).v128Load(v * 16).f32x4Mul().f32x4Add().set(acc(v));
            c.end();
          });
          c.end();
        });
        for (let v = 0; v < 8; v++) c.get(o).get(acc(v)).v128Store(v * 16);
        c.get(o).i32(128).i32Add().set(o);
        c.get(c0).i32(32).i32Add().set(c0);
        c.br(0).end().end();
      });
    });
    c.get(xb).get(img).i32Add().set(xb);
  });
  const locals: ValType[] = [...new Array<ValType>(12).fill(I32), ...new Array<ValType>(9).fill(V128)];
  return { name: 'conv1in', params: new Array<ValType>(15).fill(I32), locals, body: c };
}

function deconv1outFunc(): FuncDef {
  const [DY, W, OUT, B, IH, IW, OH, OW, FH, FW, PT, PL, OC] = Array.from({ length: 13 }, (_, i) => i);
  const [b, y, x, kh, kw, oy, ox, dyb, o, dyp, wp, end, img] = Array.from({ length: 13 }, (_, i) => 13 + i);
  const acc = (v: number) => 26 + v;
  const c = new Code();
  c.get(OH).get(OW).i32Mul().get(OC).i32Mul().i32(2).i32Shl().set(img);
  c.get(DY).set(dyb);
  c.get(OUT).set(o);
  forLoop(c, b, B, () => {
    forLoop(c, y, IH, () => {
      forLoop(c, x, IW, () => {
        for (let v = 0; v < 4; v++) c.v128Zero().set(acc(v));
        forLoop(c, kh, FH, () => {
          c.get(y).get(PT).i32Add().get(kh).i32Sub().tee(oy);
          c.get(OH).i32LtU().if_();
          forLoop(c, kw, FW, () => {
            c.get(x).get(PL).i32Add().get(kw).i32Sub().tee(ox);
            c.get(OW).i32LtU().if_();
            c.get(dyb).get(oy).get(OW).i32Mul().get(ox).i32Add().get(OC).i32Mul().i32(2).i32Shl().i32Add().set(dyp);
            c.get(dyp).get(OC).i32(2).i32Shl().i32Add().set(end);
            c.get(W).get(kh).get(FW).i32Mul().get(kw).i32Add().get(OC).i32Mul().i32(2).i32Shl().i32Add().set(wp);
            // Sixteen channels a turn, one accumulator per four.
            c.block().loop();
            c.get(dyp).get(end).i32GeU().brIf(1);
            for (let v = 0; v < 4; v++) c.get(acc(v)).get(dyp).v128Load(v * 16).get(wp).v128Load(v * 16).f32x4Mul().f32x4Add().set(acc(v));
            c.get(dyp).i32(64).i32Add().set(dyp);
            c.get(wp).i32(64).i32Add().set(wp);
            c.br(0).end().end();
            c.end();
          });
          c.end();
        });
        c.get(acc(0)).get(acc(1)).f32x4Add().get(acc(2)).get(acc(3)).f32x4Add().f32x4Add().set(acc(0));
        c.get(o);
        c.get(acc(0)).f32x4ExtractLane(0).get(acc(0)).f32x4ExtractLane(1).f32Add();
        c.get(acc(0)).f32x4ExtractLane(2).get(acc(0)).f32x4ExtractLane(3).f32Add().f32Add();
        c.f32Store(0);
        c.get(o).i32(4).i32Add().set(o);
      });
    });
    c.get(dyb).get(img).i32Add().set(dyb);
  });
  const locals: ValType[] = [...new Array<ValType>(13).fill(I32), ...new Array<ValType>(4).fill(V128)];
  return { name: 'deconv1out', params: new Array<ValType>(13).fill(I32), locals, body: c };
}

function filter1inFunc(): FuncDef {
  const [X, DY, DW, B, IH, IW, OH, OW, FH, FW, SH, SW, PT, PL, OC] = Array.from({ length: 15 }, (_, i) => i);
  const [b, oh, ow, kh, kw, ih, iw, c0, xb, dyb, dyp, wp, img, dyImg, n] = Array.from({ length: 15 }, (_, i) => 15 + i);
  const S = 30;
  const acc = (v: number) => 31 + v;
  const c = new Code();
  c.get(DW).i32(0).get(FH).get(FW).i32Mul().get(OC).i32Mul().i32(2).i32Shl().memoryFill();
  c.get(IH).get(IW).i32Mul().i32(2).i32Shl().set(img);
  c.get(OH).get(OW).i32Mul().get(OC).i32Mul().i32(2).i32Shl().set(dyImg);
  c.get(X).set(xb);
  c.get(DY).set(dyb);
  // One image at a time (its dy stays in L2 while every tap passes over it), the filter's
  // running sums in memory between images.
  forLoop(c, b, B, () => {
    forLoop(c, kh, FH, () => {
      forLoop(c, kw, FW, () => {
        c.i32(0).set(c0);
        c.block().loop();
        c.get(c0).get(OC).i32GeU().brIf(1);
        c.get(DW).get(kh).get(FW).i32Mul().get(kw).i32Add().get(OC).i32Mul().get(c0).i32Add().i32(2).i32Shl().i32Add().set(wp);
        for (let v = 0; v < 8; v++) c.get(wp).v128Load(v * 16).set(acc(v));
        forLoop(c, oh, OH, () => {
          c.get(oh).get(SH).i32Mul().get(kh).i32Add().get(PT).i32Sub().tee(ih);
          c.get(IH).i32LtU().if_();
          forLoop(c, ow, OW, () => {
            c.get(ow).get(SW).i32Mul().get(kw).i32Add().get(PL).i32Sub().tee(iw);
            c.get(IW).i32LtU().if_();
            c.get(xb).get(ih).get(IW).i32Mul().get(iw).i32Add().i32(2).i32Shl().i32Add().v128Load32Splat(0).set(S);
            c.get(dyb).get(oh).get(OW).i32Mul().get(ow).i32Add().get(OC).i32Mul().get(c0).i32Add().i32(2).i32Shl().i32Add().set(dyp);
            for (let v = 0; v < 8; v++) c.get(acc(v)).get(S).get(dyp).v128Load(v * 16).f32x4Mul().f32x4Add().set(acc(v));
            c.end();
          });
          c.end();
        });
        for (let v = 0; v < 8; v++) c.get(wp).get(acc(v)).v128Store(v * 16);
        c.get(c0).i32(32).i32Add().set(c0);
        c.br(0).end().end();
      });
    });
    c.get(xb).get(img).i32Add().set(xb);
    c.get(dyb).get(dyImg).i32Add().set(dyb);
  });
  void n;
  const locals: ValType[] = [...new Array<ValType>(15).fill(I32), ...new Array<ValType>(9).fill(V128)];
  return { name: 'filter1in', params: new Array<ValType>(15).fill(I32), locals, body: c };
}

export function thinConvModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [conv1inFunc(), deconv1outFunc(), filter1inFunc()]);
}

type Fn = (...args: number[]) => void;
export interface ThinConvExports {
  conv1in: Fn;
  deconv1out: Fn;
  filter1in: Fn;
}

const instances = new WeakMap<object, { heap: WasmHeap; exports: ThinConvExports } | string>();

/** The module on `backend`'s heap, or null where it cannot be had (no SIMD, not the WASM backend). */
export function thinConvOn(backend: object): ThinConvExports | null {
  let made: { heap: WasmHeap; exports: ThinConvExports } | string;
  try {
    made = moduleOnHeap(instances, backend, (shared) => thinConvModuleBytes({ minPages: 1, shared }));
  } catch {
    return null;
  }
  return typeof made === 'string' ? null : made.exports;
}
