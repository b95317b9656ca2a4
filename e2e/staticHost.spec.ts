// The built site on a plain static host that sends no COOP/COEP headers (GitHub Pages), under a
// sub-path: the shipped service worker (coi-serviceworker) makes the page cross-origin isolated
// after one reload, so WASM trains with helper threads; with service workers blocked the page
// does not reload and trains on one thread.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect, test, type Browser, type BrowserContextOptions, type Page, type TestInfo } from '@playwright/test';
import { statusStep } from './pageReaders';
import { serveUnder } from './staticServer';

const PREFIX = '/sub/vae/';
const READY_MS = 120_000;

interface ReadySeen {
  threads?: number;
  tried: Array<{ backend: string; ok: boolean; reason?: string }>;
}

declare global {
  interface Window {
    __readySeen?: ReadySeen[];
  }
}

/** Records the training worker's 'ready' messages (thread count, why each backend) before the app starts. */
function recordReady(): void {
  const seen: ReadySeen[] = [];
  window.__readySeen = seen;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (!String(url).includes('training')) return;
      this.addEventListener('message', (e: MessageEvent) => {
        if (e.data?.type === 'ready') seen.push({ threads: e.data.threads, tried: e.data.tried });
      });
    }
  };
}

let server: Server;
let site = '';

test.beforeAll(async () => {
  server = await serveUnder(resolve(process.env.E2E_DIST ?? 'dist'), PREFIX);
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
});

test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

/** A fresh browser context on the site: its page, how many times it loaded, what the console said. */
async function openSite(browser: Browser, testInfo: TestInfo, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: testInfo.project.use.viewport, ...options });
  const page = await context.newPage();
  await page.addInitScript(recordReady);
  const loads = { count: 0 };
  page.on('load', () => loads.count++);
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${site}?backend=wasm`);
  return { context, page, loads, consoleLines, missing };
}

async function trainOneStep(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(0);
}

const readySeen = (page: Page) => page.evaluate(() => window.__readySeen ?? []);
const isolated = (page: Page) => page.evaluate(() => window.crossOriginIsolated).catch(() => null);

test('on a host without COOP/COEP headers the service worker isolates the page after one reload, and WASM trains on more than one thread', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const direct = await fetch(site);
  expect(direct.headers.get('cross-origin-opener-policy')).toBeNull();
  expect(direct.headers.get('cross-origin-embedder-policy')).toBeNull();

  const { context, page, loads, missing } = await openSite(browser, testInfo);
  await expect.poll(() => isolated(page), { timeout: 30_000 }).toBe(true);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${site}coi-serviceworker.js`);
  await trainOneStep(page);
  // The first load registered the worker and reloaded; the app started once, on the isolated page.
  expect(loads.count).toBe(2);
  const ready = await readySeen(page);
  expect(ready).toHaveLength(1);
  expect(ready[0].threads).toBeGreaterThan(1);
  expect(ready[0].tried.find((t) => t.ok)?.reason).toMatch(/\d+ threads/);

  // A later visit is served through the worker at once: isolated, no second reload.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  expect(await isolated(page)).toBe(true);
  expect(loads.count).toBe(3);
  expect(missing).toEqual([]);
  await context.close();
});

test('with service workers blocked the page loads once, says why, and trains single-threaded', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const { context, page, loads, consoleLines, missing } = await openSite(browser, testInfo, { serviceWorkers: 'block' });
  await trainOneStep(page);
  expect(await isolated(page)).toBe(false);
  expect(loads.count).toBe(1);
  expect(consoleLines).toContain('WASM trains on one thread: the service worker was not registered (blocked).');
  const ready = await readySeen(page);
  expect(ready.at(-1)?.threads).toBe(1);
  expect(ready.at(-1)?.tried.find((t) => t.ok)?.reason).toMatch(/1 thread \(the page is not cross-origin isolated\)/);
  expect(missing).toEqual([]);
  await context.close();
});
