// A page with the worker spy installed (scripts/chromium/workerSpy.ts), seen from Node: the
// worker's messages mirrored here as they arrive, the page clock, and waiting on conditions.

import type { Page } from '@playwright/test';
import { installWorkerSpy, readSpiedClicks, readSpiedMessages, readSpiedTimes, type SpiedMessage } from '../chromium/workerSpy';
import { frameStats, longTaskStats, type FrameStats, type LongTaskStats } from './frames';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ProbePage {
  readonly msgs: SpiedMessage[] = [];
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
  }

  /** Must run before the first navigation. */
  async install(): Promise<void> {
    await installWorkerSpy(this.page);
  }

  /** performance.now() on the page: ms since its navigation started. */
  now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  /** Fetches the messages that arrived since the last call. */
  async sync(): Promise<SpiedMessage[]> {
    const fresh = await readSpiedMessages(this.page, this.msgs.length);
    this.msgs.push(...fresh);
    return this.msgs;
  }

  /** Polls until `pred` holds on the mirrored messages; throws with `what` after `timeoutMs`. */
  async waitFor<T>(what: string, pred: (msgs: SpiedMessage[]) => T | null | undefined | false, timeoutMs: number, everyMs = 250): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = pred(await this.sync());
      if (hit) return hit;
      const fatal = this.msgs.find((m) => m.type === 'error' && m.recoverable === false);
      if (fatal) throw new Error(`${what}: the worker reported ${fatal.code}: ${fatal.message}`);
      if (performance.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
      await sleep(everyMs);
    }
  }

  /** Page time of the latest click on a button labelled `label`. */
  async lastClick(label: string): Promise<number | null> {
    const clicks = await readSpiedClicks(this.page);
    return clicks.filter((c) => c.label === label).at(-1)?.t ?? null;
  }

  async smoothness(t0: number, t1: number): Promise<{ frames: FrameStats; longTasks: LongTaskStats }> {
    const { frames, longTasks: tasks } = await readSpiedTimes(this.page, t0, t1);
    return { frames: frameStats(frames, t0, t1), longTasks: longTaskStats(tasks, t0, t1) };
  }
}
