// What a teacher does five minutes before class: open a prepared link (settings, hidden
// controls, presentation mode), survive a mangled one, save a trained model and bring it back
// after a reload, export the curves and panels, and deploy the build under a sub-path.
// Controls are found by their accessible names (design/ui.md).
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { pauseSettled } from './pageActions';
import { canvasHash, statusStep, weightsNote } from './pageReaders';
import { serveUnder } from './staticServer';
import { crc32 } from '../src/model/crc32';

const READY_MS = 120_000;
const MIN_STEP = 30;

const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image' });
const chart = (p: Page) => p.getByRole('img', { name: 'Loss curves' });
const notices = (p: Page) => p.getByRole('list', { name: 'Notices' });
const menuButton = (p: Page) => p.getByRole('button', { name: /^Save \/ Load/ });

async function openMenu(p: Page): Promise<void> {
  if ((await menuButton(p).getAttribute('aria-expanded')) !== 'true') await menuButton(p).click();
  await expect(p.getByRole('group', { name: 'Save, load and export' })).toBeVisible();
}

async function waitReady(p: Page): Promise<void> {
  await expect(p.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
}

/** Puts the latent point at z = (0.2, 0.5) with the keyboard and waits for that z's image. */
async function decodeFixedZ(p: Page): Promise<string> {
  await p.getByRole('slider', { name: 'Latent point' }).focus();
  await p.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowRight');
  await p.keyboard.press('Shift+ArrowUp');
  await expect(p.getByTestId('latent-coords')).toHaveText('z = (0.20, 0.50)');
  // The readout follows the decode reply, but a second read makes sure no repaint was pending.
  let hash = await canvasHash(decoded(p));
  await expect.poll(async () => (hash = await canvasHash(decoded(p)))).toBe(hash);
  return hash;
}

async function download(p: Page, button: string): Promise<Download> {
  const [file] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: button, exact: true }).click()]);
  return file;
}

test.describe('a prepared link', () => {
  test('restores every setting in it, hides what it names, and keeps the link in sync', async ({ page }) => {
    await page.goto('./?data=fashion&z=3&lr=0.003&batch=64&lik=gaussian&sigma=0.5&L=4&reparam=0&seed=7&hide=beta,likelihood,recon');
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('fashion');
    await expect(page.getByRole('slider', { name: 'Latent dimensions' })).toHaveValue('3');
    await expect(page.getByRole('combobox', { name: 'Learning rate' })).toHaveValue('0.003');
    await expect(page.getByRole('combobox', { name: 'Batch size' })).toHaveValue('64');
    await expect(page.getByRole('slider', { name: 'Decoder sigma' })).toHaveValue('0.5');
    await expect(page.getByRole('slider', { name: 'Samples L' })).toHaveValue('4');
    await expect(page.getByRole('checkbox', { name: 'Reparameterization trick' })).not.toBeChecked();
    // Hidden by the link: the controls and the reconstruction strip are gone, the rest stays.
    await expect(page.getByRole('slider', { name: 'Beta' })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Likelihood' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Reconstructions' })).toHaveCount(0);
    await expect(chart(page)).toBeVisible();
    await expect(notices(page)).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]hide=beta,lik,recon(&|$)/);

    // A change is in the link at once, and the link reproduces it after a reload.
    await page.getByRole('combobox', { name: 'Batch size' }).selectOption('256');
    await expect(page).toHaveURL(/[?&]batch=256\b/);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Batch size' })).toHaveValue('256');
    await expect(page.getByRole('slider', { name: 'Latent dimensions' })).toHaveValue('3');
    await expect(page.getByRole('slider', { name: 'Beta' })).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]seed=7\b/);
  });

  test('presentation mode: bigger type, fewer panels, toggled from the header', async ({ page }) => {
    await page.goto('./?present=1&show=recon');
    const toggle = page.getByRole('button', { name: 'Presentation' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: 'Hyperparameters' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Reconstructions' })).toBeVisible();
    const statusSize = () => page.getByTestId('status').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const big = await statusSize();
    // Still one screen at the projector's size.
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight + document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBe(0);

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('region', { name: 'Hyperparameters' })).toBeVisible();
    await expect(page).not.toHaveURL(/present=/);
    expect(await statusSize()).toBeLessThan(big);
    expect(await overflow()).toBe(0);
    await toggle.click();
    await expect(page).toHaveURL(/[?&]present=1\b/);
    await expect(page.getByRole('region', { name: 'Hyperparameters' })).toHaveCount(0);
  });

  test('a hostile link loads with a notice saying what was ignored', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(
      './?hide=<script>alert(1)</script>,beta&present=maybe&lang=xx&z=abc&onload=<img src=x onerror=alert(2)>&show=<b>',
    );
    await expect(page.getByRole('heading', { name: /VAE Playground/ })).toBeVisible();
    const list = notices(page);
    await expect(list).toContainText('Hide: "<script>alert(1)</script>" is not a control or panel name; ignored.');
    await expect(list).toContainText('Presentation: "maybe" is not on/off');
    await expect(list).toContainText('Language: "xx" is not one of en, ja');
    await expect(list).toContainText('Latent dimensions: "abc" is not a number; kept 2.');
    await expect(list).toContainText('"onload" is not a setting; ignored.');
    await expect(page.getByRole('slider', { name: 'Latent dimensions' })).toHaveValue('2');
    await expect(page.getByRole('slider', { name: 'Beta' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Presentation' })).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.locator('script').evaluateAll((all) => all.filter((s) => s.textContent?.includes('alert')).length)).toBe(0);
    // The cleaned link keeps only what is valid.
    await expect(page).toHaveURL(/[?&]hide=beta(&|$)/);
    await expect(page).not.toHaveURL(/onload|script|lang=/);
    await waitReady(page);
    expect(dialogs).toEqual([]);
  });
});

test.describe('save, load and export', () => {
  test.describe.configure({ mode: 'serial' });
  test.setTimeout(300_000);
  let page: Page;
  let hash = '';
  let step = 0;
  let points = 0;
  let latestElbo = '';
  let checkpoint: Buffer;

  test.beforeAll(async ({ browser }, testInfo) => {
    const { baseURL, viewport } = testInfo.project.use;
    page = await browser.newPage({ baseURL, viewport, acceptDownloads: true });
    // seed=2: a link with a setting of its own starts from scratch, not from the pretrained model.
    await page.goto('./?backend=wasm&seed=2');
    await waitReady(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => statusStep(page), { timeout: 240_000, intervals: [1_000] }).toBeGreaterThanOrEqual(MIN_STEP);
    step = await pauseSettled(page);
    await expect(weightsNote(page, step)).toBeVisible({ timeout: 30_000 });
  });

  test.afterAll(async () => {
    await page?.close();
  });

  test('save to a file and in the browser, reload, load: same curves, same image for a fixed z', async () => {
    hash = await decodeFixedZ(page);
    points = Number(await chart(page).getAttribute('data-points'));
    latestElbo = (await chart(page).getAttribute('data-latest-elbo')) ?? '';
    expect(points).toBe(step);

    await openMenu(page);
    const file = await download(page, 'Save to file');
    expect(file.suggestedFilename()).toBe(`vae-playground_mnist_vae_z2_step${step}_checkpoint.vaeckpt`);
    checkpoint = await readFile(await file.path());
    expect(checkpoint.subarray(0, 8).toString('latin1')).toBe('VAE-CKPT');
    await page.getByRole('textbox', { name: 'Checkpoint name' }).fill('Lesson 1');
    await page.getByRole('button', { name: 'Save in browser' }).click();
    await expect(notices(page)).toContainText('Saved “Lesson 1” in this browser.');

    await page.reload();
    await waitReady(page);
    expect(await statusStep(page)).toBe(0);
    await openMenu(page);
    const entry = page.getByRole('button', { name: 'Load Lesson 1' });
    await expect(entry).toContainText(`step ${step.toLocaleString('en-US')}`);
    await entry.click();
    await expect(notices(page)).toContainText(`Loaded “Lesson 1”`);
    await expect.poll(() => statusStep(page)).toBe(step);
    await expect(chart(page)).toHaveAttribute('data-points', String(points));
    await expect(chart(page)).toHaveAttribute('data-latest-elbo', latestElbo);
    await expect(page.getByText(`weights of step ${step.toLocaleString('en-US')}`)).toBeVisible({ timeout: 30_000 });
    expect(await decodeFixedZ(page)).toBe(hash);

    // The file gives the same model back after new weights replaced it (Reset asks first).
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · /);
    await expect(page.getByText('weights of step 0')).toBeVisible({ timeout: 30_000 });
    expect(await decodeFixedZ(page)).not.toBe(hash);
    await openMenu(page);
    await page.getByLabel('Load checkpoint file').setInputFiles({ name: 'lesson.vaeckpt', mimeType: 'application/octet-stream', buffer: checkpoint });
    await expect.poll(() => statusStep(page)).toBe(step);
    await expect(chart(page)).toHaveAttribute('data-latest-elbo', latestElbo);
    await expect(page.getByText(`weights of step ${step.toLocaleString('en-US')}`)).toBeVisible({ timeout: 30_000 });
    expect(await decodeFixedZ(page)).toBe(hash);
  });

  test('a bad file shows an error and the model keeps decoding', async ({}, testInfo) => {
    const input = page.getByLabel('Load checkpoint file');
    const errors = page.getByRole('alert');
    const tryFile = async (files: Parameters<Locator['setInputFiles']>[0], expected: RegExp) => {
      await openMenu(page);
      await input.setInputFiles(files);
      await expect(errors.filter({ hasText: expected })).toBeVisible();
      await errors.filter({ hasText: expected }).getByRole('button', { name: 'Dismiss' }).click();
    };

    await tryFile({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a model') }, /Could not load “notes\.txt”.*not a checkpoint.*unchanged/);
    await tryFile({ name: 'half.vaeckpt', mimeType: 'application/octet-stream', buffer: checkpoint.subarray(0, checkpoint.length >> 1) }, /Could not load “half\.vaeckpt”.*truncated/);
    await tryFile({ name: 'z3.vaeckpt', mimeType: 'application/octet-stream', buffer: withLatentDim(checkpoint, 3) }, /Could not load “z3\.vaeckpt”.*shape/);
    const huge = testInfo.outputPath('huge.vaeckpt');
    await writeFile(huge, Buffer.alloc(65 * 1024 * 1024));
    await tryFile(huge, /Could not load “huge\.vaeckpt”: it is 65\.0 MB.*at most 64\.0 MB/);

    // Untouched: same step, same curves, same image for the same z, and other z still decode.
    expect(await statusStep(page)).toBe(step);
    await expect(chart(page)).toHaveAttribute('data-latest-elbo', latestElbo);
    expect(await decodeFixedZ(page)).toBe(hash);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(page.getByTestId('latent-coords')).toHaveText('z = (−0.30, 0.50)');
    await expect.poll(() => canvasHash(decoded(page))).not.toBe(hash);
  });

  test('exports the curves as CSV and the panels as PNG, and deletes a saved entry', async () => {
    await openMenu(page);
    const csv = await download(page, 'Export CSV');
    expect(csv.suggestedFilename()).toBe(`vae-playground_mnist_vae_z2_step${step}_curves.csv`);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('step,neg_elbo,recon,kl,objective,split');
    expect(lines.filter((l) => l.endsWith(',train'))).toHaveLength(points);
    expect(lines.some((l) => l.endsWith(',test'))).toBe(true);

    for (const [button, name] of [
      ['Export PNG: loss chart', 'loss-chart'],
      ['Export PNG: latent map', 'latent-map'],
    ] as const) {
      await openMenu(page);
      const png = await download(page, button);
      expect(png.suggestedFilename()).toBe(`vae-playground_mnist_vae_z2_step${step}_${name}.png`);
      const bytes = await readFile(await png.path());
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(10_000);
    }

    await openMenu(page);
    await page.getByRole('button', { name: 'Delete Lesson 1' }).click();
    await expect(page.getByRole('button', { name: 'Load Lesson 1' })).toHaveCount(0);
    await expect(page.getByText('Nothing saved in this browser yet.')).toBeVisible();
  });
});

test('the built site trains from a sub-path (a GitHub project page)', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const dist = resolve(process.env.E2E_DIST ?? 'dist');
  const server = await serveUnder(dist, '/sub/vae/');
  try {
    const { viewport } = testInfo.project.use;
    const page = await browser.newPage({ viewport });
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
    });
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/sub/vae/?backend=wasm`);
    await waitReady(page);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(0);
    await expect(page.getByTestId('latent-points')).toBeVisible();
    expect(missing).toEqual([]);
    await page.close();
  } finally {
    await new Promise((done) => server.close(done));
  }
});

/** The saved checkpoint with its header claiming another latent size: its tensors no longer fit (checksum kept valid). */
function withLatentDim(file: Buffer, latentDim: number): Buffer {
  const headerLength = file.readUInt32LE(8);
  const dataLength = file.readUInt32LE(12);
  const dataStart = Math.ceil((24 + headerLength) / 8) * 8;
  const header = JSON.parse(file.subarray(24, 24 + headerLength).toString('utf8')) as { config: { latentDim: number } };
  header.config.latentDim = latentDim;
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Math.ceil((24 + json.length) / 8) * 8;
  const out = Buffer.alloc(start + dataLength);
  out.write('VAE-CKPT', 0, 'latin1');
  out.writeUInt32LE(json.length, 8);
  out.writeUInt32LE(dataLength, 12);
  json.copy(out, 24);
  file.copy(out, start, dataStart, dataStart + dataLength);
  out.writeUInt32LE(crc32(out.subarray(24)), 16);
  return out;
}
