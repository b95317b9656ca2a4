// The loss chart under the Gaussian likelihood, as a teacher uses it: change σ_x and the
// chart marks the change; the constant (D/2)·log 2πσ² can be taken out, and the legend says so.
import { expect, test, type Page } from '@playwright/test';
import { statusStep } from './pageReaders';

const READY_MS = 120_000;
/** (D/2)·log(2πσ²) for D = 784 (math.md). */
const constant = (sigma: number) => 392 * Math.log(2 * Math.PI * sigma * sigma);

const chartSvg = (page: Page) => page.getByRole('img', { name: 'Loss curves' });
const legendRecon = async (page: Page) =>
  Number(((await page.getByTestId('legend-recon').textContent()) ?? '').replaceAll(',', '').replace('−', '-'));
const points = async (page: Page) => Number((await chartSvg(page).getAttribute('data-points')) ?? NaN);

async function stepOnce(page: Page): Promise<void> {
  const before = await points(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => points(page), { timeout: READY_MS }).toBeGreaterThan(before);
  // The legend follows the chart within a frame; let the chunk's last message land.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
}

test('a σ change is marked on the chart, and the view without the constant moves the numbers by it', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?seed=2&lik=gaussian&sigma=1');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  await stepOnce(page);

  const region = page.getByRole('region', { name: 'Loss curves' });
  const note = region.getByTestId('constant-note');
  await expect(note).toHaveText('With the constant (D/2)·log 2πσ² = 720.4 nats (σ = 1)');
  await expect(chartSvg(page).locator('.axis-title')).toHaveText('training step');

  // σ 1 → 0.1: a labelled marker at the step of the change.
  const stepBefore = await points(page);
  await page.getByRole('slider', { name: 'Decoder sigma' }).fill('0.1');
  const marker = chartSvg(page).locator('g.marker', { hasText: 'σ = 0.1' });
  await expect(marker).toHaveCount(1);
  // History steps count from 0: the marker sits on the last step trained with σ = 1.
  expect(Number(await marker.getAttribute('data-step'))).toBe(stepBefore - 1);
  await expect(note).toContainText('σ = 0.1');
  await stepOnce(page);
  // The chart (and its legend, drawn in the same render) holds every step the status shows.
  await expect.poll(async () => (await points(page)) === (await statusStep(page))).toBe(true);

  // The curves include the (negative) constant at σ = 0.1; taking it out adds 1,084.8 nats.
  const withC = await legendRecon(page);
  const drop = region.getByRole('checkbox', { name: 'Without constant' });
  await expect(drop).toBeVisible();
  await drop.check();
  await expect(note).toHaveText('Without the constant (D/2)·log 2πσ²: reconstruction = ‖x − x̂‖²/(2σ²)');
  await expect.poll(() => legendRecon(page)).not.toBe(withC);
  const withoutC = await legendRecon(page);
  expect(Math.abs(withoutC - withC - -constant(0.1))).toBeLessThan(1.5);
  // Without the constant the Gaussian reconstruction is ‖x − x̂‖²/(2σ²) ≥ 0.
  expect(withoutC).toBeGreaterThan(0);

  await drop.uncheck();
  await expect.poll(() => legendRecon(page)).toBe(withC);
  expect(errors).toEqual([]);
});
