// The conv VAE on WebGL (SwiftShader here: no GPU), beside the same link on WASM: the backend
// says WebGL, the first step's −ELBO is WASM's (same seeded weights, batch and ε, so the WebGL
// convolutions, transposed convolutions and their gradients compute what WASM's kernels do), and
// the drag decodes on the page. Step, not Train: in software WebGL the
// conv kernels' shaders compile for minutes (measured here at load 9: the test codes' snapshot
// 96 s, the first step 47 s more), longer than the 10 s the watchdog waits for a training chunk.
import { expect, test, type Page } from '@playwright/test';
import { READY_MS, stepOnce } from './pageActions';
import { canvasHash } from './pageReaders';
import { openTapped, trainedSteps } from './workerTap';

const link = (backend: 'wasm' | 'webgl') => `./?arch=conv&backend=${backend}&seed=5`;
const decoded = (p: Page) => p.getByRole('img', { name: 'Decoded image' });

test.describe.configure({ mode: 'serial' });
test.setTimeout(600_000);

let wasmFirst: number[] = [];

test('WASM: the first chunk of the conv VAE (the reference for WebGL)', async ({ browser }, testInfo) => {
  const { page, errors } = await openTapped(browser, testInfo, link('wasm'));
  await expect(page.getByTestId('status')).toContainText('WASM');
  await stepOnce(page, READY_MS);
  wasmFirst = (await trainedSteps(page)).elbo;
  expect(wasmFirst.length).toBeGreaterThan(0);
  expect(wasmFirst[0]).toBeLessThan(-400); // new weights: ≈ −543 nats per image
  expect(errors).toEqual([]);
  await page.close();
});

test('WebGL: the conv VAE steps, its first step as on WASM, and the drag decodes', async ({ browser }, testInfo) => {
  expect(wasmFirst.length).toBeGreaterThan(0);
  const { page, errors } = await openTapped(browser, testInfo, link('webgl'));
  await expect(page.getByRole('combobox', { name: 'Architecture' })).toHaveValue('conv');
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveAttribute('data-backend', 'webgl', { timeout: READY_MS });
  await expect(page.getByTestId('status')).toContainText('WebGL');
  // Shader compiles for every conv kernel take minutes in software.
  await stepOnce(page, 420_000);
  const first = (await trainedSteps(page)).elbo;
  const n = Math.min(first.length, wasmFirst.length);
  expect(n).toBeGreaterThan(0);
  console.info(`conv first step −ELBO: WebGL ${first.slice(0, n).join(', ')}; WASM ${wasmFirst.slice(0, n).join(', ')}`);
  // Same weights, batch and ε: step by step within 0.1 % (float32 sums in another order).
  for (let i = 0; i < n; i++) expect(Math.abs(first[i] - wasmFirst[i])).toBeLessThan(1e-3 * Math.abs(wasmFirst[i]));

  const before = await canvasHash(decoded(page));
  const h = await page.getByRole('slider', { name: 'Latent point' }).boundingBox();
  if (!h) throw new Error('no handle');
  const [cx, cy] = [h.x + h.width / 2, h.y + h.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(cx + i * 6, cy - i * 4);
  await page.mouse.up();
  await expect.poll(() => canvasHash(decoded(page))).not.toBe(before);
  expect(errors).toEqual([]);
  await page.close();
});
