// Runs a teacher can count on (issue 20): Train after a load starts from the loaded weights (the
// image of a fixed z before the first step is the loaded model's, and the first losses are a
// trained model's), and the same link opened twice trains the same first steps.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { keyTo, meanAbsDiff, settledGrey } from './latentMap';
import { collectErrors, READY_MS, stepOnce, trainButton, waitReady } from './pageActions';
import { statusStep, weightsNote } from './pageReaders';
import { tapTraining, trainedSteps } from './workerTap';

/** A latent point away from the origin, where a fresh and a trained decoder differ most. */
const Z: [number, number] = [0.7, -1.1];
const SHIPPED_STEP = 2345;

const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image', exact: true });

/** The decoded image of Z with the weights the page holds now. */
async function imageAtZ(p: Page): Promise<number[]> {
  await keyTo(p.getByRole('slider', { name: 'Latent point' }), p.getByTestId('latent-coords'), Z);
  return settledGrey(decoded(p));
}

async function newPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const { baseURL, viewport } = testInfo.project.use;
  return browser.newPage({ baseURL, viewport });
}

test.describe('reproducible runs', () => {
  test.setTimeout(300_000);

  test('Train after a load continues from the loaded weights', async ({ browser }, testInfo) => {
    // The shipped model's image of Z, drawn by the bare link's first paint (its own files, before any training worker).
    const ref = await newPage(browser, testInfo);
    await ref.goto('./?backend=wasm');
    await waitReady(ref);
    expect(await statusStep(ref)).toBe(SHIPPED_STEP);
    const shipped = await imageAtZ(ref);
    await ref.close();

    const page = await newPage(browser, testInfo);
    const errors = collectErrors(page);
    await tapTraining(page);
    await page.goto('./?backend=wasm&seed=2');
    await waitReady(page);
    await expect(weightsNote(page, 0)).toBeVisible({ timeout: READY_MS });
    const fresh = await imageAtZ(page);
    // New weights draw something else at Z: the comparisons below can fail.
    expect(meanAbsDiff(fresh, shipped)).toBeGreaterThan(10);

    await page.getByRole('combobox', { name: 'Load pretrained' }).selectOption({ label: 'MNIST VAE 2-D' });
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBe(SHIPPED_STEP);
    await expect(weightsNote(page, SHIPPED_STEP)).toBeVisible({ timeout: READY_MS });
    // Before the first step: the loaded model's image, each pixel within one grey level (the
    // first paint decodes from the shipped files, this page from the weights the worker sent:
    // the same numbers, rounded to 8 bits after slightly different float sums).
    const loaded = await imageAtZ(page);
    expect(Math.max(...loaded.map((v, i) => Math.abs(v - shipped[i])))).toBeLessThanOrEqual(1);

    const after = await stepOnce(page);
    await expect(weightsNote(page, after)).toBeVisible({ timeout: READY_MS });
    const first = await trainedSteps(page);
    expect(first.elbo.length).toBe(after - SHIPPED_STEP);
    // A trained model's ELBO (the shipped −ELBO is ≈ 151 nats), not new weights' (≈ −784·ln 2 ≈ −543).
    expect(first.elbo[0]).toBeGreaterThan(-250);
    // One chunk moves the weights a little: the image of Z is still nearly the loaded one.
    const stepped = await imageAtZ(page);
    expect(meanAbsDiff(stepped, loaded)).toBeLessThan(meanAbsDiff(fresh, loaded) / 4);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the same link opened twice trains the same first steps; another seed does not', async ({ browser }, testInfo) => {
    const firstLosses = async (link: string): Promise<number[]> => {
      const page = await newPage(browser, testInfo);
      const errors = collectErrors(page);
      await tapTraining(page);
      await page.goto(link);
      await waitReady(page);
      await trainButton(page).click();
      await expect.poll(async () => (await trainedSteps(page)).elbo.length, { timeout: READY_MS }).toBeGreaterThanOrEqual(12);
      const { elbo } = await trainedSteps(page);
      expect(errors).toEqual([]);
      await page.close();
      return elbo.slice(0, 12);
    };
    const a = await firstLosses('./?backend=wasm&seed=7');
    const b = await firstLosses('./?backend=wasm&seed=7');
    const other = await firstLosses('./?backend=wasm&seed=8');
    // Same seed, same backend: the same initial weights, batches and ε, step for step (up to float
    // rounding between chunkings of different sizes).
    a.forEach((v, i) => expect(Math.abs(v - b[i]) / Math.abs(v), `step ${i + 1}: ${v} vs ${b[i]}`).toBeLessThan(1e-5));
    // The ELBO rises over those steps, and another seed's differs from the first step on.
    expect(a[11]).toBeGreaterThan(a[0]);
    expect(Math.abs(other[0] - a[0])).toBeGreaterThan(1e-3);
  });
});
