// Main-thread smoothness over a window of page time: frames per second from the recorded
// requestAnimationFrame times, the longest gap between frames, and the long tasks.

import type { LongTask } from '../chromium/workerSpy';
import { round } from './stats';

export interface FrameStats {
  /** Frames per second over the window. */
  fps: number | null;
  /** The longest time between two frames, ms: a stall the user sees. */
  maxFrameGapMs: number | null;
  frames: number;
}

/** Frames whose time lies in [t0, t1]; fps counts intervals between the first and last of them. */
export function frameStats(frames: readonly number[], t0: number, t1: number): FrameStats {
  const inside = frames.filter((t) => t >= t0 && t <= t1);
  if (inside.length < 2) return { fps: null, maxFrameGapMs: null, frames: inside.length };
  let maxGap = 0;
  for (let i = 1; i < inside.length; i++) maxGap = Math.max(maxGap, inside[i]! - inside[i - 1]!);
  const span = inside.at(-1)! - inside[0]!;
  return { fps: round(((inside.length - 1) * 1000) / span, 1), maxFrameGapMs: round(maxGap, 1), frames: inside.length };
}

export interface LongTaskStats {
  count: number;
  /** Summed duration of the long tasks (each over 50 ms), ms. */
  totalMs: number;
  longestMs: number;
}

/** Long tasks that started inside [t0, t1]. */
export function longTaskStats(tasks: readonly LongTask[], t0: number, t1: number): LongTaskStats {
  const inside = tasks.filter((task) => task.start >= t0 && task.start <= t1);
  return {
    count: inside.length,
    totalMs: round(inside.reduce((s, task) => s + task.duration, 0), 0) ?? 0,
    longestMs: round(inside.reduce((m, task) => Math.max(m, task.duration), 0), 0) ?? 0,
  };
}
