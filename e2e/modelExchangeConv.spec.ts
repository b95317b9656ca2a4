// Open model… and Export for PyTorch with the conv VAE (issue 17): the shipped conv MNIST VAE in
// PyTorch's layout (as save_for_playground writes it) opens as a conv model with its origin and
// decodes exactly as the shipped checkpoint does; Export for PyTorch gives the same tensors back,
// byte for byte, with a conv vae.json and the load_vae.py that builds PlaygroundConvVAE.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { parseCheckpoint } from '../src/model/checkpoint';
import { exportForTorch } from '../src/model/torchExport';
import { canvasHash, statusStep } from './pageReaders';

const READY_MS = 120_000;
const SHIPPED = 'public/pretrained/mnist-conv-vae-2d.vaeckpt';
const menuButton = (p: Page) => p.getByRole('button', { name: /^Save \/ Load/ });
const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image' });

async function openMenu(p: Page): Promise<void> {
  if ((await menuButton(p).getAttribute('aria-expanded')) !== 'true') await menuButton(p).click();
  await expect(p.getByRole('group', { name: 'Save, load and export' })).toBeVisible();
}

/** The decoded image at z = (0, 0), once it has settled. */
async function originImage(p: Page): Promise<string> {
  await p.getByRole('slider', { name: 'Latent point' }).focus();
  await p.keyboard.press('ArrowRight');
  await p.keyboard.press('Home');
  await expect(p.getByTestId('latent-coords')).toHaveText('z = (0.00, 0.00)');
  let hash = await canvasHash(decoded(p));
  await expect.poll(async () => (hash = await canvasHash(decoded(p)))).toBe(hash);
  return hash;
}

test('a conv model from PyTorch opens as Conv and decodes as shipped; Export for PyTorch gives its tensors back', async ({ page }) => {
  test.setTimeout(300_000);
  page.on('dialog', (d) => void d.accept());
  const bytes = await readFile(SHIPPED);
  const shipped = parseCheckpoint(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const pair = exportForTorch(shipped, '0.1.0');
  const manifest = JSON.parse(pair.manifest);
  manifest.producer = 'pytorch';

  await page.goto('./?backend=wasm');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  await openMenu(page);
  await page.getByLabel('Load checkpoint file').setInputFiles({ name: 'conv.vaeckpt', mimeType: 'application/octet-stream', buffer: bytes });
  await expect.poll(() => statusStep(page), { timeout: 60_000 }).toBe(shipped.step);
  await expect(page.getByRole('combobox', { name: 'Architecture' })).toHaveValue('conv');
  await expect(page.getByText(`weights of step ${shipped.step.toLocaleString('en-US')}`)).toBeVisible({ timeout: 30_000 });
  const asShipped = await originImage(page);

  // An MLP in between, so the import has to bring the conv network back.
  await page.getByRole('combobox', { name: 'Architecture' }).selectOption('mlp');
  await expect(page.getByText('784→512→256→2')).toBeVisible({ timeout: 30_000 });
  await openMenu(page);
  await page.getByLabel('Open model…').setInputFiles([
    { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(pair.safetensors) },
    { name: 'vae.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(manifest)) },
  ]);
  await expect(page.getByRole('list', { name: 'Notices' })).toContainText(`imported from PyTorch, step ${shipped.step.toLocaleString('en-US')}`);
  await expect.poll(() => statusStep(page), { timeout: 60_000 }).toBe(shipped.step);
  await expect(page.getByRole('combobox', { name: 'Architecture' })).toHaveValue('conv');
  await expect(page.getByText(`weights of step ${shipped.step.toLocaleString('en-US')}`)).toBeVisible({ timeout: 30_000 });
  expect(await originImage(page)).toBe(asShipped);

  await openMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export for PyTorch' }).click()]);
  const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
  expect(Object.keys(zip).sort()).toEqual(['load_vae.py', 'model.safetensors', 'vae.json']);
  const exported = JSON.parse(new TextDecoder().decode(zip['vae.json']));
  expect(exported.model.architecture).toBe('conv');
  expect(exported.model.layers.map((l: { name: string }) => l.name)).toEqual(['encoder.2', 'encoder.5', 'encoder.8', 'fc_mu', 'fc_logvar', 'decoder.0', 'decoder.3', 'decoder.6', 'decoder.9']);
  expect(exported.training.step).toBe(shipped.step);
  expect(Buffer.from(zip['model.safetensors']).equals(Buffer.from(pair.safetensors))).toBe(true);
  expect(new TextDecoder().decode(zip['load_vae.py'])).toContain('class PlaygroundConvVAE');
});
