// Compare any two: Model B may differ from Model A in any setting of the schema. Set from its
// `Model B` group, B (a VAE with β = 4 beside A's β = 1) trains with A in equal steps, each map,
// decoder and legend names its settings, and the link carries B (b.model=vae&b.beta=4), so a
// teacher's link opens the same pair; a B with another latent size gets a point of its own.
import { expect, test, type Page } from '@playwright/test';
import { canvasStats, statusStep } from './pageReaders';
import { collectErrors, READY_MS } from './pageActions';

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`./?${query}`);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
}

/** Trains until the status passes `steps`, then pauses; returns the step both stand at. */
async function trainBoth(page: Page, steps: number): Promise<number> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => statusStep(page), { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(steps);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  const a = page.getByTestId('compare-step-vae');
  const b = page.getByTestId('compare-step-ae');
  // Standing still, the two stand at one step (the one behind trains the steps it lacks).
  await expect.poll(async () => (await a.textContent()) === (await b.textContent()), { timeout: 60_000 }).toBe(true);
  const step = Number(((await a.textContent()) ?? '').replace(/\D/g, ''));
  expect(step).toBeGreaterThanOrEqual(steps);
  return step;
}

/** Both maps drew their codes, each decoder its picture, each side named `label`. */
async function expectSides(page: Page, labels: [string, string]): Promise<void> {
  for (const [label, id] of [[labels[0], 'vae'], [labels[1], 'ae']] as const) {
    const side = page.getByRole('region', { name: `${label} latent space`, exact: true });
    await expect(side).toBeVisible();
    await expect.poll(async () => (await canvasStats(side.getByTestId('latent-points'))).inked, { timeout: 60_000 }).toBeGreaterThan(200);
    await expect(side.getByRole('img', { name: `Decoded image (${label})`, exact: true })).toBeVisible();
    await expect(side.getByTestId(`decoded-${id}`)).toBeVisible();
  }
}

test.describe('Compare any two', () => {
  test.setTimeout(420_000);

  test('Model B set to β = 4 trains beside Model A; both legends name their settings; the link carries B', async ({ page }) => {
    const errors = collectErrors(page);
    await open(page, 'model=compare&seed=3');
    const group = page.getByRole('group', { name: 'Model B', exact: true });
    // The default pair: a VAE and an AE, named as always.
    await expect(group.getByTestId('model-b-label')).toHaveText('AE');
    await group.getByRole('button', { name: 'Model B settings' }).click();
    await group.getByRole('combobox', { name: 'Model', exact: true }).selectOption('vae');
    await group.getByRole('slider', { name: 'Beta' }).fill('4');
    await expect(group.getByTestId('model-b-label')).toHaveText('VAE · β = 4');
    await expect(page).toHaveURL(/[?&]b\.model=vae&b\.beta=4\b/);
    // Model A keeps its own β.
    await expect(page.getByRole('region', { name: 'Hyperparameters' }).getByRole('slider', { name: 'Beta' })).toHaveValue('1');
    await group.getByRole('button', { name: 'Model B settings' }).click();

    await trainBoth(page, 30);
    await expectSides(page, ['VAE · β = 1', 'VAE · β = 4']);
    const chart = page.getByRole('region', { name: 'Loss curves' });
    await expect(chart).toContainText('VAE · β = 1 reconstruction');
    await expect(chart).toContainText('VAE · β = 1 KL');
    await expect(chart).toContainText('VAE · β = 4 reconstruction');
    // Model B is a VAE too: its KL is on the chart beside A's.
    await expect(chart).toContainText('VAE · β = 4 KL');
    for (const key of ['recon', 'kl', 'aeRecon', 'aeKl']) await expect(chart.getByTestId(`legend-${key}`)).toHaveText(/^\d[\d,]*\.\d+$/);
    expect((await page.locator('path.line.smooth.s-aeKl').getAttribute('d'))?.length ?? 0).toBeGreaterThan(20);
    // Same latent size: one point, decoded by both.
    await expect(page.getByTestId('compare-hint')).toHaveText(/both decoders get the same z/);
    expect(errors).toEqual([]);
  });

  test('a teacher’s link with b.beta=4 opens that pair; a Model B with another latent size gets its own point', async ({ page }) => {
    const errors = collectErrors(page);
    await open(page, 'model=compare&seed=4&b.beta=4');
    await expect(page.getByRole('radio', { name: 'Compare', exact: true })).toBeChecked();
    const group = page.getByRole('group', { name: 'Model B', exact: true });
    await expect(group.getByTestId('model-b-label')).toHaveText('VAE · β = 4');
    await expect(page).toHaveURL(/[?&]b\.model=vae&b\.beta=4\b/);
    await trainBoth(page, 20);
    await expectSides(page, ['VAE · β = 1', 'VAE · β = 4']);

    // An out-of-range B in a link is clamped, with a note that says so.
    await open(page, 'model=compare&seed=4&b.model=ae&b.z=999');
    await expect(page.getByText(/Model B: Latent dimensions: 999 is outside 1–64/)).toBeVisible();
    await expect(group.getByTestId('model-b-label')).toHaveText('AE · 64-D z');
    await expect(page.getByTestId('compare-hint')).toHaveText('Model A has 2 latent dimensions and Model B 64: one z cannot be both, so each map has its own point.');
    await trainBoth(page, 10);
    await expectSides(page, ['VAE · 2-D z', 'AE · 64-D z']);
    expect(errors).toEqual([]);
  });

  test('a link with b.arch=conv compares the MLP with the convolutional VAE, each map and decoder its own network', async ({ page }) => {
    const errors = collectErrors(page);
    await open(page, 'model=compare&seed=5&b.arch=conv');
    const group = page.getByRole('group', { name: 'Model B', exact: true });
    await expect(group.getByTestId('model-b-label')).toHaveText('VAE · Conv');
    await expect(page).toHaveURL(/[?&]b\.arch=conv\b/);
    // Model A stays the panel's MLP.
    await expect(page.getByRole('region', { name: 'Hyperparameters' }).getByRole('combobox', { name: 'Architecture' })).toHaveValue('mlp');
    await trainBoth(page, 10);
    const [mlp, conv] = ['VAE · MLP', 'VAE · Conv'].map((label) => page.getByRole('region', { name: `${label} latent space`, exact: true }));
    await expect.poll(async () => (await canvasStats(mlp!.getByTestId('latent-points'))).inked, { timeout: 60_000 }).toBeGreaterThan(200);
    // Ten steps in, the conv VAE's codes still sit in one small cluster (its μ spread says so): drawn, but small.
    await expect.poll(async () => (await canvasStats(conv!.getByTestId('latent-points'))).inked, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: 'Spread of the VAE · Conv codes' }).getByRole('listitem')).toHaveCount(2);
    for (const label of ['VAE · MLP', 'VAE · Conv']) await expect(page.getByRole('img', { name: `Decoded image (${label})`, exact: true })).toBeVisible();
    await expect(page.getByTestId('compare-hint')).toHaveText(/both decoders get the same z/);
    expect(errors).toEqual([]);
  });

  test('a crashed training worker gives Compare back: Model B keeps its settings and comes back from its own weights', async ({ page }) => {
    const errors = collectErrors(page);
    await open(page, 'model=compare&seed=6&b.beta=4');
    const step = await trainBoth(page, 20);
    // Paused, each model's weights of that step reach the page (the restart's snapshots).
    await expect.poll(() => page.evaluate(() => window.__vaeDebug?.snapshotStep() ?? 0), { timeout: 60_000 }).toBe(step);
    await expect.poll(() => page.evaluate(() => window.__vaeDebug?.snapshotStep('b') ?? 0), { timeout: 60_000 }).toBe(step);
    await page.evaluate(() => window.__vaeDebug?.fault('crash'));
    const notice = page.locator('.notice-text').filter({ hasText: /training worker stopped with an error/ });
    await expect(notice).toBeVisible({ timeout: 60_000 });
    const text = (await notice.first().textContent()) ?? '';
    expect(text).toMatch(new RegExp(`took over from step ${step}, the latest snapshot, with Model B from its step ${step}; press Train to go on`));
    await expect(page.getByRole('group', { name: 'Model B', exact: true }).getByTestId('model-b-label')).toHaveText('VAE · β = 4');
    await expect(page.getByTestId('compare-step-ae')).toHaveText(new RegExp(`step ${step}\\b`), { timeout: 60_000 });
    await expectSides(page, ['VAE · β = 1', 'VAE · β = 4']);
    // Both go on training from there, still in step.
    await trainBoth(page, step + 5);
    expect(errors.filter((e) => !/stopped with an error|debug fault/i.test(e))).toEqual([]);
  });
});
