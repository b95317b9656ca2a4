// Reading the training worker's recorded messages (../chromium/workerSpy.ts): when the first step came,
// how fast the chunks ran, when the test −ELBO crossed a line, how many tensors were alive.

import type { SpiedMessage } from '../chromium/workerSpy';
import { median, round } from './stats';

const isTrainChunk = (m: SpiedMessage) => m.type === 'metrics' && (m.trainSteps ?? 0) > 0;

/** The first metrics message with training steps at or after page time `after`. */
export function firstTrainChunk(msgs: readonly SpiedMessage[], after: number): SpiedMessage | null {
  return msgs.find((m) => m.t >= after && isTrainChunk(m)) ?? null;
}

/** The first message of `type` at or after `after`, optionally also matching `pred`. */
export function firstOf(
  msgs: readonly SpiedMessage[],
  type: string,
  after: number,
  pred: (m: SpiedMessage) => boolean = () => true,
): SpiedMessage | null {
  return msgs.find((m) => m.t >= after && m.type === type && pred(m)) ?? null;
}

export interface Throughput {
  /** The worker's own rate while a chunk trains (what the status line shows), median over chunks, images/s. */
  chunkImagesPerSec: number | null;
  /** Steps done in the window × batch ÷ the window's duration: includes test passes and snapshots, images/s. */
  wallImagesPerSec: number | null;
  chunks: number;
  steps: number;
  windowS: number;
}

/**
 * Training speed between page times t0 and t1. The wall rate counts the steps between the
 * last chunk before the window and the last one inside it, over the time between them.
 */
export function throughput(msgs: readonly SpiedMessage[], t0: number, t1: number, batch: number): Throughput {
  const chunks = msgs.filter((m) => isTrainChunk(m) && m.t >= t0 && m.t <= t1);
  const before = msgs.filter((m) => isTrainChunk(m) && m.t < t0).at(-1);
  const first = before ?? chunks[0];
  const last = chunks.at(-1);
  const rates = chunks.map((m) => m.imagesPerSec ?? NaN).filter((r) => r > 0);
  let wall: number | null = null;
  let steps = 0;
  if (first && last && last !== first && last.step !== undefined && first.step !== undefined) {
    steps = last.step - first.step;
    wall = (steps * batch * 1000) / (last.t - first.t);
  }
  return {
    chunkImagesPerSec: round(median(rates), 0),
    wallImagesPerSec: round(wall, 0),
    chunks: chunks.length,
    steps,
    windowS: round((t1 - t0) / 1000, 1) ?? 0,
  };
}

/** The first test point whose −ELBO is below `nats` (nats per image), at or after `after`. */
export function firstTestBelow(msgs: readonly SpiedMessage[], after: number, nats: number): SpiedMessage | null {
  return msgs.find((m) => m.t >= after && m.testElbo !== undefined && -m.testElbo < nats) ?? null;
}

/** The best (lowest) test −ELBO seen so far, nats per image. */
export function bestTestNegElbo(msgs: readonly SpiedMessage[]): number | null {
  const values = msgs.filter((m) => m.testElbo !== undefined).map((m) => -(m.testElbo as number));
  return values.length ? round(Math.min(...values), 1) : null;
}

/** The latest step a metrics message reported. */
export function latestStep(msgs: readonly SpiedMessage[]): number {
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i]!;
    if (m.type === 'metrics' && m.step !== undefined) return m.step;
  }
  return 0;
}

/** numTensors of the first and last training chunk in the record (flat when nothing leaks). */
export function tensorCounts(msgs: readonly SpiedMessage[]): { first: number | null; last: number | null } {
  const counts = msgs.filter((m) => isTrainChunk(m) && m.numTensors !== undefined).map((m) => m.numTensors as number);
  return { first: counts[0] ?? null, last: counts.at(-1) ?? null };
}

/** How long the WebGL shader warm-up took (the worker's warmup progress, start to end), ms. */
export function warmupMs(msgs: readonly SpiedMessage[]): number | null {
  const start = msgs.find((m) => m.type === 'progress' && m.stage === 'warmup' && m.loaded === 0);
  const end = msgs.find((m) => m.type === 'progress' && m.stage === 'warmup' && m.loaded === m.total && (m.total ?? 0) > 0);
  return start && end ? round(end.t - start.t, 0) : null;
}
