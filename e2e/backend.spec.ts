// The first-visit backend speed probe: measured once per browser, shown in the backend menu,
// remembered across reloads. Starts from an empty browser state (the other specs start from
// one where the probe counts as done: e2e/globalSetup.ts).
import { expect, test } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

const KEY = 'vae-playground.backend-probe';

test('the first visit measures each backend, the menu shows the figures, and a reload reuses them', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./?seed=2');
  const status = page.getByTestId('status');
  await expect(status).toContainText(/WASM|WebGL|CPU/, { timeout: 120_000 });

  // Train is usable before the probe is done: it runs between training chunks and reaches the
  // page (and its storage) afterwards.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEY), { timeout: 120_000 }).not.toBeNull();
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  const probe = JSON.parse(stored ?? '{}') as {
    measuredAt: string;
    results: Array<{ backend: string; imagesPerSec: number | null; threads?: number; threadTrials?: Array<{ threads: number; imagesPerSec: number | null }> }>;
  };
  const ran = probe.results.filter((r) => r.imagesPerSec !== null);
  expect(ran.length).toBeGreaterThan(0);
  // Fastest first, and automatic choice runs the fastest.
  const speeds = ran.map((r) => r.imagesPerSec ?? 0);
  expect(speeds).toEqual([...speeds].sort((a, b) => b - a));
  const backendMenu = page.getByRole('combobox', { name: 'Backend' });
  await expect(backendMenu).toHaveAttribute('data-backend', ran[0].backend);

  const labels = await backendMenu.locator('option').allTextContents();
  for (const r of ran) {
    const name = { webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU', webgpu: 'WebGPU' }[r.backend];
    const threads = r.threads !== undefined && r.threads > 1 ? ` · ${r.threads} threads` : '';
    expect(labels).toContain(`${name}${threads} · ${Math.round(r.imagesPerSec ?? 0).toLocaleString('en-US')} img/s`);
  }

  // On this cross-origin isolated page WASM's thread count was measured too: from 1 up to the
  // machine's cores, and the count kept is one that trained.
  const wasm = probe.results.find((r) => r.backend === 'wasm');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  if (wasm?.imagesPerSec != null && cores > 1) {
    const trials = wasm.threadTrials ?? [];
    expect(trials[0]?.threads).toBe(1);
    expect(Math.max(...trials.map((t) => t.threads))).toBeLessThanOrEqual(cores);
    expect(trials.find((t) => t.threads === wasm.threads)?.imagesPerSec).toBe(wasm.imagesPerSec);
  }

  await page.reload();
  await expect(status).toContainText(/WASM|WebGL|CPU/, { timeout: 60_000 });
  const again = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), KEY)) ?? '{}') as { measuredAt: string };
  expect(again.measuredAt).toBe(probe.measuredAt);
  await expect(backendMenu).toHaveAttribute('data-backend', ran[0].backend);
});
