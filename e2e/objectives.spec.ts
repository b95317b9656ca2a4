// What the settings do to training, read from the worker's per-step figures (issue 20): another
// dataset trains on other images, the Gaussian likelihood's reconstruction carries its constant
// and falls, L samples average (not add) their estimates, and β = 4 keeps the KL below β = 1's.
// All from the same seed on WASM, so each pair differs in the one setting only.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { pauseSettled, READY_MS, trainButton, waitReady } from './pageActions';
import { openTapped, tailMean, trainedSteps, type StepSeries } from './workerTap';

const STEPS = 80;
const BASE = './?backend=wasm&seed=5';


/** Trains from the page's current weights until at least `steps` steps; returns the first `steps`. */
async function trainSteps(page: Page, steps = STEPS): Promise<StepSeries> {
  await trainButton(page).click();
  await expect.poll(async () => (await trainedSteps(page)).elbo.length, { timeout: 240_000, intervals: [1_000] }).toBeGreaterThanOrEqual(steps);
  await pauseSettled(page);
  const s = await trainedSteps(page);
  return { elbo: s.elbo.slice(0, steps), recon: s.recon.slice(0, steps), kl: s.kl.slice(0, steps) };
}

async function run(browser: Browser, testInfo: TestInfo, link: string): Promise<StepSeries> {
  const { page, errors } = await openTapped(browser, testInfo, link);
  const s = await trainSteps(page);
  expect(errors).toEqual([]);
  await page.close();
  return s;
}

/** The ELBO rose over the run: the last ten steps beat the first ten. */
function expectTrains(s: StepSeries): void {
  expect(s.elbo.every(Number.isFinite)).toBe(true);
  expect(tailMean(s.elbo, 10)).toBeGreaterThan(tailMean(s.elbo.slice(0, 10), 10) + 5);
}

test.describe('settings change what training does', () => {
  test.setTimeout(600_000);
  let mnist: StepSeries;

  test.beforeAll(async ({ browser }, testInfo) => {
    test.setTimeout(300_000);
    mnist = await run(browser, testInfo, BASE);
  });

  test('switching the dataset to Fashion-MNIST trains on its images', async ({ browser }, testInfo) => {
    const { page, errors } = await openTapped(browser, testInfo, BASE);
    await page.getByRole('combobox', { name: 'Dataset' }).selectOption('fashion');
    await expect(page).toHaveURL(/[?&]data=fashion\b/);
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('fashion');
    await waitReady(page, READY_MS);
    const fashion = await trainSteps(page);
    expect(errors).toEqual([]);
    await page.close();
    expectTrains(fashion);
    expectTrains(mnist);
    // Same seed, other images: the reconstruction differs from MNIST's step after step (clothes
    // have more ink than digits, so an untrained decoder's Bernoulli cost differs from the start).
    const differing = fashion.recon.filter((r, i) => Math.abs(r - mnist.recon[i]) > 1).length;
    expect(differing).toBeGreaterThan(STEPS * 0.9);
  });

  test('the Gaussian likelihood carries (D/2)·log 2πσ² and its reconstruction falls', async ({ browser }, testInfo) => {
    const g = await run(browser, testInfo, `${BASE}&lik=gaussian&sigma=1`);
    const constant = 392 * Math.log(2 * Math.PI); // 720.4 nats at σ = 1 (math.md)
    // ‖x − x̂‖²/2 ≥ 0 and at most 784·¼/2 = 98 for pixels in [0, 1] and an output near ½.
    expect(g.recon[0]).toBeGreaterThan(constant);
    expect(g.recon[0]).toBeLessThan(constant + 98);
    expect(g.recon.every((r) => r > constant)).toBe(true);
    expect(tailMean(g.recon, 10)).toBeLessThan(g.recon[0] - 5);
    expectTrains(g);
  });

  test('L = 8 samples average their estimates: the same scale as L = 1, and it trains', async ({ browser }, testInfo) => {
    const l8 = await run(browser, testInfo, `${BASE}&L=8`);
    expectTrains(l8);
    // The first step sees the same weights and batch with other ε draws: an average of 8 is
    // within a nat or two of one draw (a sum would be 8 times as large).
    expect(Math.abs(l8.recon[0] - mnist.recon[0])).toBeLessThan(5);
    expect(l8.recon[0]).not.toBe(mnist.recon[0]);
  });

  test('β = 4 keeps the KL below β = 1 after the same steps', async ({ browser }, testInfo) => {
    const b4 = await run(browser, testInfo, `${BASE}&beta=4`);
    expectTrains(b4);
    // The same first step (β only weighs the gradient), then a KL held down four times as hard.
    expect(Math.abs(b4.kl[0] - mnist.kl[0])).toBeLessThan(1e-3 * Math.max(1, mnist.kl[0]));
    const klB1 = tailMean(mnist.kl, 10);
    const klB4 = tailMean(b4.kl, 10);
    expect(klB4).toBeLessThan(klB1 * 0.8);
  });
});
