// AE vs VAE: Compare trains both on one page, two maps with one shared latent point and both
// models' curves on one chart; switching the Model loses nothing; and with the
// reparameterization trick off the encoder learns from KL alone, so its codes collapse.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasHash, canvasStats, statusStep } from './pageReaders';
import { collectErrors, READY_MS } from './pageActions';

async function open(page: Page, query: string): Promise<void> {
  // A link with settings of its own starts from new weights (the bare link opens the pretrained model).
  await page.goto(`./?${query}`);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
}

/** Trains until the status passes `steps`, then pauses and waits for the paused snapshot. */
async function trainTo(page: Page, steps: number): Promise<number> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => statusStep(page), { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(steps);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  return statusStep(page);
}

/** Mean over dimensions of the standard deviation of μ, as the spread readout shows it. */
async function meanSd(readout: Locator): Promise<number> {
  const sds = (await readout.locator('li').allTextContents()).map((s) => Number(/sd (\d+\.\d+)/.exec(s)?.[1] ?? NaN));
  expect(sds.length).toBeGreaterThan(0);
  return sds.reduce((a, b) => a + b, 0) / sds.length;
}

/** The spread readout once it describes the codes of `step` (the snapshot taken at that step). */
async function spreadAt(page: Page, model: 'vae' | 'ae', step: number): Promise<number> {
  const toolbar = page.getByText(new RegExp(`step ${step.toLocaleString('en-US')}$`)).first();
  await expect(toolbar).toBeVisible({ timeout: 60_000 });
  return meanSd(page.getByTestId(`code-spread-${model}`));
}

async function legendNumber(page: Page, key: string): Promise<number> {
  return Number(((await page.getByTestId(`legend-${key}`).textContent()) ?? '').replaceAll(',', ''));
}

test.describe('AE vs VAE', () => {
  test.setTimeout(360_000);

  test('Compare shows two maps, two sets of curves and one latent point decoded by both', async ({ page }) => {
    const errors = collectErrors(page);
    await open(page, 'model=compare&seed=3');
    await expect(page.getByRole('radio', { name: 'Compare', exact: true })).toBeChecked();
    await trainTo(page, 30);

    const vaeSide = page.getByRole('region', { name: 'VAE latent space', exact: true });
    const aeSide = page.getByRole('region', { name: 'AE latent space', exact: true });
    await expect(page.getByRole('region', { name: 'Latent space', exact: true })).toHaveCount(2);
    for (const side of [vaeSide, aeSide]) {
      await expect.poll(async () => (await canvasStats(side.getByTestId('latent-points'))).inked, { timeout: 60_000 }).toBeGreaterThan(200);
      await expect(side.getByRole('img', { name: /^Decoded image \((VAE|AE)\)$/ })).toBeVisible();
      await expect(side.locator('.code-spread li').first()).toContainText(/z₁: −?\d+\.\d\d to −?\d+\.\d\d, sd \d+\.\d\d/);
    }

    // Both curves on one chart: reconstruction for each model, KL for the VAE.
    const chart = page.getByRole('region', { name: 'Loss curves' });
    for (const key of ['recon', 'kl', 'aeRecon']) await expect(chart.getByTestId(`legend-${key}`)).toHaveText(/^\d[\d,]*\.\d+$/);
    await expect(chart).toContainText('VAE reconstruction');
    await expect(chart).toContainText('AE reconstruction');
    expect((await page.locator('path.line.smooth.s-aeRecon').getAttribute('d'))?.length ?? 0).toBeGreaterThan(20);
    expect((await page.locator('path.line.smooth.s-recon').getAttribute('d'))?.length ?? 0).toBeGreaterThan(20);

    // One point: moving it in the VAE's map moves the AE's too, and both decoders redraw.
    const vaeImage = vaeSide.getByTestId('decoded-vae');
    const aeImage = aeSide.getByTestId('decoded-ae');
    const before = [await canvasHash(vaeImage), await canvasHash(aeImage)];
    const handle = vaeSide.getByRole('slider', { name: 'Latent point' });
    await handle.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    const coords = page.getByTestId('latent-coords');
    await expect(coords.first()).not.toHaveText(/= \(0\.00, 0\.00\)/);
    await expect(coords.nth(1)).toHaveText((await coords.first().textContent()) ?? '');
    await expect.poll(() => canvasHash(vaeImage)).not.toBe(before[0]);
    await expect.poll(() => canvasHash(aeImage)).not.toBe(before[1]);
    expect(errors).toEqual([]);
  });

  test('toggling VAE → AE → VAE keeps the step count and the weights', async ({ page }) => {
    const errors = collectErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await open(page, 'seed=4');
    const vaeStep = await trainTo(page, 20);
    const image = page.getByRole('img', { name: 'Decoded image' });
    const point = page.getByRole('slider', { name: 'Latent point' });
    const fixedZ = async () => {
      await point.focus();
      await page.keyboard.press('Home');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowUp');
      await expect(page.getByTestId('latent-coords')).not.toHaveText(/= \(0\.00, 0\.00\)/);
    };
    await fixedZ();
    await expect(page.getByText(`mean image · weights of step ${vaeStep.toLocaleString('en-US')}`)).toBeVisible({ timeout: 60_000 });
    const vaeImage = await canvasHash(image);

    // No question asked: nothing is lost by switching.
    await page.getByRole('radio', { name: 'AE', exact: true }).click();
    await expect(page.getByRole('radio', { name: 'AE', exact: true })).toBeChecked();
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · /);
    await expect(page).toHaveURL(/[?&]model=ae\b/);
    await trainTo(page, 10);
    await expect(page.getByTestId('legend-kl')).toHaveText('n/a');

    await page.getByRole('radio', { name: 'VAE', exact: true }).click();
    await expect(page.getByRole('radio', { name: 'VAE', exact: true })).toBeChecked();
    await expect.poll(() => statusStep(page)).toBe(vaeStep);
    await fixedZ();
    await expect(page.getByText(`mean image · weights of step ${vaeStep.toLocaleString('en-US')}`)).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => canvasHash(image)).toBe(vaeImage);
    // The VAE's curves came back with it.
    await expect(page.getByTestId('legend-kl')).toHaveText(/^\d[\d,]*\.\d+$/);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('with the reparameterization trick off the codes collapse toward 0 while the decoder keeps learning', async ({ page }) => {
    test.setTimeout(600_000);
    const errors = collectErrors(page);
    const image = page.getByRole('img', { name: 'Decoded image' });
    const trick = page.getByRole('checkbox', { name: 'Reparameterization trick' });
    const STEPS = 120;
    /** One fresh run from the same seed: the spread after one chunk, then after STEPS. */
    const run = async (reparam: boolean) => {
      await open(page, 'seed=5&lr=0.003');
      if (!reparam) {
        await trick.uncheck();
        await expect(page).toHaveURL(/[?&]reparam=0\b/);
      }
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(0);
      const first = await statusStep(page);
      const start = { sd: await spreadAt(page, 'vae', first), recon: await legendNumber(page, 'recon'), image: await canvasHash(image) };
      const last = await trainTo(page, STEPS);
      const end = { sd: await spreadAt(page, 'vae', last), recon: await legendNumber(page, 'recon'), image: await canvasHash(image) };
      return { start, end };
    };

    const off = await run(false);
    // Only KL reaches the encoder: μ is pulled to 0 for every image alike.
    expect(off.end.sd).toBeLessThan(off.start.sd * 0.5);
    // The decoder still learns (toward the mean image): reconstruction improves, its picture changes.
    expect(off.end.recon).toBeLessThan(off.start.recon - 20);
    expect(off.end.image).not.toBe(off.start.image);

    const on = await run(true);
    console.log(`mean sd of μ, trick off: ${off.start.sd} → ${off.end.sd}; on: ${on.start.sd} → ${on.end.sd}; recon with it off: ${off.start.recon} → ${off.end.recon}`);
    // A new network's codes start wide; the same training with the trick on brings them to
    // the prior's scale (sd ≈ 1), not to a point.
    expect(on.end.sd).toBeGreaterThan(0.5);
    expect(on.end.sd).toBeGreaterThan(off.end.sd * 3);
    expect(errors).toEqual([]);
  });
});
