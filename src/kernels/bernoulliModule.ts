// Emits the Bernoulli log-likelihood from logits as one WebAssembly SIMD pass: per image the
// sum over pixels, and per pixel its gradient, where TF.js spends ten element-wise kernels
// forward (two of them exp and log1p, a third of the step's non-product time) and as many back.
//
// Per pixel, with a = |ℓ| and e = exp(−a) ∈ (0, 1]:
//   −log p(x|ℓ) = max(ℓ, 0) − ℓ·x + log1p(e)      (math.md's stable form)
//   ∂ log p / ∂ℓ = x − sigmoid(ℓ),  sigmoid(ℓ) = ℓ ≥ 0 ? 1/(1+e) : e/(1+e)
// exp: Cephes' expf (range reduction by ln 2 in two parts, a degree-6 polynomial, 2ⁿ built in
// the exponent bits); log1p(e) = 2·atanh(s) with s = e/(2+e) ∈ [0, 1/3], a series to s¹³ that
// keeps its relative accuracy for tiny e. Both are good to a few float32 ulps.

import { assembleModule, Code, I32, V128, type FuncDef, type MemoryImport, type ValType } from './wasmEncoder';

const LOG2E = 1.44269504088896341;
const LN2_HI = 0.693359375;
const LN2_LO = -2.12194440e-4;
const EXP_POLY = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
/** exp(−87.3) is the smallest normal float32 exp reaches through 2ⁿ with n ≥ −126. */
const EXP_MIN_ARG = -87.3;

/**
 * bernoulli(logits, x, rows, cols, outLogLik, outGrad): byte addresses; cols a multiple of 4.
 * outLogLik[i] = Σ_j log p(x_ij | ℓ_ij); outGrad[i][j] = x_ij − sigmoid(ℓ_ij).
 */
function bernoulliFunc(): FuncDef {
  const [L, X, ROWS, COLS, OUT, GRAD] = [0, 1, 2, 3, 4, 5];
  const [I, J, END] = [6, 7, 8];
  // v128 locals
  const [LV, XV, E, N, R, P, S, S2, T, ACC, MASK] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  const constant = (k: number) => 20 + k;
  const CONSTS = [0, 1, 2, LOG2E, LN2_HI, LN2_LO, EXP_MIN_ARG, ...EXP_POLY, 1 / 3, 1 / 5, 1 / 7, 1 / 9, 1 / 11, 1 / 13];
  const K = (v: number) => constant(CONSTS.indexOf(v));
  const [ZERO, ONE, TWO] = [K(0), K(1), K(2)];
  const BIAS = constant(CONSTS.length); // i32x4 127
  const c = new Code();
  CONSTS.forEach((v, k) => c.f32(v).f32x4Splat().set(constant(k)));
  c.i32(127).i32x4Splat().set(BIAS);

  /** Horner: acc = ((c0·r + c1)·r + …) with the coefficients given, r in local `x`. */
  const horner = (coeffs: number[], x: number) => {
    c.get(K(coeffs[0]));
    for (const k of coeffs.slice(1)) c.get(x).f32x4Mul().get(K(k)).f32x4Add();
  };

  c.get(COLS).i32(4).i32Mul().set(END);
  c.i32(0).set(I);
  c.block().loop();
  c.get(I).get(ROWS).i32GeU().brIf(1);
  c.v128Zero().set(ACC);
  c.i32(0).set(J);
  c.block().loop();
  c.get(J).get(END).i32GeU().brIf(1);
  c.get(L).get(J).i32Add().v128Load(0).set(LV);
  c.get(X).get(J).i32Add().v128Load(0).set(XV);
  // e = exp(max(−|ℓ|, EXP_MIN_ARG))
  c.get(LV).f32x4Abs().f32x4Neg().get(K(EXP_MIN_ARG)).f32x4Max().set(T);
  c.get(T).get(K(LOG2E)).f32x4Mul().f32x4Nearest().set(N);
  c.get(T).get(N).get(K(LN2_HI)).f32x4Mul().f32x4Sub().get(N).get(K(LN2_LO)).f32x4Mul().f32x4Sub().set(R);
  horner(EXP_POLY, R);
  c.get(R).get(R).f32x4Mul().f32x4Mul().get(R).f32x4Add().get(ONE).f32x4Add().set(P);
  c.get(P).get(N).i32x4TruncSatF32x4S().get(BIAS).i32x4Add().i32(23).i32x4Shl().f32x4Mul().set(E);
  // log1p(e) = 2s(1 + s²/3 + s⁴/5 + … + s¹²/13), s = e/(2+e)
  c.get(E).get(E).get(TWO).f32x4Add().f32x4Div().set(S);
  c.get(S).get(S).f32x4Mul().set(S2);
  horner([1 / 13, 1 / 11, 1 / 9, 1 / 7, 1 / 5, 1 / 3, 1], S2);
  c.get(S).f32x4Mul().get(TWO).f32x4Mul().set(T);
  // acc += max(ℓ, 0) − ℓ·x + log1p(e)   (the negative log-likelihood; negated at the row's end)
  c.get(ACC).get(LV).get(ZERO).f32x4Max().get(LV).get(XV).f32x4Mul().f32x4Sub().get(T).f32x4Add().f32x4Add().set(ACC);
  // grad = x − (ℓ ≥ 0 ? 1 : e) / (1 + e)
  c.get(LV).get(ZERO).f32x4Ge().set(MASK);
  c.get(GRAD).get(J).i32Add();
  c.get(XV);
  c.get(ONE).get(E).get(MASK).v128Bitselect().get(ONE).get(E).f32x4Add().f32x4Div();
  c.f32x4Sub().v128Store(0);
  c.get(J).i32(16).i32Add().set(J);
  c.br(0).end().end();
  // outLogLik[i] = −(sum of ACC's lanes)
  c.get(OUT).get(I).i32(4).i32Mul().i32Add();
  c.f32(0);
  for (let lane = 0; lane < 4; lane++) c.get(ACC).f32x4ExtractLane(lane).f32Sub();
  c.f32Store(0);
  c.get(L).get(END).i32Add().set(L);
  c.get(X).get(END).i32Add().set(X);
  c.get(GRAD).get(END).i32Add().set(GRAD);
  c.get(I).i32(1).i32Add().set(I);
  c.br(0).end().end();
  return {
    name: 'bernoulli',
    params: new Array<ValType>(6).fill(I32),
    locals: [I32, I32, I32, ...new Array<ValType>(11 + CONSTS.length + 1).fill(V128)],
    body: c,
  };
}

export function bernoulliModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [bernoulliFunc()]);
}
