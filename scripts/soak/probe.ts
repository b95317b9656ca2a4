// What the soak reads from the worker spy (scripts/chromium/workerSpy.ts) once a minute: the
// training worker's metrics (step, rates, tf.memory()), its errors, the animation-frame times and
// how many long tasks ran. Each read empties the spy, so its arrays stay small over a long run.

import type { Page } from '@playwright/test';
import { drainSpy, type SpiedMessage } from '../chromium/workerSpy';

export interface SoakMetrics {
  t: number;
  step: number;
  trainSteps: number;
  imagesPerSec: number;
  numTensors: number | null;
  numBytes: number | null;
}

export interface SoakDrain {
  now: number;
  metrics: SoakMetrics[];
  errors: string[];
  frames: number[];
  longTasks: number;
}

/** The training chunks and test points among the spied messages, as the soak samples them. */
export function soakMetrics(msgs: readonly SpiedMessage[]): SoakMetrics[] {
  return msgs
    .filter((m) => m.type === 'metrics' && m.trainSteps !== undefined)
    .map((m) => ({
      t: m.t,
      step: m.step ?? 0,
      trainSteps: m.trainSteps ?? 0,
      imagesPerSec: m.imagesPerSec ?? 0,
      numTensors: m.numTensors ?? null,
      numBytes: m.numBytes ?? null,
    }));
}

export function soakErrors(msgs: readonly SpiedMessage[]): string[] {
  return msgs.filter((m) => m.type === 'error').map((m) => `${m.code}: ${m.message}`);
}

/** Everything recorded since the last drain, removed from the page. */
export async function drain(page: Page): Promise<SoakDrain> {
  const d = await drainSpy(page);
  return { now: d.now, metrics: soakMetrics(d.msgs), errors: soakErrors(d.msgs), frames: d.frames, longTasks: d.longTasks.length };
}
