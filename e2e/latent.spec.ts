// The latent explorer as a student uses it: train a little, see the codes, drag the latent
// point and watch the decoding change, step it with the keyboard, switch the manifold grid on
// and off, sample the prior, interpolate, and draw a digit of their own. One page for all of
// it (training is the slow part); every control is found by its accessible name.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasHash, canvasStats, statusStep } from './pageReaders';

const READY_MS = 120_000;
const MIN_STEP = 30;
// WASM: no shader compilation, so the short training run takes the same time on any machine;
// decoding never uses the training backend anyway (the inference worker is plain JS).
const START_URL = './?backend=wasm';

let page: Page;
/** Console errors the latent UI could cause (bad SVG geometry, exceptions). */
const uiErrors: string[] = [];

/** Pixels that differ between the darkest and lightest pixel of a 28×28 image (0 = blank or flat). */
function contrast(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return 0;
    let lo = 255;
    let hi = 0;
    for (let i = 0; i < data.length; i += 4) {
      lo = Math.min(lo, data[i]);
      hi = Math.max(hi, data[i]);
    }
    return hi - lo;
  });
}

function coords(p: Page): Promise<[number, number]> {
  return p
    .getByTestId('latent-coords')
    .textContent()
    .then((t) => {
      const nums = (t ?? '').replaceAll('\u2212', '-').match(/-?\d+\.\d+/g);
      if (!nums || nums.length < 2) throw new Error(`no coordinates in "${t}"`);
      return [Number(nums[nums.length - 2]), Number(nums[nums.length - 1])];
    });
}

const map = (p: Page) => p.getByRole('region', { name: 'Latent space' });
const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image' });
const handle = (p: Page) => p.getByRole('slider', { name: 'Latent point' });

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

test.beforeAll(async ({ browser }, testInfo) => {
  const { baseURL, viewport } = testInfo.project.use;
  page = await browser.newPage({ baseURL, viewport });
  page.on('pageerror', (e) => uiErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /attribute|NaN|latent|decode|encode/i.test(m.text())) uiErrors.push(m.text());
  });
  await page.goto(START_URL);
  await page.getByRole('button', { name: 'Train' }).click({ timeout: READY_MS });
  await expect.poll(() => statusStep(page), { timeout: 240_000, intervals: [1_000] }).toBeGreaterThanOrEqual(MIN_STEP);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
});

test('the map shows the test codes as coloured points', async () => {
  await expect(map(page)).toBeVisible();
  const points = page.getByTestId('latent-points');
  await expect.poll(async () => (await canvasStats(points)).inked, { timeout: 60_000 }).toBeGreaterThan(2_000);
  expect((await canvasStats(points)).hues).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole('button', { name: '7' })).toBeVisible();
});

test('hovering a point shows its image and class as the input', async () => {
  const box = await page.getByTestId('latent-points').boundingBox();
  if (!box) throw new Error('no map');
  const hit = await page.getByTestId('latent-points').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return null;
    const dpr = c.width / c.clientWidth;
    for (let y = Math.floor(c.height / 3); y < c.height; y += 3) {
      for (let x = Math.floor(c.width / 3); x < c.width; x += 3) {
        if (data[(y * c.width + x) * 4 + 3] > 150) return [x / dpr, y / dpr];
      }
    }
    return null;
  });
  if (!hit) throw new Error('no point to hover');
  await page.mouse.move(box.x + hit[0], box.y + hit[1]);
  await expect(page.getByText(/ · test #\d+/)).toBeVisible();
  expect(await contrast(page.getByRole('img', { name: /^Input image/ }))).toBeGreaterThan(100);
});

test('dragging the latent point decodes new images and moves the coordinates', async () => {
  await expect.poll(() => contrast(decoded(page)), { timeout: 30_000 }).toBeGreaterThan(30);
  const before = await canvasHash(decoded(page));
  const [x0, y0] = await coords(page);
  const h = await handle(page).boundingBox();
  if (!h) throw new Error('no handle');
  const cx = h.x + h.width / 2;
  const cy = h.y + h.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(cx + i * 4, cy - i * 3);
  await page.mouse.up();
  // The coordinates change with the decoded image (both follow the decode reply).
  await expect.poll(async () => (await coords(page))[0]).toBeGreaterThan(x0);
  expect((await coords(page))[1]).toBeGreaterThan(y0);
  await expect.poll(() => canvasHash(decoded(page))).not.toBe(before);
  const latency = await page.evaluate(() => window.__vaeLatency ?? []);
  expect(latency.length).toBeGreaterThan(5);
  expect(latency.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
});

test('arrow keys move the point by 0.05 (Shift: 0.5) and redecode', async () => {
  await handle(page).focus();
  await page.keyboard.press('Home');
  await expect.poll(() => coords(page)).toEqual([0, 0]);
  const before = await canvasHash(decoded(page));
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => coords(page)).toEqual([0.05, 0]);
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => coords(page)).toEqual([0.05, -0.5]);
  await expect.poll(() => canvasHash(decoded(page))).not.toBe(before);
  await expect(handle(page)).toHaveAttribute('aria-valuetext', 'z1 = 0.05, z2 = \u22120.50');
});

test('the manifold grid appears under the points and goes away', async () => {
  const grid = page.getByTestId('manifold-grid');
  expect((await canvasStats(grid)).inked).toBe(0);
  await page.getByRole('checkbox', { name: 'Manifold grid' }).check();
  await expect.poll(async () => (await canvasStats(grid)).inked, { timeout: 60_000 }).toBeGreaterThan(10_000);
  await page.getByRole('checkbox', { name: 'Manifold grid' }).uncheck();
  await expect.poll(async () => (await canvasStats(grid)).inked).toBe(0);
});

test('sampling the prior shows 16 decoded images', async () => {
  await page.getByRole('tab', { name: 'Prior samples' }).click();
  await page.getByRole('button', { name: 'Sample from prior' }).click();
  const samples = page.getByRole('img', { name: /^Prior sample \d+$/ });
  await expect(samples).toHaveCount(16);
  await expect.poll(() => contrast(samples.first())).toBeGreaterThan(30);
  await expect.poll(() => contrast(samples.last())).toBeGreaterThan(30);
});

test('interpolating between two points shows 10 decodings', async () => {
  await page.getByRole('tab', { name: 'Interpolate' }).click();
  const points = page.getByTestId('latent-points');
  const box = await points.boundingBox();
  if (!box) throw new Error('no map');
  const ends = await points.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    const dpr = c.width / c.clientWidth;
    const found: Array<[number, number]> = [];
    for (let y = 10; y < c.height - 10; y += 5) {
      for (let x = 10; x < c.width - 10; x += 5) if (data && data[(y * c.width + x) * 4 + 3] > 150) found.push([x / dpr, y / dpr]);
    }
    found.sort((a, b) => a[0] - b[0]);
    return [found[Math.floor(found.length * 0.05)], found[Math.floor(found.length * 0.95)]];
  });
  for (const [x, y] of ends) await page.mouse.click(box.x + x, box.y + y);
  const steps = page.getByRole('img', { name: /^Interpolation step \d+ of 10$/ });
  await expect(steps).toHaveCount(10);
  await expect.poll(() => contrast(steps.nth(4))).toBeGreaterThan(30);
  await page.getByRole('tab', { name: 'Decode' }).click();
});

test('a digit drawn on the pad is encoded and marked on the map', async () => {
  await expect(page.getByTestId('drawn-marker')).toHaveCount(0);
  const pad = await page.getByTestId('draw-pad').boundingBox();
  if (!pad) throw new Error('no pad');
  const at = (fx: number, fy: number) => [pad.x + fx * pad.width, pad.y + fy * pad.height] as const;
  await page.mouse.move(...at(0.3, 0.2));
  await page.mouse.down();
  await page.mouse.move(...at(0.7, 0.2), { steps: 8 });
  await page.mouse.move(...at(0.45, 0.85), { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId('drawn-marker')).toBeVisible();
  await expect(page.getByText('your drawing')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByTestId('drawn-marker')).toHaveCount(0);
});

test('nothing above drew NaN geometry or threw', () => {
  expect(uiErrors).toEqual([]);
});
