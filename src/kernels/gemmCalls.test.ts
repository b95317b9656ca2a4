import { describe, expect, it } from 'vitest';
import { A_BLOCK_BYTES, F32, gemmLayout, operands, packCalls, shares, sharedBlockCalls, sparseBytes } from './gemmCalls';
import { MAX_ROWS } from './gemmWorkerSource';

describe('gemmCalls', () => {
  it('splits work into contiguous, disjoint shares covering every item, about four per thread', () => {
    for (const [total, helpers] of [[1, 0], [7, 1], [100, 1], [101, 3], [3, 7]] as const) {
      const s = shares(total, { helpers });
      expect(s[0][0]).toBe(0);
      for (let i = 1; i < s.length; i++) expect(s[i][0]).toBe(s[i - 1][0] + s[i - 1][1]);
      expect(s.at(-1)![0] + s.at(-1)![1]).toBe(total);
      expect(s.length).toBeLessThanOrEqual((helpers + 1) * 4);
    }
  });

  it('cuts shares to at most `most` items, never into more than MAX_ROWS', () => {
    const s = shares(6272, { helpers: 1 }, 128);
    expect(s.length).toBe(49);
    expect(s.every(([, count]) => count <= 128)).toBe(true);
    expect(s.at(-1)![0] + s.at(-1)![1]).toBe(6272);
    expect(shares(100, { helpers: 1 }, 128)).toHaveLength(8);
    expect(shares(1_000_000, { helpers: 1 }, 1).length).toBeLessThanOrEqual(MAX_ROWS);
  });

  it('slices a tall A for the helpers in blocks that stay in L2, a wide B as before', () => {
    const tall = operands({ a: 0, b: 0, c: 0, m: 25088, n: 288, k: 64, transposeA: false, transposeB: true });
    const rows = sharedBlockCalls({ mr: 4, nr: 8 }, { helpers: 1 }, { ...tall, k0: 0, kc: 64, ap: 0, bp: 0, c: 0, mPanels: 6272, nPanels: 36, ldc: 288 * F32, acc: 0 }).rows;
    expect(rows.length).toBe(Math.ceil(6272 / (A_BLOCK_BYTES / (4 * 64 * F32))));
  });

  it('blocks K evenly under kcMax and pads C only when the tiles overhang', () => {
    const even = gemmLayout({ mr: 4, nr: 8 }, 512, 128, 256, 784);
    expect(even).toMatchObject({ kcFull: 392, mPanels: 32, nPanels: 32, padded: false });
    expect(even.total).toBe(even.apBytes + even.bpBytes);
    const ragged = gemmLayout({ mr: 4, nr: 8 }, 512, 10, 20, 100);
    expect(ragged).toMatchObject({ kcFull: 100, mPanels: 3, nPanels: 3, padded: true });
    expect(ragged.total).toBe(ragged.apBytes + ragged.bpBytes + 3 * 4 * 3 * 8 * F32);
  });

  it('packs with the routine that suits the layout, and the leftover rows one by one', () => {
    const { opA, opB } = operands({ a: 1000, b: 5000, c: 9000, m: 10, n: 16, k: 6, transposeA: false, transposeB: false });
    // A not transposed: rows are k apart, values along k contiguous → packCols.
    expect(packCalls(opA, 0, 6, 4, 64)).toEqual([
      ['packCols4', [1000, 6 * F32, 64, 2, 6]],
      ['pack4', [1000 + 8 * 6 * F32, 6 * F32, F32, 64 + 8 * 6 * F32, 2, 1, 6]],
    ]);
    // B not transposed: op(B) rows are contiguous columns of B → packRows.
    expect(packCalls(opB, 2, 3, 8, 128)).toEqual([['packRows8', [5000 + 2 * 16 * F32, 16 * F32, 128, 2, 3]]]);
  });

  it('shares a K block by slicing the operand with more panels; the slices write disjoint tiles of C', () => {
    const { opA, opB } = operands({ a: 0, b: 40_000, c: 80_000, m: 8, n: 64, k: 4, transposeA: false, transposeB: false });
    const block = { opA, opB, k0: 0, kc: 4, ap: 100_000, bp: 200_000, c: 80_000, mPanels: 2, nPanels: 8, ldc: 64 * F32, acc: 0 };
    const { first, rows } = sharedBlockCalls({ mr: 4, nr: 8 }, { helpers: 1 }, block);
    expect(first.map(([name]) => name)).toEqual(['packCols4']);
    const products = rows.map((r) => r.at(-1)!);
    expect(products.every(([name]) => name === 'gemm')).toBe(true);
    // By columns: each product covers `count` column panels starting at its own C column.
    const tiles = products.map(([, [, , c, , count]]) => [(c - 80_000) / F32, count] as const);
    let next = 0;
    for (const [col, count] of tiles) {
      expect(col).toBe(next * 8);
      next += count;
    }
    expect(next).toBe(8);
  });

  it('reserves room for the sparse form: row starts, cursors and 8-byte pairs', () => {
    expect(sparseBytes(10, 0)).toBe(96 + 16);
    expect(sparseBytes(10, 5)).toBe(96 + 40 + 16);
  });
});
