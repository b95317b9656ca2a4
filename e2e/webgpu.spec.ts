// WebGPU is a real backend here, not a name in a list: Chromium with its software adapter
// (SwiftShader through Vulkan, shared/chromium.md) trains on it (the first chunk is one step; the
// test pauses once the step count moves), and the −ELBO of the fixed 1,000-image test subset
// (fixed ε seed) with those weights matches WASM's for the same weights after a backend switch
// (relative difference ≤ 1e-3). Correctness, not speed: SwiftShader's WebGPU is slow (≈ 1.6 min
// for this test on 2 busy cores, most of it the first chunk and its 2,000-code preview).
//
// It also holds the worker to asynchronous reads on WebGPU (src/model/readback.ts): through this
// adapter a synchronous read (dataSync) gives zeros and then loses the device ("A valid external
// Instance reference no longer exists"). TF.js warns on the first such read, and the test fails
// on that warning as well as on the numbers it would spoil.
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium/findChromium.ts';
import { statusStep } from './pageReaders';

const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader'];
test.use({ launchOptions: { executablePath: findChromium()?.executablePath, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] } });

const SLOW_MS = 180_000;

test('WebGPU trains, and WASM gives the same −ELBO for the same weights', async ({ page }) => {
  test.setTimeout(420_000);
  // Worker messages reach the page's console too.
  const syncReads: string[] = [];
  page.on('console', (m) => {
    if (/synchronously reading data from GPU/i.test(m.text())) syncReads.push(m.text());
  });
  // New weights (a setting of its own), WebGPU forced; the page is served from 127.0.0.1, a secure context.
  await page.goto('./?seed=3&backend=webgpu');
  expect(await page.evaluate(() => isSecureContext && 'gpu' in navigator)).toBe(true);
  const menu = page.getByRole('combobox', { name: 'Backend' });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: SLOW_MS });
  // When WebGPU did not start, the menu's tooltip says why (the tried list): show it.
  expect(await menu.getAttribute('data-backend'), (await menu.getAttribute('title')) ?? '').toBe('webgpu');
  await expect(page.getByTestId('status')).toContainText('WebGPU');

  // Train, not Step: a stopped model owes a snapshot of all 10,000 test codes first, which takes
  // SwiftShader's WebGPU a minute; training trades it for a 2,000-code preview.
  const start = await statusStep(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => statusStep(page), { timeout: SLOW_MS }).toBeGreaterThan(start);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // The pause's state message follows the last chunk's metrics: the step is final once Train is back.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  const trained = await statusStep(page);
  expect(trained).toBeGreaterThan(start);
  const onWebgpu = await page.evaluate(() => window.__vaeDebug!.evaluateSubset());
  expect(onWebgpu.count).toBe(1000);
  expect(Number.isFinite(onWebgpu.elbo)).toBe(true);

  // The same weights moved to WASM (a switch keeps weights and step).
  await menu.selectOption('wasm');
  await expect(menu).toHaveAttribute('data-backend', 'wasm', { timeout: SLOW_MS });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: SLOW_MS });
  expect(await statusStep(page)).toBe(trained);
  const onWasm = await page.evaluate(() => window.__vaeDebug!.evaluateSubset());
  expect(onWasm.count).toBe(1000);
  const relative = Math.abs(onWebgpu.elbo - onWasm.elbo) / Math.abs(onWasm.elbo);
  expect(relative, `−ELBO on WebGPU ${-onWebgpu.elbo}, on WASM ${-onWasm.elbo}`).toBeLessThanOrEqual(1e-3);
  // And the weights did train: a fresh decoder's −ELBO is about 543 nats (784·ln 2).
  expect(-onWasm.elbo).toBeLessThan(540);
  expect(syncReads, 'a synchronous WebGPU read in the worker').toEqual([]);
});
