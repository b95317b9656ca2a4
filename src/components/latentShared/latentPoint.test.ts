import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatentPointStore, PRESENT_FALLBACK_MS } from './latentPoint';

describe('LatentPointStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('tells the decoder at once and the views only when the image is presented', () => {
    const p = new LatentPointStore(3);
    const moves: Array<[number[], number | null, number]> = [];
    const views: number[][] = [];
    p.subscribe((z, t0, seq) => moves.push([Array.from(z), t0, seq]));
    p.watch((z) => views.push(Array.from(z)));
    p.moveTo(0, 2, 1.5, -2, 42);
    // Other dimensions are held at 0.
    expect(moves).toEqual([[[1.5, 0, -2], 42, 1]]);
    expect(views).toEqual([]);
    expect(Array.from(p.shown)).toEqual([0, 0, 0]);
    p.present(p.value, moves[0][2]);
    expect(views).toEqual([[1.5, 0, -2]]);
    // Presented in time: the fallback does not show it a second time.
    vi.advanceTimersByTime(PRESENT_FALLBACK_MS * 2);
    expect(views).toHaveLength(1);
  });

  it('shows a move anyway when no image comes', () => {
    const p = new LatentPointStore(2);
    const views: number[][] = [];
    p.watch((z) => views.push(Array.from(z)));
    p.moveTo(0, 1, 0.25, 0.5, null);
    vi.advanceTimersByTime(PRESENT_FALLBACK_MS - 1);
    expect(views).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(views).toEqual([[0.25, 0.5]]);
  });

  it('an older image does not cancel the wait for the newest move', () => {
    const p = new LatentPointStore(2);
    const views: number[][] = [];
    p.watch((z) => views.push(Array.from(z)));
    p.moveTo(0, 1, 1, 1, null);
    const first = p.value;
    p.moveTo(0, 1, 2, 2, null);
    p.present(first, 1);
    expect(views).toEqual([[1, 1]]);
    vi.advanceTimersByTime(PRESENT_FALLBACK_MS);
    expect(views).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('returns to the origin at a new size', () => {
    const p = new LatentPointStore(2);
    p.moveTo(0, 1, 3, 4, null);
    p.resize(5);
    expect(Array.from(p.value)).toEqual([0, 0, 0, 0, 0]);
  });
});
