// The sparse product's functions for the matrix-product module (gemmModule.ts assembles them
// with the packed kernels): spmm, C = A·B for a row-by-row sparse A, and the four csr passes
// that build that form from a dense A or Aᵀ. gemm.ts decides when they run.

import { Code, F32, I32, V128, type FuncDef, type ValType } from './wasmEncoder';

/** Columns of C one pass of spmm keeps in registers (8 f32x4 accumulators). */
const SPMM_BLOCK = 32;

/**
 * spmm(rowPtr, pairs, rows, b, c, ldcBytes, nBytes): C = A·B for a sparse A given row by row.
 * Row r's nonzeros are pairs[rowPtr[r]] … pairs[rowPtr[r + 1] − 1], each (byte offset of the
 * B row it multiplies, from b; the value as f32). C[r][j] = Σ value · B[row][j], written, not
 * accumulated. Columns go in blocks of 32 held in registers, then of 4, then one at a time.
 */
function spmmFunc(fma: boolean): FuncDef {
  const [ROWPTR, PAIRS, ROWS, B, C, LDC, NB] = [0, 1, 2, 3, 4, 5, 6];
  const [R, J, E, EEND, CROW, SRC] = [7, 8, 9, 10, 11, 12];
  const VAL = 13;
  const ACC = 14;
  const SCALAR = ACC + SPMM_BLOCK / 4;
  const c = new Code();
  const madd = (acc: number, offset: number) => {
    if (fma) c.get(VAL).get(SRC).v128Load(offset).get(acc).f32x4RelaxedMadd();
    else c.get(acc).get(VAL).get(SRC).v128Load(offset).f32x4Mul().f32x4Add();
    c.set(acc);
  };
  /** Loops E over the row's pairs with SRC at B's row plus J and VAL the splatted value. */
  const eachPair = (body: () => void) => {
    c.get(PAIRS).get(ROWPTR).get(R).i32(4).i32Mul().i32Add().tee(E).i32Load(4).i32(8).i32Mul().i32Add().set(EEND);
    c.get(PAIRS).get(E).i32Load(0).i32(8).i32Mul().i32Add().set(E);
    c.block().loop();
    c.get(E).get(EEND).i32GeU().brIf(1);
    c.get(B).get(E).i32Load(0).i32Add().get(J).i32Add().set(SRC);
    body();
    c.get(E).i32(8).i32Add().set(E);
    c.br(0).end().end();
  };
  /** Column blocks of `width` bytes while a whole one remains; `accs` vector accumulators. */
  const blocks = (width: number, accs: number) => {
    c.block().loop();
    c.get(J).i32(width).i32Add().get(NB).i32GtU().brIf(1);
    for (let t = 0; t < accs; t++) c.v128Zero().set(ACC + t);
    eachPair(() => {
      c.get(E).v128Load32Splat(4).set(VAL);
      for (let t = 0; t < accs; t++) madd(ACC + t, t * 16);
    });
    for (let t = 0; t < accs; t++) c.get(CROW).get(J).i32Add().get(ACC + t).v128Store(t * 16);
    c.get(J).i32(width).i32Add().set(J);
    c.br(0).end().end();
  };

  c.i32(0).set(R);
  c.block().loop();
  c.get(R).get(ROWS).i32GeU().brIf(1);
  c.get(C).get(R).get(LDC).i32Mul().i32Add().set(CROW);
  c.i32(0).set(J);
  blocks(SPMM_BLOCK * 4, SPMM_BLOCK / 4);
  blocks(16, 1);
  // The last n mod 4 columns.
  c.block().loop();
  c.get(J).get(NB).i32GeU().brIf(1);
  c.f32(0).set(SCALAR);
  eachPair(() => {
    c.get(SCALAR).get(E).f32Load(4).get(SRC).f32Load(0).f32Mul().f32Add().set(SCALAR);
  });
  c.get(CROW).get(J).i32Add().get(SCALAR).f32Store(0);
  c.get(J).i32(4).i32Add().set(J);
  c.br(0).end().end();
  c.get(R).i32(1).i32Add().set(R);
  c.br(0).end().end();
  return {
    name: 'spmm',
    params: new Array<ValType>(7).fill(I32),
    locals: [...new Array<ValType>(6).fill(I32), ...new Array<ValType>(1 + SPMM_BLOCK / 4).fill(V128), F32],
    body: c,
  };
}

/**
 * The sparse form of a row-major matrix (outer × inner), in two passes: csrCount{Rows,Cols}
 * adds 1 to counts[bucket] per nonzero, csrPlace{Rows,Cols} writes each nonzero as a pair
 * (other · rowBytes, value) at pairs[counts[bucket]++]. Rows: bucket = the stored row i, other
 * = the column j (the form of A); Cols: bucket = j, other = i (the form of Aᵀ). All six
 * parameters always: (a, outer, inner, counts, pairs, rowBytes). Four values are tested at once
 * and skipped together when all are zero, which most of an image is. Branch-free where it can
 * be: Rows counts add the comparison, Rows places write every value of a group and advance
 * only past nonzeros (a zero's pair is overwritten by the next, so one spare pair must follow
 * the last), Cols counts subtract the f32x4 comparison mask from four counters at once.
 */
function csrFunc(place: boolean, byColumns: boolean): FuncDef {
  const [A, OUTER, INNER, COUNTS, PAIRS, ROWBYTES] = [0, 1, 2, 3, 4, 5];
  const [I, J, ROW, E, END, CNT, P] = [6, 7, 8, 9, 10, 11, 12];
  const [V, MASK] = [13, 14];
  const c = new Code();
  const value = () => c.get(ROW).get(E).i32(4).i32Mul().i32Add().f32Load(0);
  const nonzero = () => {
    value();
    c.f32(0).f32Ne();
  };
  /** Visits elements E = E … END − 1 of the current row. */
  const elements = () => {
    c.block().loop();
    c.get(E).get(END).i32GeU().brIf(1);
    if (!byColumns && !place) {
      c.get(CNT);
      nonzero();
      c.i32Add().set(CNT);
    } else if (!byColumns && place) {
      c.get(P).get(E).get(ROWBYTES).i32Mul().i32Store(0);
      c.get(P);
      value();
      c.f32Store(4);
      c.get(P);
      nonzero();
      c.i32(3).i32Shl().i32Add().set(P);
    } else {
      nonzero();
      c.if_();
      // CNT: the address of counts[E].
      c.get(COUNTS).get(E).i32(4).i32Mul().i32Add().set(CNT);
      if (!place) {
        c.get(CNT).get(CNT).i32Load(0).i32(1).i32Add().i32Store(0);
      } else {
        c.get(CNT).i32Load(0).set(P);
        c.get(CNT).get(P).i32(1).i32Add().i32Store(0);
        c.get(PAIRS).get(P).i32(8).i32Mul().i32Add().tee(P).get(I).get(ROWBYTES).i32Mul().i32Store(0);
        c.get(P);
        value();
        c.f32Store(4);
      }
      c.end();
    }
    c.get(E).i32(1).i32Add().set(E);
    c.br(0).end().end();
  };

  c.i32(0).set(I);
  c.get(A).set(ROW);
  c.block().loop();
  c.get(I).get(OUTER).i32GeU().brIf(1);
  if (!byColumns && !place) c.i32(0).set(CNT);
  if (!byColumns && place) c.get(PAIRS).get(COUNTS).get(I).i32(4).i32Mul().i32Add().i32Load(0).i32(8).i32Mul().i32Add().set(P);
  c.i32(0).set(J);
  // Four at a time.
  c.block().loop();
  c.get(J).i32(4).i32Add().get(INNER).i32GtU().brIf(1);
  c.get(ROW).get(J).i32(4).i32Mul().i32Add().v128Load(0).set(V);
  c.get(V).v128Zero().f32x4Ne().set(MASK);
  if (byColumns && !place) {
    c.get(COUNTS).get(J).i32(4).i32Mul().i32Add().tee(CNT).get(CNT).v128Load(0).get(MASK).i32x4Sub().v128Store(0);
  } else {
    c.get(MASK).v128AnyTrue().if_();
    c.get(J).set(E);
    c.get(J).i32(4).i32Add().set(END);
    elements();
    c.end();
  }
  c.get(J).i32(4).i32Add().set(J);
  c.br(0).end().end();
  // The last inner mod 4.
  c.get(J).set(E);
  c.get(INNER).set(END);
  elements();
  if (!byColumns && !place) c.get(COUNTS).get(I).i32(4).i32Mul().i32Add().get(CNT).i32Store(0);
  c.get(ROW).get(INNER).i32(4).i32Mul().i32Add().set(ROW);
  c.get(I).i32(1).i32Add().set(I);
  c.br(0).end().end();
  return {
    name: `csr${place ? 'Place' : 'Count'}${byColumns ? 'Cols' : 'Rows'}`,
    params: new Array<ValType>(6).fill(I32),
    locals: [...new Array<ValType>(7).fill(I32), V128, V128],
    body: c,
  };
}

/** spmm, then the count and place passes for both layouts. */
export function sparseFuncs(fma: boolean): FuncDef[] {
  const funcs = [spmmFunc(fma)];
  for (const place of [false, true]) for (const byColumns of [false, true]) funcs.push(csrFunc(place, byColumns));
  return funcs;
}
