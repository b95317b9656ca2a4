// The instant start and the shipped models, as a teacher meets them: the page opens on a
// trained MNIST VAE (map and decoded image before TF.js or the dataset), `Load pretrained`
// switches between the shipped checkpoints, Train continues from one, Reset starts over.
// One page for all of it, in order (loading the training worker is the slow part).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasHash, canvasStats, statusStep } from './pageReaders';

const READY_MS = 120_000;

interface Entry {
  id: string;
  title: string;
  step: number;
}

let page: Page;
let models: Entry[] = [];
const errors: string[] = [];
/** What the page asked with window.confirm, and how the next question is answered. */
const asked: string[] = [];
let answer: 'accept' | 'dismiss' = 'accept';

/** Spread between the darkest and lightest pixel (0: blank or flat). */
function contrast(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let lo = 255;
    let hi = 0;
    for (let i = 0; i < data.length; i += 4) {
      lo = Math.min(lo, data[i]);
      hi = Math.max(hi, data[i]);
    }
    return hi - lo;
  });
}

const points = (p: Page) => p.getByTestId('latent-points');
const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image' });
const menu = (p: Page) => p.getByRole('combobox', { name: 'Load pretrained' });
const legend = (p: Page) => p.getByRole('group', { name: 'Classes' });
const codeTable = (p: Page) => p.getByRole('table', { name: 'Code of the current image' });
const entry = (title: string): Entry => {
  const m = models.find((e) => e.title === title);
  if (!m) throw new Error(`index.json does not list ${title}`);
  return m;
};

/** Switches with the menu and waits for the shipped model's own codes and decoder. */
async function switchTo(p: Page, title: string): Promise<void> {
  const { id, step } = entry(title);
  await menu(p).selectOption({ label: title });
  await expect(menu(p)).toHaveValue(id, { timeout: READY_MS });
  await expect.poll(() => statusStep(p)).toBe(step);
  await expect(p.getByText(`weights of step ${step.toLocaleString('en-US')}`)).toBeVisible({ timeout: READY_MS });
  await expect.poll(async () => (await canvasStats(points(p))).inked, { timeout: READY_MS }).toBeGreaterThan(2000);
}

test.describe.configure({ mode: 'serial' });

test.describe('pretrained models', () => {
  test.setTimeout(240_000);

  test.beforeAll(async ({ browser }, testInfo) => {
    const { baseURL, viewport } = testInfo.project.use;
    page = await browser.newPage({ baseURL, viewport });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (answer === 'accept' ? d.accept() : d.dismiss());
    });
  });

  test.afterAll(async () => {
    await page?.close();
  });

  test('opening the page shows a trained map and a decoded image, before the training worker has started', async () => {
    await page.goto('./');
    await expect.poll(async () => (await canvasStats(points(page))).inked, { timeout: 30_000 }).toBeGreaterThan(2000);
    await expect.poll(() => contrast(decoded(page)), { timeout: 30_000 }).toBeGreaterThan(150);
    // A trained map: every class its own colour, spread out (an untrained one is one blob).
    expect((await canvasStats(points(page))).hues).toBeGreaterThanOrEqual(6);
    models = await page.evaluate(async () => (await (await fetch('pretrained/index.json')).json()).models as Entry[]);
    const vae = entry('MNIST VAE 2-D');
    expect(await statusStep(page)).toBe(vae.step);
    await expect(page.getByText(`weights of step ${vae.step.toLocaleString('en-US')}`)).toBeVisible();
    await expect(page.locator('.app')).toHaveAttribute('data-running', 'false');
    // Map and image came first: TF.js (the training worker's script) was asked for only after both.
    const order = await page.evaluate(() => {
      const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Infinity;
      const trainer = performance.getEntriesByType('resource').find((r) => r.name.includes('training.worker'));
      return { map: mark('vae:first-map'), decode: mark('vae:first-decode'), trainer: trainer?.startTime ?? Infinity };
    });
    expect(order.map).toBeLessThan(Infinity);
    expect(order.decode).toBeLessThan(Infinity);
    expect(Math.max(order.map, order.decode)).toBeLessThan(order.trainer);

    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
    await expect(menu(page)).toHaveValue(vae.id);
    await expect(page.getByRole('radio', { name: 'VAE', exact: true })).toBeChecked();
  });

  test('dragging the latent point decodes other images from the pretrained decoder', async () => {
    const before = await canvasHash(decoded(page));
    const handle = page.getByRole('slider', { name: 'Latent point' });
    await handle.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => canvasHash(decoded(page))).not.toBe(before);
    expect(await contrast(decoded(page))).toBeGreaterThan(150);
  });

  test('Load pretrained switches to the MNIST AE, to the Fashion-MNIST VAE, and back', async () => {
    const vaeImage = await canvasHash(decoded(page));
    const questions = asked.length;
    await expect(codeTable(page)).toContainText('σ');

    await switchTo(page, 'MNIST AE 2-D');
    await expect(page.getByRole('radio', { name: 'AE', exact: true })).toBeChecked();
    await expect(page.locator('.lx')).toHaveAttribute('data-kind', 'ae');
    await expect(codeTable(page)).not.toContainText('σ');
    await expect.poll(() => canvasHash(decoded(page))).not.toBe(vaeImage);

    await switchTo(page, 'Fashion-MNIST VAE 2-D');
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('fashion');
    await expect(page.getByRole('radio', { name: 'VAE', exact: true })).toBeChecked();
    await expect(legend(page)).toContainText('Trouser');
    await expect(legend(page)).toContainText('Ankle boot');

    await switchTo(page, 'MNIST VAE 2-D');
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
    await expect(legend(page)).not.toContainText('Trouser');
    await expect(codeTable(page)).toContainText('σ');
    // Shipped models as shipped: switching among them asks nothing.
    expect(asked.length).toBe(questions);
  });

  test('Train continues from the loaded weights; Reset starts from scratch', async () => {
    const start = entry('MNIST VAE 2-D').step;
    expect(await statusStep(page)).toBe(start);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(start + 5);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
    // The curves carry on from the checkpoint's step: no point of this session lies before it.
    await expect.poll(async () => Number(await page.getByRole('img', { name: 'Loss curves' }).getAttribute('data-points'))).toBeGreaterThan(0);
    // Trained past the shipped step, the menu says so, and switching asks before it throws the training away.
    await expect(menu(page)).toHaveValue('');
    const trained = await statusStep(page);
    answer = 'dismiss';
    await menu(page).selectOption({ label: 'MNIST AE 2-D' });
    await expect.poll(() => asked.at(-1)).toContain('MNIST AE 2-D');
    await expect(menu(page)).toHaveValue('');
    await expect(page.getByRole('radio', { name: 'VAE', exact: true })).toBeChecked();
    expect(await statusStep(page)).toBe(trained);
    answer = 'accept';

    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · /);
    await expect(page.getByText('weights of step 0')).toBeVisible({ timeout: READY_MS });
    await expect(menu(page)).toHaveValue('');
    expect(errors).toEqual([]);
  });
});

test('start=fresh opens new weights even though every setting is the default, and keeps it in the link', async ({ page }) => {
  await page.goto('./?start=fresh');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 120_000 });
  expect(await statusStep(page)).toBe(0);
  await expect(page.getByRole('combobox', { name: 'Load pretrained' })).not.toHaveValue('mnist-vae-2d');
  expect(new URL(page.url()).searchParams.get('start')).toBe('fresh');
});
