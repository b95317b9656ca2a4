import { describe, expect, it } from 'vitest';
import { resizeSquare, sideOfInput } from './imageSide';

describe('image sides', () => {
  it('are 28 for 784 inputs and 32 for Shapes’ 1,024', () => {
    expect(sideOfInput(784)).toBe(28);
    expect(sideOfInput(1024)).toBe(32);
  });

  it('resample the 28×28 pad to 32×32: same array when equal, flat stays flat, ink stays where it was', () => {
    const pad = new Float32Array(28 * 28);
    expect(resizeSquare(pad, 28, 28)).toBe(pad);
    expect(Array.from(new Set(resizeSquare(pad.fill(0.5), 28, 32)))).toEqual([0.5]);
    // A vertical bar in the left quarter of the pad lands in the left quarter of the 32×32 image.
    const bar = new Float32Array(28 * 28);
    for (let r = 0; r < 28; r++) for (let c = 3; c < 7; c++) bar[r * 28 + c] = 1;
    const out = resizeSquare(bar, 28, 32);
    expect(out).toHaveLength(1024);
    const column = (c: number) => out.reduce((s, v, i) => s + (i % 32 === c ? v : 0), 0) / 32;
    expect(column(5)).toBeCloseTo(1, 5);
    expect(column(20)).toBe(0);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Total ink scales with the area.
    const ink = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    expect(ink(out) / 1024).toBeCloseTo(ink(bar) / 784, 1);
  });
});
