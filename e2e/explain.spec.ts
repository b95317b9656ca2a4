// The explanations and the two languages, as a student and a teacher use them: switch the page
// to Japanese and back (and find it remembered), open an idea from its (i), watch its formula
// carry the hovered image's numbers, read the active units, open the traversals, and estimate
// log p(x), which must come out at or above the ELBO of the same images.
import { expect, test, type Page } from '@playwright/test';
import { openIdeaOnAPoint } from './latentMap';

const READY_MS = 120_000;
const START_URL = './?backend=wasm';

let page: Page;

async function statusStep(p: Page): Promise<number> {
  const m = /(\d[\d,]*)/.exec((await p.getByTestId('status').textContent()) ?? '');
  return m ? Number(m[1].replaceAll(',', '')) : -1;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto(START_URL);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: READY_MS });
  const before = await statusStep(page);
  await train.click();
  await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(before + 40);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(train).toBeVisible();
  await expect(page.getByTestId('active-units')).toBeVisible({ timeout: READY_MS });
});

test.afterAll(async () => {
  await page.close();
});

test('the language toggle switches visible text to Japanese and back, and is remembered', async () => {
  const toggle = page.getByRole('button', { name: '日本語', exact: true });
  await toggle.click();

  await expect(page.getByRole('button', { name: 'English', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('button', { name: '学習', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'ハイパーパラメータ' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: '再パラメータ化トリック' })).toBeVisible();
  await expect(page.getByRole('region', { name: '損失の推移' })).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText(/^ステップ [\d,]+ · エポック \d+/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('lang')).toBe('ja');

  // A link without lang= opens in the language chosen last (localStorage).
  await page.goto(START_URL);
  await expect(page.getByRole('button', { name: 'English', exact: true })).toBeVisible({ timeout: READY_MS });
  await expect(page.getByRole('button', { name: '学習', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('button', { name: '日本語', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Reparameterization trick' })).toBeVisible();
  await expect(page.getByRole('button', { name: '学習', exact: true })).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('lang')).toBeNull();

  // The reload started a fresh session: train it a little again for the tests below.
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: READY_MS });
  const before = await statusStep(page);
  await train.click();
  await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(before + 40);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('active-units')).toBeVisible({ timeout: READY_MS });
});

test('an (i) opens its idea, whose formula carries the hovered image’s numbers', async () => {
  await openIdeaOnAPoint(page, page.getByRole('button', { name: 'Explain: the reparameterization trick' }).first());
  const drawer = page.getByRole('complementary', { name: 'Explanations' });
  await expect(drawer.getByRole('heading', { name: 'The reparameterization trick' })).toBeVisible();
  // Real MathML, not text: z = μ + σ ⊙ ε.
  await expect(drawer.locator('math mi', { hasText: 'ε' }).first()).toBeVisible();

  const live = drawer.getByTestId('reparam-live');
  await expect(live.locator('math')).toHaveCount(2);
  const text = (await live.textContent()) ?? '';
  // z₁ = μ₁ + σ₁ × ε₁ = z: four numbers per line, and the sum is right to the printed digits.
  const nums = (text.split('z')[1] ?? '').replaceAll('\u2212', '-').match(/-?\d+\.\d+/g)?.map(Number) ?? [];
  expect(nums.length).toBeGreaterThanOrEqual(4);
  const [mu, sigma, eps, z] = nums;
  expect(Math.abs(mu + sigma * eps - z)).toBeLessThan(0.02);
  // The encoder box shows the same live sample, redrawn every second.
  await expect(page.getByTestId('sample-code')).toBeVisible();
  await expect(page.getByTestId('sample-mark')).toBeVisible();

  // The numbered contents reach every other idea; Escape closes the drawer.
  await drawer.getByRole('button', { name: 'KL pulls each posterior toward the prior' }).click();
  await expect(drawer.getByRole('heading', { name: 'KL pulls each posterior toward the prior' })).toBeVisible();
  await expect(drawer.locator('math mfrac').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
});

test('the Monte Carlo section draws L samples for the hovered image', async () => {
  await openIdeaOnAPoint(page, page.getByRole('button', { name: 'Explain: Monte Carlo samples L' }));
  const drawer = page.getByRole('complementary', { name: 'Explanations' });
  await expect(drawer.getByTestId('mc-plot')).toBeVisible();
  // One large dot per repeat; at L = 1 each repeat has exactly one sample.
  await expect(drawer.locator('.xp-mc-estimate')).toHaveCount(8);
  await expect(drawer.locator('.xp-mc-sample')).toHaveCount(8);
  await expect(drawer.getByTestId('mc-spread')).toHaveText(/^\d+\.\d\d nats$/);
  await drawer.getByRole('button', { name: 'Close explanations' }).click();
});

test('the active units readout and the traversal tab', async () => {
  await expect(page.getByTestId('active-units')).toHaveText(/^active units [0-2]\/2/);
  await page.getByRole('tab', { name: 'Traversal' }).click();
  const rows = page.getByRole('group', { name: 'Latent traversals' }).getByRole('img', { name: /^z\d from −3 to 3$/ });
  await expect(rows).toHaveCount(2);
  await page.getByRole('tab', { name: 'Decode' }).click();
});

test('log p(x) is estimated with a progress bar and comes out at or above the ELBO', async () => {
  test.setTimeout(240_000);
  await page.getByRole('button', { name: 'Explain: the ELBO and the loss curves' }).click();
  const drawer = page.getByRole('complementary', { name: 'Explanations' });
  await drawer.getByRole('button', { name: 'log p(x) versus the ELBO' }).first().click();
  await drawer.getByRole('button', { name: 'Estimate log p(x)' }).click();
  await expect(drawer.getByRole('progressbar', { name: 'Importance-weighted estimate' })).toBeVisible();

  const result = drawer.getByTestId('logpx-result');
  await expect(result).toBeVisible({ timeout: 200_000 });
  const logpx = Number(await result.getAttribute('data-logpx'));
  const elbo = Number(await result.getAttribute('data-elbo'));
  expect(Number.isFinite(logpx)).toBe(true);
  expect(Number.isFinite(elbo)).toBe(true);
  expect(elbo).toBeLessThan(0);
  expect(logpx).toBeGreaterThanOrEqual(elbo);
  await expect(drawer).toContainText('K = 100');
});
