import { describe, expect, it } from 'vitest';
import { frameStats, longTaskStats } from './frames';

describe('frameStats', () => {
  it('counts frames per second inside the window only', () => {
    // 60 Hz for one second, with frames outside the window that must not count.
    const frames = [-500, ...Array.from({ length: 61 }, (_, i) => (i * 1000) / 60), 5000];
    const s = frameStats(frames, 0, 1000);
    expect(s.frames).toBe(61);
    expect(s.fps).toBe(60);
    expect(s.maxFrameGapMs).toBeCloseTo(16.7, 1);
  });

  it('reports the longest stall', () => {
    const s = frameStats([0, 16, 32, 332, 348], 0, 400);
    expect(s.maxFrameGapMs).toBe(300);
    expect(s.fps).toBe(11.5);
  });

  it('has no rate with fewer than two frames', () => {
    expect(frameStats([10], 0, 100)).toEqual({ fps: null, maxFrameGapMs: null, frames: 1 });
  });
});

describe('longTaskStats', () => {
  it('sums only the tasks that start in the window', () => {
    const tasks = [
      { start: 5, duration: 400 },
      { start: 100, duration: 60 },
      { start: 200, duration: 120.4 },
      { start: 1200, duration: 90 },
    ];
    expect(longTaskStats(tasks, 50, 1000)).toEqual({ count: 2, totalMs: 180, longestMs: 120 });
    expect(longTaskStats([], 0, 1)).toEqual({ count: 0, totalMs: 0, longestMs: 0 });
  });
});
