import { describe, expect, it } from 'vitest';
import { checkSeries, soakVerdict, warmupCount, type SoakSample } from './verdict';

const MB = 2 ** 20;

function samples(n: number, f: (i: number) => Partial<SoakSample> = () => ({})): SoakSample[] {
  return Array.from({ length: n }, (_, i) => ({
    minute: i + 1, elapsedS: 60 * (i + 1), step: 500 * (i + 1),
    numTensors: 47, numBytes: 40 * MB, heapMainBytes: 20 * MB, heapTrainerBytes: 30 * MB, heapInferenceBytes: 5 * MB,
    trainerBackingBytes: 200 * MB, imagesPerSec: 3000, chunkImagesPerSec: 3500, fps: 60, longTasks: 0, loadAverage1m: 1,
    ...f(i),
  }));
}

describe('warmupCount', () => {
  it('leaves out the first minute of a short run and two of a long one', () => {
    expect([2, 5, 7, 8, 30].map(warmupCount)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('checkSeries', () => {
  it('compares the floors of the early and late thirds for memory, so a transient spike is no leak', () => {
    const c = checkSeries([100, 400, 101, 99, 100, 100, 100, 99, 401], { direction: 'growth', absolute: 2, relative: 0 });
    expect(c).toMatchObject({ early: 100, late: 99, flagged: false });
  });

  it('compares the medians for speed, ignoring one odd sample', () => {
    const c = checkSeries([3000, 1000, 3100, 3000, 3000, 3000, 2900, 3050, 500], { direction: 'drop', absolute: 0, relative: 0.15 });
    expect(c).toMatchObject({ early: 3000, late: 2900, flagged: false });
  });

  it('flags growth beyond the tolerance and a drop beyond it, each only in its direction', () => {
    expect(checkSeries([47, 47, 48, 49, 50, 51], { direction: 'growth', absolute: 2, relative: 0 }).flagged).toBe(true);
    expect(checkSeries([3000, 3000, 2400, 2400], { direction: 'drop', absolute: 0, relative: 0.15 }).flagged).toBe(true);
    expect(checkSeries([3000, 3000, 3600, 3600], { direction: 'drop', absolute: 0, relative: 0.15 }).flagged).toBe(false);
  });
});

describe('soakVerdict', () => {
  it('passes flat memory and steady speed, with noise', () => {
    const v = soakVerdict(samples(30, (i) => ({ heapMainBytes: 20 * MB + (i % 3) * 300_000, imagesPerSec: 3000 + ((i * 37) % 200) - 100, fps: 59 + (i % 2) })));
    expect(v.ok).toBe(true);
    expect(v.warmupSamples).toBe(2);
    expect(v.problems).toEqual([]);
  });

  it('names a tensor leak, a heap that keeps growing and a slowdown', () => {
    const v = soakVerdict(samples(30, (i) => ({ numTensors: 47 + i, heapTrainerBytes: 30 * MB + i * MB, imagesPerSec: 3000 - 40 * i })));
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/numTensors grew from 49 to 67/);
    expect(v.problems.join('\n')).toMatch(/training-worker JS heap grew/);
    expect(v.problems.join('\n')).toMatch(/training slowed/);
  });

  it('does not blame a slowdown on the app while the machine got busier', () => {
    const v = soakVerdict(samples(12, (i) => ({ imagesPerSec: i < 6 ? 3000 : 2000, loadAverage1m: i < 6 ? 2 : 5 })));
    expect(v.ok).toBe(true);
    expect(v.notes.join()).toMatch(/training slowed from 3000 to 2000 images\/s, but the machine's load rose from 2 to 5: not judged/);
  });

  it('does not judge what it cannot', () => {
    expect(soakVerdict(samples(1)).ok).toBe(false);
    const gaps = soakVerdict(samples(10, () => ({ heapInferenceBytes: null, fps: null })));
    expect(gaps.heapInference.flagged).toBe(false);
    expect(gaps.ok).toBe(true);
  });
});
