// Settings a teacher changes mid-lesson, judged by what they do (issue 20): switching the
// backend from the menu while training keeps training the same model; Fast start's higher
// early rate gets further in the same steps than without it; other hidden sizes make another
// model (a smaller checkpoint) that trains.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { pauseButton, pauseSettled, READY_MS, stepOnce, trainButton, waitReady } from './pageActions';
import { statusStep } from './pageReaders';
import { openTapped, tailMean, trainedSteps } from './workerTap';


/** Size in bytes of the checkpoint Save to file writes now. */
async function checkpointBytes(page: Page): Promise<number> {
  const menu = page.getByRole('button', { name: /^Save \/ Load/ });
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save to file', exact: true }).click()]);
  const bytes = (await readFile(await file.path())).length;
  await page.keyboard.press('Escape');
  return bytes;
}

test.describe('settings that change the run', () => {
  test.setTimeout(400_000);

  test('switching the backend from the menu while training keeps training the same model', async ({ browser }, testInfo) => {
    const { page, errors } = await openTapped(browser, testInfo, './?backend=wasm&seed=3', { acceptDownloads: true });
    await expect(page.getByTestId('status')).toContainText('WASM');
    await trainButton(page).click();
    await expect.poll(async () => (await trainedSteps(page)).elbo.length, { timeout: READY_MS }).toBeGreaterThan(40);
    const backend = page.getByRole('combobox', { name: 'Backend' });
    await backend.selectOption('webgl');
    await expect(backend).toHaveAttribute('data-backend', 'webgl', { timeout: READY_MS });
    await expect(page.getByTestId('status')).toContainText('WebGL');
    const before = await trainedSteps(page);
    // Training goes on by itself on the new backend (shader compiles take a while without a GPU).
    await expect(pauseButton(page)).toBeVisible();
    await expect.poll(async () => (await trainedSteps(page)).elbo.length, { timeout: 240_000, intervals: [1_000] }).toBeGreaterThan(before.elbo.length + 20);
    const end = await pauseSettled(page);
    const after = await trainedSteps(page);
    // The step count carries on (no reset), every step is counted once, and the model is the same:
    // the ELBO after the switch continues from where it was, far from new weights' ≈ −543.
    expect(end).toBe(after.elbo.length);
    const wasm = tailMean(before.elbo, 10);
    const webgl = after.elbo.slice(before.elbo.length, before.elbo.length + 10);
    expect(tailMean(webgl, 10)).toBeGreaterThan(wasm - 25);
    expect(tailMean(after.elbo, 10)).toBeGreaterThan(tailMean(after.elbo.slice(0, 10), 10));
    expect(errors).toEqual([]);
    await page.close();
  });

  test('Fast start on gets further in the first steps than off, from the same first step', async ({ browser }, testInfo) => {
    const STEPS = 80;
    const runFor = async (fast: boolean) => {
      const { page, errors } = await openTapped(browser, testInfo, './?backend=wasm&seed=4', { acceptDownloads: true });
      const box = page.getByRole('checkbox', { name: 'Fast start' });
      await expect(box).toBeChecked();
      if (!fast) {
        await box.uncheck();
        await expect(page).toHaveURL(/[?&]fast=0\b/);
      }
      await trainButton(page).click();
      await expect.poll(async () => (await trainedSteps(page)).elbo.length, { timeout: 240_000, intervals: [1_000] }).toBeGreaterThanOrEqual(STEPS);
      await pauseSettled(page);
      const s = await trainedSteps(page);
      expect(errors).toEqual([]);
      await page.close();
      return s.elbo.slice(0, STEPS);
    };
    const on = await runFor(true);
    const off = await runFor(false);
    // The first step is taken from the same weights on the same batch: the rate shows only after it.
    expect(on[0]).toBeCloseTo(off[0], 3);
    // 4× the rate early on: a higher ELBO after the same steps.
    expect(tailMean(on, 10)).toBeGreaterThan(tailMean(off, 10) + 5);
  });

  test('other hidden sizes make another model: a smaller checkpoint, and it trains', async ({ browser }, testInfo) => {
    const { page, errors } = await openTapped(browser, testInfo, './?backend=wasm&seed=6', { acceptDownloads: true });
    await expect(page.getByRole('combobox', { name: 'Hidden layers' })).toHaveValue('512-256');
    await stepOnce(page);
    const big = await checkpointBytes(page);

    await page.getByRole('combobox', { name: 'Hidden layers' }).selectOption('256');
    await expect(page).toHaveURL(/[?&]hidden=256\b/);
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · /, { timeout: READY_MS });
    await waitReady(page);
    const first = await trainedSteps(page);
    await trainButton(page).click();
    await expect.poll(async () => (await trainedSteps(page)).elbo.length, { timeout: 240_000, intervals: [1_000] }).toBeGreaterThan(first.elbo.length + 40);
    await pauseSettled(page);
    const small = await checkpointBytes(page);
    // 784-256-2 has ≈ 0.40 M weights against 784-512-256-2's ≈ 1.07 M: the file shrinks with them.
    expect(small / big).toBeGreaterThan(0.3);
    expect(small / big).toBeLessThan(0.45);
    const run = (await trainedSteps(page)).elbo.slice(first.elbo.length);
    expect(tailMean(run, 10)).toBeGreaterThan(tailMean(run.slice(0, 10), 10) + 5);
    expect(await statusStep(page)).toBe(run.length);
    expect(errors).toEqual([]);
    await page.close();
  });
});
