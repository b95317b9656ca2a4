// Emits one fused Adam update as WebAssembly: for every element, in a single pass,
//   m' = β1·m + (1−β1)·g,  v' = β2·v + (1−β2)·g²,  w' = w − lr · (m'/c1) / (√(v'/c2) + ε)
// with c1 = 1−β1ᵗ and c2 = 1−β2ᵗ: the formulas, and the order of operations, of tf.AdamOptimizer,
// which spends about thirteen element-wise kernels (and as many passes over memory) on the same.

import { assembleModule, Code, F32, I32, V128, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

/** Scalar arguments after the eight addresses/counts, in this order. */
export const ADAM_SCALARS = ['beta1', 'oneMinusBeta1', 'beta2', 'oneMinusBeta2', 'correction1', 'correction2', 'epsilon', 'negLearningRate'] as const;

/**
 * adam(w, g, m, v, outW, outM, outV, n, β1, 1−β1, β2, 1−β2, c1, c2, ε, −lr): byte addresses
 * of n floats each; outputs may alias their inputs.
 */
function adamFunc(): FuncDef {
  const [W, G, M, V, OW, OM, OV, N] = [0, 1, 2, 3, 4, 5, 6, 7];
  const scalar = (i: number) => 8 + i;
  const [I, END4, END] = [16, 17, 18];
  const splat = (i: number) => 19 + i; // 8 splatted constants
  const [GV, M1, V1] = [27, 28, 29];
  const [GS, M1S, V1S] = [30, 31, 32];
  const locals: ValType[] = [I32, I32, I32, ...new Array<ValType>(11).fill(V128), F32, F32, F32];
  const c = new Code();
  for (let k = 0; k < 8; k++) c.get(scalar(k)).f32x4Splat().set(splat(k));
  c.get(N).i32(4).i32Mul().set(END);
  c.get(N).i32(-4).i32And().i32(4).i32Mul().set(END4);
  const [B1, OMB1, B2, OMB2, C1, C2, EPS, NLR] = [0, 1, 2, 3, 4, 5, 6, 7];
  const at = (base: number) => c.get(base).get(I).i32Add();

  c.i32(0).set(I);
  c.block().loop();
  c.get(I).get(END4).i32GeU().brIf(1);
  at(G).v128Load().set(GV);
  at(M).v128Load().get(splat(B1)).f32x4Mul().get(GV).get(splat(OMB1)).f32x4Mul().f32x4Add().set(M1);
  at(V).v128Load().get(splat(B2)).f32x4Mul().get(GV).get(GV).f32x4Mul().get(splat(OMB2)).f32x4Mul().f32x4Add().set(V1);
  at(OM).get(M1).v128Store();
  at(OV).get(V1).v128Store();
  at(OW);
  c.get(M1).get(splat(C1)).f32x4Div();
  c.get(V1).get(splat(C2)).f32x4Div().f32x4Sqrt().get(splat(EPS)).f32x4Add();
  c.f32x4Div().get(splat(NLR)).f32x4Mul();
  at(W).v128Load().f32x4Add();
  c.v128Store();
  c.get(I).i32(16).i32Add().set(I);
  c.br(0).end().end();

  // The last n mod 4 elements, one at a time, same arithmetic.
  c.block().loop();
  c.get(I).get(END).i32GeU().brIf(1);
  at(G).f32Load().set(GS);
  at(M).f32Load().get(scalar(B1)).f32Mul().get(GS).get(scalar(OMB1)).f32Mul().f32Add().set(M1S);
  at(V).f32Load().get(scalar(B2)).f32Mul().get(GS).get(GS).f32Mul().get(scalar(OMB2)).f32Mul().f32Add().set(V1S);
  at(OM).get(M1S).f32Store();
  at(OV).get(V1S).f32Store();
  at(OW);
  c.get(M1S).get(scalar(C1)).f32Div();
  c.get(V1S).get(scalar(C2)).f32Div().f32Sqrt().get(scalar(EPS)).f32Add();
  c.f32Div().get(scalar(NLR)).f32Mul();
  at(W).f32Load().f32Add();
  c.f32Store();
  c.get(I).i32(4).i32Add().set(I);
  c.br(0).end().end();
  return { name: 'adam', params: [...new Array<ValType>(8).fill(I32), ...new Array<ValType>(8).fill(F32)], locals, body: c };
}

export function adamModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [adamFunc()]);
}
