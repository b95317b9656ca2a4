import { describe, expect, it } from 'vitest';
import { bestThreads, FEWER_THREADS_WITHIN, probeThreads, provisionalThreads, threadCandidates, type ThreadsSet } from './backendThreads';

describe('threadCandidates', () => {
  it('tries 1, doubling, every core but one and every core, up to the limit', () => {
    expect(threadCandidates(1, 57)).toEqual([1]);
    expect(threadCandidates(2, 57)).toEqual([1, 2]);
    expect(threadCandidates(3, 57)).toEqual([1, 2, 3]);
    expect(threadCandidates(4, 57)).toEqual([1, 2, 3, 4]);
    expect(threadCandidates(8, 57)).toEqual([1, 2, 4, 7, 8]);
    expect(threadCandidates(16, 57)).toEqual([1, 2, 4, 8, 15, 16]);
    expect(threadCandidates(128, 57)).toEqual([1, 2, 4, 8, 16, 32, 56, 57]);
  });
  it('takes nonsense core counts as one core', () => {
    for (const bad of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect(threadCandidates(bad, 57)).toEqual([1]);
  });
});

describe('provisionalThreads', () => {
  it('leaves one core to the page on machines with more than two, uses both on two, one without threads', () => {
    expect(provisionalThreads(8, true, 57)).toBe(7);
    expect(provisionalThreads(2, true, 57)).toBe(2);
    expect(provisionalThreads(1, true, 57)).toBe(1);
    expect(provisionalThreads(8, false, 57)).toBe(1);
    expect(provisionalThreads(200, true, 57)).toBe(56);
  });
});

describe('bestThreads', () => {
  it('keeps the fewest threads within a few per cent of the fastest', () => {
    const near = 1000 * (1 - FEWER_THREADS_WITHIN / 2);
    expect(bestThreads([{ threads: 1, imagesPerSec: 500 }, { threads: 7, imagesPerSec: near }, { threads: 8, imagesPerSec: 1000 }])?.threads).toBe(7);
    expect(bestThreads([{ threads: 1, imagesPerSec: 500 }, { threads: 7, imagesPerSec: 900 }, { threads: 8, imagesPerSec: 1000 }])?.threads).toBe(8);
    expect(bestThreads([{ threads: 2, imagesPerSec: null, reason: 'x' }])).toBeNull();
  });
});

/** A fake machine: images/s per thread count, and counts whose helpers fail to start. */
function machine(speeds: Record<number, number>, failing: number[] = []) {
  let current = 1;
  const set = async (n: number): Promise<ThreadsSet> => {
    if (failing.includes(n)) {
      current = 1;
      return { threads: 1, reason: `helpers for ${n} did not start` };
    }
    current = n;
    return { threads: n };
  };
  return { set, measure: () => speeds[current] ?? 0, current: () => current };
}

describe('probeThreads', () => {
  it('measures each count, keeps the fastest and leaves it set', async () => {
    const m = machine({ 1: 3000, 2: 5500, 3: 7000, 4: 6900 });
    const r = await probeThreads([1, 2, 3, 4], m.set, m.measure);
    expect(r.threads).toBe(3);
    expect(r.imagesPerSec).toBe(7000);
    expect(r.trials.map((t) => t.threads)).toEqual([1, 2, 3, 4]);
    expect(m.current()).toBe(3);
  });

  it('falls back to the last count that worked when a count fails, and stops climbing there', async () => {
    const m = machine({ 1: 3000, 2: 5500, 4: 9000, 8: 12000 }, [4]);
    const r = await probeThreads([1, 2, 4, 8], m.set, m.measure);
    expect(r.threads).toBe(2);
    expect(r.trials).toEqual([
      { threads: 1, imagesPerSec: 3000 },
      { threads: 2, imagesPerSec: 5500 },
      { threads: 4, imagesPerSec: null, reason: 'helpers for 4 did not start' },
    ]);
    expect(m.current()).toBe(2);
  });

  it('records a measurement that throws and keeps the count before it', async () => {
    let calls = 0;
    const r = await probeThreads([1, 2], async (n) => ({ threads: n }), () => {
      if (++calls === 2) throw new Error('a helper thread stopped answering');
      return 2000;
    });
    expect(r.threads).toBe(1);
    expect(r.trials[1]).toEqual({ threads: 2, imagesPerSec: null, reason: 'a helper thread stopped answering' });
  });

  it('stops once more threads are clearly slower (past the knee)', async () => {
    const m = machine({ 1: 3000, 2: 5000, 4: 3000, 7: 9000, 8: 9000 });
    const r = await probeThreads([1, 2, 4, 7, 8], m.set, m.measure);
    expect(r.trials.map((t) => t.threads)).toEqual([1, 2, 4]);
    expect(r.threads).toBe(2);
  });

  it('keeps one thread when nothing could be measured', async () => {
    const m = machine({}, [1]);
    const r = await probeThreads([1], m.set, m.measure);
    expect(r).toMatchObject({ threads: 1, imagesPerSec: null });
  });
});
