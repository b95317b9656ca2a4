// The convolutional VAE in the page: a link with arch=conv sets the Architecture menu, greys the
// MLP-only hidden sizes, trains a few steps (WASM, with its conv gradient kernels), the encoder
// box draws the conv feature maps, the drag decodes on the page (the image changes when the
// handle moves), and save → reset → load keeps the architecture and gives the same image back.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, READY_MS, trainPast, waitReady } from './pageActions';
import { canvasHash, statusStep } from './pageReaders';

const MIN_STEP = 8;
const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image' });
const handle = (p: Page) => p.getByRole('slider', { name: 'Latent point' });
const arch = (p: Page) => p.getByRole('combobox', { name: 'Architecture' });
const menuButton = (p: Page) => p.getByRole('button', { name: /^Save \/ Load/ });

/** Puts the latent point at z = (0.2, 0.5) with the keyboard and waits for that z's image to settle. */
async function decodeFixedZ(p: Page): Promise<string> {
  await handle(p).focus();
  await p.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowRight');
  await p.keyboard.press('Shift+ArrowUp');
  await expect(p.getByTestId('latent-coords')).toHaveText('z = (0.20, 0.50)');
  let hash = await canvasHash(decoded(p));
  await expect.poll(async () => (hash = await canvasHash(decoded(p)))).toBe(hash);
  return hash;
}

test.describe.configure({ mode: 'serial' });
test.setTimeout(400_000);

let page: Page;
let errors: string[];

test.beforeAll(async ({ browser }, testInfo) => {
  const { baseURL, viewport } = testInfo.project.use;
  page = await browser.newPage({ baseURL, viewport });
  errors = collectErrors(page);
  await page.goto('./?arch=conv&backend=wasm');
  await waitReady(page, READY_MS);
});

test.afterAll(async () => {
  await page?.close();
});

test('arch=conv picks Conv in the Architecture menu, greys the hidden sizes and draws the conv layers', async () => {
  await expect(arch(page)).toHaveValue('conv');
  await expect(page.getByRole('combobox', { name: 'Hidden layers' })).toBeDisabled();
  await expect(page.getByText('MLP only: the conv layers are fixed.')).toBeVisible();
  await expect(page.getByText('28×28 → 14×14×32 → 7×7×64 → 16 → 2')).toBeVisible();
  await expect(page.getByText('2 → 7×7×64 → 14×14×64 → 28×28×32 → 28×28')).toBeVisible();
});

test('trains a few steps, and the drag decodes: the image changes when the handle moves', async () => {
  const step = await trainPast(page, MIN_STEP, 300_000);
  expect(step).toBeGreaterThan(MIN_STEP);
  const before = await decodeFixedZ(page);
  const h = await handle(page).boundingBox();
  if (!h) throw new Error('no handle');
  const [cx, cy] = [h.x + h.width / 2, h.y + h.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) await page.mouse.move(cx - i * 6, cy + i * 5);
  await page.mouse.up();
  await expect.poll(() => canvasHash(decoded(page))).not.toBe(before);
  expect(await decodeFixedZ(page)).toBe(before);
  expect(errors).toEqual([]);
});

test('save to a file, reset, load: the architecture and the decoded image come back', async () => {
  const step = await statusStep(page);
  await expect(page.getByText(`weights of step ${step.toLocaleString('en-US')}`)).toBeVisible({ timeout: 30_000 });
  const hash = await decodeFixedZ(page);
  if ((await menuButton(page).getAttribute('aria-expanded')) !== 'true') await menuButton(page).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save to file', exact: true }).click()]);
  const bytes = await readFile(await file.path());
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(24, 24 + headerLength).toString('utf8'));
  expect(header.config.arch).toBe('conv');
  expect(header.tensors[0]).toMatchObject({ name: 'encoder.0.W', shape: [3, 3, 1, 32] });

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText(/^step 0 · /);
  await expect(page.getByText('weights of step 0')).toBeVisible({ timeout: 30_000 });
  expect(header.tensors[0].dtype).toBe('float32');
  expect(await decodeFixedZ(page)).not.toBe(hash);
  // An MLP now, then the file brings the conv network back.
  await arch(page).selectOption('mlp');
  await expect(page.getByRole('combobox', { name: 'Hidden layers' })).toBeEnabled();
  await expect(page.getByText('784→512→256→2')).toBeVisible();
  if ((await menuButton(page).getAttribute('aria-expanded')) !== 'true') await menuButton(page).click();
  await page.getByLabel('Load checkpoint file').setInputFiles({ name: 'conv.vaeckpt', mimeType: 'application/octet-stream', buffer: bytes });
  await expect.poll(() => statusStep(page), { timeout: 60_000 }).toBe(step);
  await expect(arch(page)).toHaveValue('conv');
  await expect(page.getByText(`weights of step ${step.toLocaleString('en-US')}`)).toBeVisible({ timeout: 30_000 });
  expect(await decodeFixedZ(page)).toBe(hash);
  expect(errors).toEqual([]);
});

test('Load pretrained opens the shipped conv MNIST VAE: Conv in the menu, its step, and the drag decodes', async () => {
  const menu = page.getByRole('combobox', { name: 'Load pretrained' });
  // Replacing a trained model asks first.
  page.once('dialog', (d) => void d.accept());
  await menu.selectOption({ label: 'MNIST conv VAE 2-D' });
  await expect(menu).toHaveValue('mnist-conv-vae-2d', { timeout: READY_MS });
  await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBe(1407);
  await expect(arch(page)).toHaveValue('conv');
  await expect(page.getByText('weights of step 1,407')).toBeVisible({ timeout: READY_MS });
  const at = await decodeFixedZ(page);
  await handle(page).focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('latent-coords')).toHaveText('z = (0.00, 0.00)');
  await expect.poll(() => canvasHash(decoded(page))).not.toBe(at);
  expect(errors).toEqual([]);
});
