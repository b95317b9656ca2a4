// What happens when the user walks away: a tab hidden for over a minute stops training (unless
// "Keep training in background" is ticked), and on return a notice says why, with the model,
// its step and its curves as they were. The page's clock is Playwright's (page.clock): it runs
// as usual, and a test moves it on by the minute instead of waiting one out.
import { expect, test, type Page } from '@playwright/test';
import { statusStep } from './pageReaders';

const READY_MS = 120_000;

/** Headless pages are never really hidden: tell the page it is, as a tab switch would. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test.describe('hidden tab', () => {
  test.setTimeout(240_000);

  test('training pauses after a minute hidden, says so on return, and keeps the model', async ({ page }) => {
    await page.clock.install();
    await page.goto('./?backend=wasm');
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(train).toBeEnabled({ timeout: READY_MS });
    await expect(page.getByRole('checkbox', { name: 'Keep training in background' })).not.toBeChecked();
    const start = await statusStep(page);
    await train.click();
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(start + 10);

    await setHidden(page, true);
    // Still training well inside the minute.
    await page.clock.fastForward(20_000);
    const hiddenAt = await statusStep(page);
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(hiddenAt);
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    // Paused once the minute has passed; Train shows once the worker has stopped, so the step is final.
    await page.clock.fastForward(41_000);
    await expect(train).toBeVisible({ timeout: 60_000 });
    const paused = await statusStep(page);
    await expect(page.getByText('Training paused while the tab was hidden')).toHaveCount(0);

    await setHidden(page, false);
    await expect(page.getByText('Training paused while the tab was hidden. Press Train to go on.')).toBeVisible();
    expect(await statusStep(page)).toBe(paused);
    await train.click();
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(paused);
  });

  test('"Keep training in background" keeps it running while hidden', async ({ page }) => {
    await page.clock.install();
    await page.goto('./?backend=wasm');
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(train).toBeEnabled({ timeout: READY_MS });
    await page.getByRole('checkbox', { name: 'Keep training in background' }).check();
    await train.click();
    await setHidden(page, true);
    await page.clock.fastForward(65_000);
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    // Two more chunks after the minute: a pause would have let at most the one under way finish.
    const step = await statusStep(page);
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(step);
    const next = await statusStep(page);
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(next);
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await setHidden(page, false);
    await expect(page.getByText('Training paused while the tab was hidden')).toHaveCount(0);
  });
});
