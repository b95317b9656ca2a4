// Actions on the page shared by the end-to-end specs. Each waits for something the page shows
// (a button's label, a step number, a painted frame, a finished transition), never for a fixed time.

import { expect, type Locator, type Page } from '@playwright/test';
import { statusStep } from './pageReaders';

/** Loading the dataset and compiling a backend take long on a 2-core machine shared by others. */
export const READY_MS = 120_000;

/** Console errors and uncaught exceptions of the page, collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export const trainButton = (p: Page) => p.getByRole('button', { name: 'Train', exact: true });
export const pauseButton = (p: Page) => p.getByRole('button', { name: 'Pause', exact: true });

/** Waits until the model can train (the dataset and a backend are ready). */
export async function waitReady(p: Page, timeout = READY_MS): Promise<void> {
  await expect(trainButton(p)).toBeEnabled({ timeout });
}

/**
 * Presses Pause and returns the step training stopped at. The worker reads Pause only between
 * chunks and answers it after the chunk's metrics (messages keep their order), so once the
 * button reads Train again no further step can arrive.
 */
export async function pauseSettled(p: Page): Promise<number> {
  await pauseButton(p).click();
  await expect(trainButton(p)).toBeVisible({ timeout: READY_MS });
  return statusStep(p);
}

/** Trains until the status shows more than `steps`, then pauses; returns the step it stopped at. */
export async function trainPast(p: Page, steps: number, timeout = 240_000): Promise<number> {
  await trainButton(p).click();
  await expect.poll(() => statusStep(p), { timeout, intervals: [500, 1_000] }).toBeGreaterThan(steps);
  return pauseSettled(p);
}

/**
 * Presses Step (one chunk) and returns the step after it. A chunk's steps arrive in one metrics
 * message, so the first change of the status is the whole chunk.
 */
export async function stepOnce(p: Page, timeout = READY_MS): Promise<number> {
  const before = await statusStep(p);
  await p.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => statusStep(p), { timeout }).toBeGreaterThan(before);
  return statusStep(p);
}

/** Waits for the page to paint `n` more frames: React has committed what a handler set by then. */
export async function nextFrames(p: Page, n = 2): Promise<void> {
  await p.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/**
 * Waits until the element's CSS transitions (e.g. a hover colour fade) have finished. A frame
 * first, so a transition that a pointer move just started has begun.
 */
export async function transitionsDone(el: Locator): Promise<void> {
  await nextFrames(el.page(), 1);
  await el.evaluate(async (e) => {
    const running = e.getAnimations({ subtree: true }).filter((a) => a instanceof CSSTransition);
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
  });
}

/** Records every confirm() the page shows and answers it: dismissed until `accept` is set. */
export function answerDialogs(page: Page): { asked: string[]; dialogs: { accept: boolean } } {
  const asked: string[] = [];
  const dialogs = { accept: false };
  page.on('dialog', (d) => {
    asked.push(d.message());
    void (dialogs.accept ? d.accept() : d.dismiss());
  });
  return { asked, dialogs };
}
