// A link is input from anyone: a typo, an old link, or a crafted one. Whatever it carries, the
// page must open, run no script of the link's, put nothing of it into the DOM as markup, and
// say in a notice what it ignored. The built page also carries a Content-Security-Policy, and
// training must work under it on both backends without a single violation.
import { expect, test, type Page } from '@playwright/test';
import { LINK_NAMES } from '../src/components/pageOptions';
import { statusStep } from './pageReaders';

const READY_MS = 120_000;

/** Every name the app reads from a link, from the one list the page itself reads (so none is missed). */
const NAMES = [...LINK_NAMES];

const HOSTILE: readonly string[] = [
  'NaN', 'Infinity', '-Infinity', '-1', '-0', '1e309', '-1e309', '1e-400', '99999999999999999999999', '2147483648',
  '-2147483649', '9007199254740993', '0x10', '3abc', '1e', '+', '.', '', ' ', '\t1\n',
  'null', 'undefined', 'true', '[]', '{}', '{"lr":1}', '[1,2]', '__proto__', 'constructor', 'toString',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '<iframe src=javascript:alert(1)>',
  'javascript:alert(1)', 'JaVaScRiPt:alert(document.domain)', 'data:text/html,<script>alert(1)</script>',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '${alert(1)}', '{{constructor.constructor("alert(1)")()}}',
  '\u0000', '\u202e1', 'ｚ', '١٢٣', '𝟙𝟚', '😀', 'é', '\ud800', 'a'.repeat(300), 'hyper,recon,<b>x</b>',
  'latent,latent,latent,latent,latent,latent,latent,latent,latent,latent', 'beta;lr', 'webgpu ', 'JA',
];

interface Watch {
  dialogs: string[];
  pageErrors: string[];
  violations: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { dialogs: [], pageErrors: [], violations: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) w.violations.push(m.text());
  });
  return w;
}

/** Markup the link might have smuggled in: stray images, inline scripts, frames, inline handlers. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('img[src="x"], script:not([src]), iframe, b, svg[onload]')) out.push(el.outerHTML.slice(0, 80));
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) out.push(`${el.tagName}[${attr}]`);
    }
    return out;
  });
}

async function noticeTexts(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: /^(Notices|お知らせ)$/ });
  await expect(list).toBeVisible();
  return list.locator('.notice-text').allTextContents();
}

/**
 * Opens the page with `query` appended. The document itself is fetched without the query, so a
 * query longer than the preview server's header limit still reaches the page as a link would.
 */
async function openWith(page: Page, query: string): Promise<void> {
  await page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
    const plain = new URL(route.request().url());
    plain.search = '';
    await route.fulfill({ response: await route.fetch({ url: plain.toString() }) });
  });
  await page.goto(`./?${query}`);
  await expect(page.getByRole('heading', { name: /VAE Playground/ })).toBeVisible();
  // A value may switch the language (lang=JA): the Train button is then 学習.
  await expect(page.getByRole('button', { name: /^(Train|学習)$/ })).toBeVisible();
}

async function expectClean(page: Page, w: Watch, what: string): Promise<void> {
  expect(await injected(page), what).toEqual([]);
  expect(w.dialogs, what).toEqual([]);
  expect(w.pageErrors, what).toEqual([]);
  expect(w.violations, what).toEqual([]);
}

test.describe('hostile links', () => {
  test.setTimeout(600_000);

  test(`${HOSTILE.length} hostile values, each given to every link name, are ignored with a notice`, async ({ page }) => {
    const w = watch(page);
    // Load i gives name j the value (i + j) mod n: over all loads every name meets every value.
    for (let i = 0; i < HOSTILE.length; i++) {
      const params = new URLSearchParams();
      NAMES.forEach((name, j) => params.append(name, HOSTILE[(i + j) % HOSTILE.length]));
      params.append('backend', 'wasm');
      await openWith(page, params.toString());
      const what = `load ${i}: ${params.toString().slice(0, 200)}`;
      expect((await noticeTexts(page)).length, what).toBeGreaterThan(0);
      await expectClean(page, w, what);
    }
  });

  test('markup in a value or a name is shown as text in the notice, never as markup', async ({ page }) => {
    const w = watch(page);
    const evil = '"><img src=x onerror=alert(1)>';
    await openWith(page, new URLSearchParams([['lr', evil], ['data', '<script>alert(1)</script>'], [evil, '1'], ['backend', 'wasm']]).toString());
    const texts = (await noticeTexts(page)).join('\n');
    expect(texts).toContain(`Learning rate: "${evil}"`);
    expect(texts).toContain('<script>alert(1)</script>');
    expect(texts).toContain(`"${evil}" is not a setting; ignored.`);
    await expectClean(page, w, 'markup');
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  });

  test('unknown names, repeated names, empty values and 10,000-character values', async ({ page }) => {
    const w = watch(page);
    const long = 'a'.repeat(10_000);
    const unknown = ['__proto__', 'x'.repeat(5_000), 'onload', 'javascript:alert(1)', 'Z', 'lr ', 'constructor'];
    const query = [
      ...unknown.map((n) => `${encodeURIComponent(n)}=1`),
      'lr=1e-3', 'lr=NaN', 'lr=%3Cscript%3E', // repeated: the first one counts
      'beta=', 'z=', 'hide=', 'show=',
      `seed=${long}`, `hide=${long}`,
      'backend=wasm',
    ].join('&');
    await openWith(page, query);
    const texts = (await noticeTexts(page)).join('\n');
    expect(texts).toContain('"__proto__" is not a setting; ignored.');
    expect(texts).toContain(`"${'x'.repeat(32)}" is not a setting; ignored.`);
    expect(texts).toMatch(/\d+ more unknown names ignored\./);
    expect(texts).toContain('Seed:');
    // Nothing echoes a 10,000-character value back in full.
    expect(texts).not.toContain('a'.repeat(100));
    await expect(page.getByRole('combobox', { name: 'Learning rate' })).toHaveValue(/^(0\.001|1e-3)$/);
    await expectClean(page, w, 'unknown/repeated/long');
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  });
});

test.describe('content security policy', () => {
  test.setTimeout(240_000);

  for (const backend of ['wasm', 'webgl'] as const) {
    test(`the built page has a strict CSP and trains on ${backend} under it with no violation`, async ({ page }) => {
      const w = watch(page);
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __csp: string[] }).__csp = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`./?backend=${backend}`);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).not.toMatch(/https?:/);
      await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
      // The page may open on a pretrained model's step: training must move it on from there.
      const before = await statusStep(page);
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(before + 10);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await expect(page.getByTestId('status')).toHaveText(new RegExp(` · ${backend === 'wasm' ? 'WASM' : 'WebGL'}\\b`));
      // The PNG export draws through blob:/data: images: allowed by img-src.
      await page.getByRole('button', { name: /Save \/ Load/ }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export PNG: loss chart' }).click();
      expect((await download).suggestedFilename()).toMatch(/\.png$/);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      await expectClean(page, w, backend);
    });
  }
});
