// The conv VAE on WebGL (SwiftShader here: no GPU), beside the same link on WASM: the backend
// says WebGL, Train runs without the watchdog taking the worker for hung (in software every new
// shape's shaders compile for tens of seconds and a step takes seconds: the worker announces
// both, src/workers/shaderWarmup.ts), the first step's −ELBO is WASM's (same seeded weights,
// batch and ε, so the WebGL convolutions, transposed convolutions and their gradients compute
// what WASM's kernels do), and the drag decodes on the page. Train, not Step: Train on WebGL
// leaves the owed snapshot of all 10,000 test codes until after the first step.
import { expect, test, type Page } from '@playwright/test';
import { READY_MS, stepOnce, trainButton } from './pageActions';
import { canvasHash, statusStep } from './pageReaders';
import { openTapped, trainedSteps, weightsSteps } from './workerTap';

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

test('WebGL: the conv VAE trains with Train, its first step as on WASM, and the drag decodes', async ({ browser }, testInfo) => {
  expect(wasmFirst.length).toBeGreaterThan(0);
  const { page, errors } = await openTapped(browser, testInfo, link('webgl'));
  await expect(page.getByRole('combobox', { name: 'Architecture' })).toHaveValue('conv');
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveAttribute('data-backend', 'webgl', { timeout: READY_MS });
  await expect(page.getByTestId('status')).toContainText('WebGL');
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  await trainButton(page).click();
  await expect.poll(() => statusStep(page), { timeout: 420_000, intervals: [500, 1_000] }).toBeGreaterThan(0);
  console.info(`conv WebGL: first step after ${since()}`);
  const first = (await trainedSteps(page)).elbo;
  const n = Math.min(first.length, wasmFirst.length);
  expect(n).toBeGreaterThan(0);
  console.info(`conv first step −ELBO: WebGL ${first.slice(0, n).join(', ')}; WASM ${wasmFirst.slice(0, n).join(', ')}`);
  // Same weights, batch and ε: step by step within 0.1 % (float32 sums in another order).
  for (let i = 0; i < n; i++) expect(Math.abs(first[i] - wasmFirst[i])).toBeLessThan(1e-3 * Math.abs(wasmFirst[i]));

  // Training goes on through the test pass and the preview snapshot after the first step (each
  // compiling shaders, announced as warm-ups) until the page's decoder has trained weights.
  await expect.poll(async () => Math.max(-1, ...(await weightsSteps(page))), { timeout: 300_000, intervals: [500, 1_000] }).toBeGreaterThan(0);
  console.info(`conv WebGL: trained weights on the page after ${since()}`);
  const before = await canvasHash(decoded(page));
  const h = await page.getByRole('slider', { name: 'Latent point' }).boundingBox();
  if (!h) throw new Error('no handle');
  const [cx, cy] = [h.x + h.width / 2, h.y + h.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(cx + i * 6, cy - i * 4);
  await page.mouse.up();
  await expect.poll(() => canvasHash(decoded(page))).not.toBe(before);

  // The next step, compiled already but seconds long in software: announced, not taken for a hang.
  await expect.poll(() => statusStep(page), { timeout: 120_000, intervals: [500, 1_000] }).toBeGreaterThan(1);
  console.info(`conv WebGL: second step after ${since()}`);
  // No restart of the training worker on the way (its notices all name it).
  await expect(page.locator('.notice-text').filter({ hasText: /training worker/ })).toHaveCount(0, { timeout: 1_000 });
  expect(errors).toEqual([]);
  await page.close();
});
