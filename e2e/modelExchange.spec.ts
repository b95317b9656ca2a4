// Open model… and Export for PyTorch (issue 19): a model in PyTorch's layout (model.safetensors +
// vae.json, as save_for_playground writes them) opens like a saved one, says where it came from,
// decodes, and trains on from its step; a hostile safetensors is refused and leaves that model
// untouched; the export downloads a .zip of the trained-on weights that opens again.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { parseCheckpoint } from '../src/model/checkpoint';
import { importModelFiles } from '../src/model/importModel';
import { exportForTorch } from '../src/model/torchExport';
import { canvasHash, statusStep } from './pageReaders';

const READY_MS = 120_000;
const menuButton = (p: Page) => p.getByRole('button', { name: /^Save \/ Load/ });
const notices = (p: Page) => p.getByRole('list', { name: 'Notices' });
const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image' });

async function openMenu(p: Page): Promise<void> {
  if ((await menuButton(p).getAttribute('aria-expanded')) !== 'true') await menuButton(p).click();
  await expect(p.getByRole('group', { name: 'Save, load and export' })).toBeVisible();
}

/** The shipped MNIST VAE as PyTorch would save it after 12,000 steps. */
async function torchPair(): Promise<{ safetensors: Buffer; manifest: Buffer }> {
  const bytes = await readFile('public/pretrained/mnist-vae-2d.vaeckpt');
  const c = parseCheckpoint(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out = exportForTorch({ ...c, step: 12000 }, '0.1.0');
  const manifest = JSON.parse(out.manifest);
  manifest.producer = 'pytorch';
  return { safetensors: Buffer.from(out.safetensors), manifest: Buffer.from(JSON.stringify(manifest)) };
}

test('a PyTorch model opens with its origin, a hostile one is refused, and Export for PyTorch round-trips', async ({ page }) => {
  await page.goto('./?backend=wasm');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  const { safetensors, manifest } = await torchPair();

  await openMenu(page);
  await page.getByLabel('Open model…').setInputFiles([
    { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: safetensors },
    { name: 'vae.json', mimeType: 'application/json', buffer: manifest },
  ]);
  await expect(notices(page)).toContainText('imported from PyTorch, step 12,000');
  await expect.poll(() => statusStep(page)).toBe(12000);
  await expect(page.getByText('weights of step 12,000')).toBeVisible({ timeout: 30_000 });
  let hash = await canvasHash(decoded(page));
  await expect.poll(async () => (hash = await canvasHash(decoded(page)))).toBe(hash);

  // A NaN weight: refused with the tensor's name, and the imported model stays.
  const nan = Buffer.from(safetensors);
  nan.writeFloatLE(NaN, 8 + nan.readUInt32LE(0) + 4);
  await openMenu(page);
  await page.getByLabel('Open model…').setInputFiles([
    { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: nan },
    { name: 'vae.json', mimeType: 'application/json', buffer: manifest },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: /Could not open 2 files: .*encoder\.0\.weight contains NaN.*unchanged/ })).toBeVisible();
  expect(await statusStep(page)).toBe(12000);
  expect(await canvasHash(decoded(page))).toBe(hash);

  // It trains on from the imported step.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => statusStep(page), { timeout: 60_000 }).toBeGreaterThan(12000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

  // Export for PyTorch: a zip of the three files whose weights are the model's.
  await openMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export for PyTorch' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const zipBytes = new Uint8Array(await readFile(await download.path()));
  const zip = unzipSync(zipBytes);
  expect(Object.keys(zip).sort()).toEqual(['load_vae.py', 'model.safetensors', 'vae.json']);
  const exported = JSON.parse(new TextDecoder().decode(zip['vae.json']));
  expect(exported.training.step).toBeGreaterThan(12000);
  expect(exported.model.layers.map((l: { name: string }) => l.name)).toEqual(['encoder.0', 'encoder.2', 'fc_mu', 'fc_logvar', 'decoder.0', 'decoder.2', 'decoder.4']);
  // The trained-on model: same tensors and sizes as the import, its own step.
  expect(zip['model.safetensors'].length).toBe(safetensors.length);
  expect(Buffer.from(zip['model.safetensors']).equals(safetensors)).toBe(false);
  expect(exported.producer).toBe('vae-playground');
  const again = importModelFiles([{ name: download.suggestedFilename(), bytes: zipBytes }]);
  expect(again.checkpoint.step).toBe(exported.training.step);
  expect(again.checkpoint.config).toEqual({ kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] });
  expect(new TextDecoder().decode(zip['load_vae.py'])).toContain('def save_for_playground');
});
