// Emits the matrix-product module: a register-blocked MR×NR f32x4 micro-kernel looped over
// packed panels (BLIS style), the packing routines that bring any of the four transpose
// layouts into those panels, and the sparse product of sparseModule.ts. Everything addresses
// one imported memory, so the kernels can work directly on the TF.js WASM heap.

import { sparseFuncs } from './sparseModule';
import { assembleModule, Code, I32, V128, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

export interface GemmShapeConfig {
  /** Rows of C per micro-tile (accumulator rows). */
  mr: number;
  /** Columns of C per micro-tile; a multiple of 4 (one f32x4 per 4 columns). */
  nr: number;
  /** k steps per loop iteration in the micro-kernel. */
  unroll: number;
  /** Use relaxed-SIMD fused multiply-add (only where the engine validates it). */
  fma: boolean;
}

// 4×8 measured best on x86-64 under V8 (16 xmm registers: 8 accumulators, 2 B, 1 A, 1 temp);
// 6×8, 4×12 and 8×8 spill, and unrolling k only lengthens the loop TurboFan already peels.
export const DEFAULT_GEMM_SHAPE: GemmShapeConfig = { mr: 4, nr: 8, unroll: 1, fma: false };

/**
 * gemm(ap, bp, c, mPanels, nPanels, kc, ldcBytes, accumulate)
 * C[ip·mr + r][jp·nr + j] (+)= Σ_k Ap[ip][k][r] · Bp[jp][k][j]. Panels hold kc steps each.
 * Column panels outside, row panels inside: one B micro-panel stays in L1 while A streams.
 */
function gemmFunc(cfg: GemmShapeConfig): FuncDef {
  const { mr, nr, unroll, fma } = cfg;
  const nv = nr / 4;
  const [AP, BP, C, MP, NP, KC, LDC, ACC] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [JP, IP, A, B, AEND, ASTEP, BSTEP, CTILE, CROW] = [8, 9, 10, 11, 12, 13, 14, 15, 16];
  const firstV = 17;
  const accLocal = (r: number, v: number) => firstV + r * nv + v;
  const bLocal = (v: number) => firstV + mr * nv + v;
  const aLocal = firstV + mr * nv + nv;
  const locals: ValType[] = [...new Array<ValType>(9).fill(I32), ...new Array<ValType>(mr * nv + nv + 1).fill(V128)];

  const c = new Code();
  const step = (u: number) => {
    for (let v = 0; v < nv; v++) c.get(B).v128Load((u * nr + v * 4) * 4).set(bLocal(v));
    for (let r = 0; r < mr; r++) {
      c.get(A).v128Load32Splat((u * mr + r) * 4).set(aLocal);
      for (let v = 0; v < nv; v++) {
        if (fma) c.get(aLocal).get(bLocal(v)).get(accLocal(r, v)).f32x4RelaxedMadd();
        else c.get(accLocal(r, v)).get(aLocal).get(bLocal(v)).f32x4Mul().f32x4Add();
        c.set(accLocal(r, v));
      }
    }
  };
  /** Visits every row of the C tile with CROW pointing at it. */
  const eachRow = (body: (r: number) => void) => {
    c.get(CTILE).set(CROW);
    for (let r = 0; r < mr; r++) {
      if (r > 0) c.get(CROW).get(LDC).i32Add().set(CROW);
      body(r);
    }
  };

  c.get(KC).i32(mr * 4).i32Mul().set(ASTEP);
  c.get(KC).i32(nr * 4).i32Mul().set(BSTEP);
  c.i32(0).set(JP);
  c.block().loop();
  {
    c.get(JP).get(NP).i32GeU().brIf(1);
    c.i32(0).set(IP);
    c.block().loop();
    {
      c.get(IP).get(MP).i32GeU().brIf(1);
      c.get(AP).get(IP).get(ASTEP).i32Mul().i32Add().tee(A).get(ASTEP).i32Add().set(AEND);
      c.get(C).get(IP).i32(mr).i32Mul().get(LDC).i32Mul().i32Add().get(JP).i32(nr * 4).i32Mul().i32Add().set(CTILE);

      c.get(ACC).if_();
      eachRow((r) => {
        for (let v = 0; v < nv; v++) c.get(CROW).v128Load(v * 16).set(accLocal(r, v));
      });
      c.else_();
      for (let r = 0; r < mr; r++) for (let v = 0; v < nv; v++) c.v128Zero().set(accLocal(r, v));
      c.end();

      c.get(BP).get(JP).get(BSTEP).i32Mul().i32Add().set(B);
      // Unrolled steps while a whole group remains, then single steps.
      c.block().loop();
      c.get(A).i32(unroll * mr * 4).i32Add().get(AEND).i32GtU().brIf(1);
      for (let u = 0; u < unroll; u++) step(u);
      c.get(A).i32(unroll * mr * 4).i32Add().set(A);
      c.get(B).i32(unroll * nr * 4).i32Add().set(B);
      c.br(0).end().end();
      c.block().loop();
      c.get(A).get(AEND).i32GeU().brIf(1);
      step(0);
      c.get(A).i32(mr * 4).i32Add().set(A);
      c.get(B).i32(nr * 4).i32Add().set(B);
      c.br(0).end().end();

      eachRow((r) => {
        for (let v = 0; v < nv; v++) c.get(CROW).get(accLocal(r, v)).v128Store(v * 16);
      });
      c.get(IP).i32(1).i32Add().set(IP);
      c.br(0);
    }
    c.end().end();
    c.get(JP).i32(1).i32Add().set(JP);
    c.br(0);
  }
  c.end().end();
  return { name: 'gemm', params: new Array<ValType>(8).fill(I32), locals, body: c };
}

/**
 * pack{w}(src, rowStride, kStride, dst, rows, panels, kc), strides in bytes:
 * dst[p][k][r] = src[(p·w + r)·rowStride + k·kStride] for rows < `rows`, else 0.
 * Generic (any layout) scalar copy; the contiguous and transposing cases have faster twins.
 */
function packGenericFunc(w: number): FuncDef {
  const [SRC, RS, KS, DST, ROWS, PANELS, KC] = [0, 1, 2, 3, 4, 5, 6];
  const [P, K, ROW0, S] = [7, 8, 9, 10];
  const c = new Code();
  c.i32(0).set(P);
  c.block().loop();
  c.get(P).get(PANELS).i32GeU().brIf(1);
  c.get(P).i32(w).i32Mul().set(ROW0);
  c.i32(0).set(K);
  c.block().loop();
  c.get(K).get(KC).i32GeU().brIf(1);
  c.get(SRC).get(ROW0).get(RS).i32Mul().i32Add().get(K).get(KS).i32Mul().i32Add().set(S);
  for (let r = 0; r < w; r++) {
    // dst value: row < rows ? src : 0 (select keeps the loop free of branches).
    c.get(DST);
    c.get(S).get(RS).i32(r).i32Mul().i32Add().f32Load(0);
    c.f32(0);
    c.get(ROW0).i32(r).i32Add().get(ROWS).i32LtU();
    c.select();
    c.f32Store(r * 4);
  }
  c.get(DST).i32(w * 4).i32Add().set(DST);
  c.get(K).i32(1).i32Add().set(K);
  c.br(0).end().end();
  c.get(P).i32(1).i32Add().set(P);
  c.br(0).end().end();
  return { name: `pack${w}`, params: new Array<ValType>(7).fill(I32), locals: [I32, I32, I32, I32], body: c };
}

/**
 * packRows{w}(src, kStride, dst, panels, kc): the w values of one k are adjacent in src
 * (rowStride 4 bytes), so each step is a straight f32x4 copy. Full panels only.
 */
function packContiguousFunc(w: number): FuncDef {
  const [SRC, KS, DST, PANELS, KC] = [0, 1, 2, 3, 4];
  const [P, K, S] = [5, 6, 7];
  const c = new Code();
  c.i32(0).set(P);
  c.block().loop();
  c.get(P).get(PANELS).i32GeU().brIf(1);
  c.get(SRC).get(P).i32(w * 4).i32Mul().i32Add().set(S);
  c.i32(0).set(K);
  c.block().loop();
  c.get(K).get(KC).i32GeU().brIf(1);
  for (let v = 0; v < w / 4; v++) c.get(DST).get(S).v128Load(v * 16).v128Store(v * 16);
  if (w % 4 === 2) c.get(DST).get(S).v128Load64Zero((w - 2) * 4).v128Store64Lane((w - 2) * 4, 0);
  c.get(S).get(KS).i32Add().set(S);
  c.get(DST).i32(w * 4).i32Add().set(DST);
  c.get(K).i32(1).i32Add().set(K);
  c.br(0).end().end();
  c.get(P).i32(1).i32Add().set(P);
  c.br(0).end().end();
  return { name: `packRows${w}`, params: new Array<ValType>(5).fill(I32), locals: [I32, I32, I32], body: c };
}

/**
 * packCols{w}(src, rowStride, dst, panels, kc): consecutive k are adjacent in src (kStride 4
 * bytes), so 4 k steps of 4 rows are one 4×4 transpose in registers; the last kc mod 4 steps
 * are copied one value at a time. w a multiple of 4. Full panels only.
 */
function packTransposingFunc(w: number): FuncDef {
  const [SRC, RS, DST, PANELS, KC] = [0, 1, 2, 3, 4];
  const [P, K, ROW, D, BASE] = [5, 6, 7, 8, 9];
  const [X0, T0] = [10, 14];
  const c = new Code();
  c.i32(0).set(P);
  c.block().loop();
  c.get(P).get(PANELS).i32GeU().brIf(1);
  // BASE: the panel's first source row.
  c.get(SRC).get(P).i32(w).i32Mul().get(RS).i32Mul().i32Add().set(BASE);
  c.i32(0).set(K);
  c.block().loop();
  c.get(K).i32(4).i32Add().get(KC).i32GtU().brIf(1);
  c.get(DST).get(P).get(KC).i32Mul().get(K).i32Add().i32(w * 4).i32Mul().i32Add().set(D);
  for (let g = 0; g < w / 4; g++) {
    c.get(BASE).i32(g * 4).get(RS).i32Mul().i32Add().get(K).i32(4).i32Mul().i32Add().set(ROW);
    for (let r = 0; r < 4; r++) {
      if (r > 0) c.get(ROW).get(RS).i32Add().set(ROW);
      c.get(ROW).v128Load(0).set(X0 + r);
    }
    c.get(X0).get(X0 + 1).shuffle32(0, 4, 1, 5).set(T0);
    c.get(X0 + 2).get(X0 + 3).shuffle32(0, 4, 1, 5).set(T0 + 1);
    c.get(X0).get(X0 + 1).shuffle32(2, 6, 3, 7).set(T0 + 2);
    c.get(X0 + 2).get(X0 + 3).shuffle32(2, 6, 3, 7).set(T0 + 3);
    const out = [
      [T0, T0 + 1, 0, 1, 4, 5],
      [T0, T0 + 1, 2, 3, 6, 7],
      [T0 + 2, T0 + 3, 0, 1, 4, 5],
      [T0 + 2, T0 + 3, 2, 3, 6, 7],
    ];
    out.forEach(([x, y, l0, l1, l2, l3], kk) => {
      c.get(D).get(x).get(y).shuffle32(l0, l1, l2, l3).v128Store((kk * w + g * 4) * 4);
    });
  }
  c.get(K).i32(4).i32Add().set(K);
  c.br(0).end().end();
  // Tail: k = kc − kc mod 4 … kc − 1.
  c.block().loop();
  c.get(K).get(KC).i32GeU().brIf(1);
  c.get(DST).get(P).get(KC).i32Mul().get(K).i32Add().i32(w * 4).i32Mul().i32Add().set(D);
  c.get(BASE).get(K).i32(4).i32Mul().i32Add().set(ROW);
  for (let r = 0; r < w; r++) {
    if (r > 0) c.get(ROW).get(RS).i32Add().set(ROW);
    c.get(D).get(ROW).f32Load(0).f32Store(r * 4);
  }
  c.get(K).i32(1).i32Add().set(K);
  c.br(0).end().end();
  c.get(P).i32(1).i32Add().set(P);
  c.br(0).end().end();
  return {
    name: `packCols${w}`,
    params: new Array<ValType>(5).fill(I32),
    locals: [I32, I32, I32, I32, I32, ...new Array<ValType>(8).fill(V128)],
    body: c,
  };
}

/** The whole module for one micro-kernel shape. */
export function gemmModuleBytes(cfg: GemmShapeConfig, memory: MemoryImport): Uint8Array<ArrayBuffer> {
  if (cfg.nr % 4 !== 0 || cfg.mr < 1 || cfg.unroll < 1) throw new Error(`bad micro-kernel shape ${JSON.stringify(cfg)}`);
  const widths = [...new Set([cfg.mr, cfg.nr])];
  // The sparse product lives in the same module: the helper threads run either.
  const funcs: FuncDef[] = [gemmFunc(cfg), ...sparseFuncs(cfg.fma)];
  for (const w of widths) {
    funcs.push(packGenericFunc(w));
    if (w % 4 === 0 || w % 4 === 2) funcs.push(packContiguousFunc(w));
    if (w % 4 === 0) funcs.push(packTransposingFunc(w));
  }
  return assembleModule(memory, funcs);
}

/** A tiny module using relaxed_madd: validates only where relaxed SIMD is on. */
export function relaxedSimdSupported(): boolean {
  const probe = gemmModuleBytes({ mr: 1, nr: 4, unroll: 1, fma: true }, { minPages: 1, shared: false });
  return WebAssembly.validate(probe);
}
