// Small multiples a class can read: manifold-grid tiles of at least 40 px in presentation mode,
// the grid alone (codes hidden), and full-screen views of the map, the traversals and the
// interpolation strip. Touch devices read "tap" in the hints.
import { expect, test, type Page } from '@playwright/test';
import { canvasStats } from './pageReaders';

const READY_MS = 120_000;

async function waitReady(p: Page): Promise<void> {
  await expect(p.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
}

/** Page coordinates of two drawn codes far apart (the 5th and 95th percentile from the left). */
async function farCodes(p: Page): Promise<Array<[number, number]>> {
  const points = p.getByTestId('latent-points');
  const box = await points.boundingBox();
  if (!box) throw new Error('no map');
  const found = await points.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    const dpr = c.width / c.clientWidth;
    const inked: Array<[number, number]> = [];
    for (let y = 10; y < c.height - 10; y += 5) {
      for (let x = 10; x < c.width - 10; x += 5) if (data && data[(y * c.width + x) * 4 + 3] > 150) inked.push([x / dpr, y / dpr]);
    }
    inked.sort((a, b) => a[0] - b[0]);
    return [inked[Math.floor(inked.length * 0.05)], inked[Math.floor(inked.length * 0.95)]];
  });
  return found.map(([x, y]) => [box.x + x, box.y + y]);
}

const map = (p: Page) => p.getByRole('region', { name: 'Latent space', exact: true });

test.describe('on a projector (1366×768, presentation mode)', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('grid tiles stay at least 40 px, the grid can be shown alone, and the map goes full screen and back', async ({ page }) => {
    await page.goto('./?present=1');
    await waitReady(page);
    const grid = page.getByTestId('manifold-grid');
    const points = page.getByTestId('latent-points');
    await expect.poll(async () => (await canvasStats(points)).inked).toBeGreaterThan(1_000);

    await page.getByRole('checkbox', { name: 'Manifold grid' }).check();
    await page.getByRole('combobox', { name: 'Grid size' }).selectOption('30');
    await expect.poll(async () => (await canvasStats(grid)).inked, { timeout: 60_000 }).toBeGreaterThan(10_000);
    const box = await map(page).boundingBox();
    const n = Number(await map(page).getAttribute('data-grid-n'));
    const side = Math.min(box?.width ?? 0, box?.height ?? 0);
    expect(n, 'fewer tiles than the 30 asked for').toBeLessThan(30);
    expect(side / n, 'tile size in px').toBeGreaterThanOrEqual(40);
    await expect(page.getByTestId('grid-note')).toContainText(`${n}×${n}`);

    await page.getByRole('checkbox', { name: 'Grid only' }).check();
    await expect.poll(async () => (await canvasStats(points)).inked).toBe(0);
    expect((await canvasStats(grid)).inked).toBeGreaterThan(10_000);

    await page.getByRole('button', { name: 'Full screen', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Exit full screen' })).toBeVisible();
    await expect.poll(async () => (await map(page).boundingBox())?.height ?? 0).toBeGreaterThan(650);
    // A bigger map draws more tiles again (up to the 30 asked for), each still ≥ 40 px.
    await expect.poll(async () => Number(await map(page).getAttribute('data-grid-n'))).toBeGreaterThan(n);
    await page.getByRole('button', { name: 'Exit full screen' }).click();
    await expect.poll(async () => (await map(page).boundingBox())?.height ?? 0).toBeLessThan(500);

    await page.getByRole('checkbox', { name: 'Grid only' }).uncheck();
    await expect.poll(async () => (await canvasStats(points)).inked).toBeGreaterThan(1_000);
  });

  test('the traversals and the interpolation strip go full screen with big tiles', async ({ page }) => {
    await page.goto('./?present=1');
    await waitReady(page);
    await page.getByRole('tab', { name: 'Traversal' }).click();
    const row = page.getByRole('img', { name: 'z1 from −3 to 3' });
    const small = (await row.boundingBox())?.height ?? 0;
    await page.getByRole('group', { name: 'Latent traversals' }).getByRole('button', { name: 'Full screen' }).click();
    // Nine tiles across the screen's width: each far above the 40 px a back row needs.
    await expect.poll(async () => (await row.boundingBox())?.height ?? 0).toBeGreaterThan(Math.max(80, small * 2));
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await row.boundingBox())?.height ?? 0).toBeLessThan(80);

    await page.getByRole('tab', { name: 'Interpolate' }).click();
    for (const [x, y] of await farCodes(page)) await page.mouse.click(x, y);
    const step = page.getByRole('img', { name: 'Interpolation step 5 of 10' });
    await expect(step).toBeVisible();
    await page.getByRole('button', { name: 'Full screen', exact: true }).last().click();
    await expect.poll(async () => (await step.boundingBox())?.width ?? 0).toBeGreaterThan(100);
    await page.getByRole('button', { name: 'Exit full screen' }).click();
    await expect.poll(async () => (await step.boundingBox())?.width ?? 0).toBeLessThan(80);
  });
});

test.describe('on a touch phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('hints say tap, not hover or click', async ({ page }) => {
    await page.goto('./');
    await waitReady(page);
    expect(await page.evaluate(() => matchMedia('(hover: none)').matches)).toBe(true);
    await expect(page.getByText('tap a point', { exact: true })).toBeVisible();
    await expect(page.getByText(/tap a test point to jump to its μ/)).toBeVisible();
    await expect(page.getByText('hover a point')).toHaveCount(0);
    await page.getByRole('tab', { name: 'Interpolate' }).click();
    await expect(page.getByText(/^Tap a test point on the map/)).toBeVisible();
  });
});
