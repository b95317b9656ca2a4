import { describe, expect, it } from 'vitest';
import { fastPathWorthIt, planMatMul } from './matMulPlan';
import { MIN_FAST_MACS } from './registerFastMatMul';

describe('planMatMul', () => {
  it('reads m, k, n from the shapes for each transpose combination', () => {
    expect(planMatMul([128, 784], [784, 512], false, false)).toMatchObject({ m: 128, k: 784, n: 512, batch: 1, outShape: [128, 512] });
    expect(planMatMul([128, 784], [128, 512], true, false)).toMatchObject({ m: 784, k: 128, n: 512, outShape: [784, 512] });
    expect(planMatMul([128, 512], [784, 512], false, true)).toMatchObject({ m: 128, k: 512, n: 784, outShape: [128, 784] });
    expect(planMatMul([5, 3], [7, 5], true, true)).toMatchObject({ m: 3, k: 5, n: 7, outShape: [3, 7] });
  });

  it('maps batch dimensions to constant strides, 0 for a broadcast side', () => {
    expect(planMatMul([4, 2, 3], [4, 3, 5], false, false)).toMatchObject({ batch: 4, aBatchStride: 6, bBatchStride: 15, outShape: [4, 2, 5] });
    expect(planMatMul([2, 3], [2, 2, 3, 5], false, false)).toMatchObject({ batch: 4, aBatchStride: 0, bBatchStride: 15, outShape: [2, 2, 2, 5] });
    expect(planMatMul([1, 2, 3], [3, 3, 5], false, false)).toMatchObject({ batch: 3, aBatchStride: 0, outShape: [3, 2, 5] });
  });

  it('declines what it cannot map: mismatched inner sizes, crossed broadcasting, rank 1', () => {
    expect(planMatMul([2, 3], [4, 5], false, false)).toBeNull();
    expect(planMatMul([2, 1, 2, 3], [1, 3, 3, 5], false, false)).toBeNull();
    expect(planMatMul([2, 2, 3], [3, 3, 5], false, false)).toBeNull();
    expect(planMatMul([3], [3, 5], false, false)).toBeNull();
  });
});

describe('fastPathWorthIt', () => {
  const route = (a: number[], b: number[], ta: boolean, tb: boolean) => fastPathWorthIt(planMatMul(a, b, ta, tb)!, ta, tb, MIN_FAST_MACS);

  it('takes every big product and every transposed gradient product of the VAE step', () => {
    expect(route([128, 784], [784, 512], false, false)).toBe(true);
    expect(route([128, 784], [128, 512], true, false)).toBe(true);
    expect(route([128, 512], [784, 512], false, true)).toBe(true);
    expect(route([128, 2], [256, 2], false, true)).toBe(true);
    expect(route([128, 2], [128, 256], true, false)).toBe(true);
  });

  it('leaves tiny products and untransposed ones with a dimension under 8 to the stock kernel', () => {
    expect(route([128, 256], [256, 2], false, false)).toBe(false);
    expect(route([128, 2], [2, 256], false, false)).toBe(false);
    expect(route([1, 2], [2, 256], false, false)).toBe(false);
    expect(route([8, 8], [8, 8], true, true)).toBe(false);
  });

  it('takes everything when minMacs is 0', () => {
    expect(fastPathWorthIt(planMatMul([1, 1], [1, 1], false, false)!, false, false, 0)).toBe(true);
  });
});
