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

  test('switching the Dataset menu to Shapes and back gives new weights of each input size: map, strip and decoded image follow', async ({ page }) => {
    const errors = collectErrors(page);
    page.on('dialog', (d) => void d.accept());
    await page.goto('./?start=fresh&z=3');
    await waitReady(page, READY_MS);
    const dataset = page.getByRole('combobox', { name: 'Dataset' });
    const strip = page.getByRole('img', { name: 'Test image 1', exact: true });
    const decoded = page.getByRole('img', { name: 'Decoded image' });
    const width = (l: typeof strip) => l.evaluate((c) => (c as HTMLCanvasElement).width);
    await expect.poll(() => width(strip), { timeout: READY_MS }).toBe(28);
    await dataset.selectOption('shapes');
    await expect.poll(async () => (await latent(page))?.factors?.valueCount, { timeout: READY_MS }).toBe(50_000);
    await expect.poll(() => width(strip), { timeout: READY_MS }).toBe(32);
    await expect.poll(() => width(decoded), { timeout: READY_MS }).toBe(32);
    expect((await latent(page))!.dim).toBe(3);
    await stepOnce(page, READY_MS);
    await dataset.selectOption('mnist');
    await expect.poll(async () => (await latent(page))?.count, { timeout: READY_MS }).toBe(10_000);
    await expect.poll(async () => (await latent(page))?.factors ?? 'none', { timeout: READY_MS }).toBe('none');
    await expect.poll(() => width(strip), { timeout: READY_MS }).toBe(28);
    await expect.poll(() => width(decoded), { timeout: READY_MS }).toBe(28);
    await stepOnce(page, READY_MS);
    expect(errors).toEqual([]);
  });

  test('Load pretrained lists the three shipped Shapes models and loads the β = 4 one: its map, and its MIG as index.json records it', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./');
    await waitReady(page, READY_MS);
    const models = await page.evaluate(async () => (await (await fetch('pretrained/index.json')).json()).models as Array<{ id: string; title: string; step: number; dataset: string; mig?: number }>);
    const shapes = models.filter((m) => m.dataset === 'shapes');
    expect(shapes.map((m) => m.title).sort()).toEqual(['Shapes VAE 6-D capacity C max = 10', 'Shapes VAE 6-D β = 1', 'Shapes VAE 6-D β = 4']);
    const menu = page.getByRole('combobox', { name: 'Load pretrained' });
    for (const m of shapes) await expect(menu.locator('option', { hasText: m.title })).toHaveCount(1);
    const beta4 = shapes.find((m) => m.title.endsWith('β = 4'))!;
    await menu.selectOption({ label: beta4.title });
    await expect(menu).toHaveValue(beta4.id, { timeout: READY_MS });
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('shapes');
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBe(beta4.step);
    await expect.poll(async () => (await canvasStats(points(page))).inked, { timeout: READY_MS }).toBeGreaterThan(2000);
    // The loaded weights' full snapshot is scored in the worker: the same MIG as the build's, up to float rounding at bin edges.
    await expect.poll(async () => (await mig(page))?.step, { timeout: READY_MS }).toBe(beta4.step);
    const d = (await mig(page))!;
    expect(d.mig).not.toBeNull();
    expect(Math.abs(d.mig! - beta4.mig!)).toBeLessThan(0.01);
    expect((await latent(page))!.factors?.valueCount).toBe(50_000);
    expect(errors).toEqual([]);
  });
});
