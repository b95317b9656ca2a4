// What a student does first: open the page, train, pause, step, reset, switch to an AE.
// Everything is found by its accessible name (design/ui.md). First WebGL steps compile
// shaders for seconds on a 2-core machine without a GPU, hence the generous timeouts.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors, pauseSettled, READY_MS, stepOnce } from './pageActions';
import { weightsNote } from './pageReaders';

async function statusStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('status').textContent()) ?? '';
  const m = /step ([\d,]+)/.exec(text);
  if (!m) throw new Error(`status has no step: "${text}"`);
  return Number(m[1].replaceAll(',', ''));
}

function chart(page: Page): Locator {
  return page.getByRole('img', { name: 'Loss curves' });
}

async function numAttr(loc: Locator, name: string): Promise<number> {
  return Number((await loc.getAttribute(name)) ?? NaN);
}

async function openReady(page: Page): Promise<void> {
  // A link with a setting of its own starts from scratch; the bare link opens the pretrained
  // model instead (pretrained.spec.ts covers that).
  await page.goto('./?seed=2');
  await expect(page.getByRole('heading', { name: /VAE Playground/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
}

test.describe('training', () => {
  test.setTimeout(240_000);

  test('loads with every control named, on a real backend, with no console errors', async ({ page }) => {
    const errors = collectErrors(page);
    await openReady(page);
    for (const name of ['Train', 'Step', 'Reset']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');
    await expect(page.getByRole('radiogroup', { name: 'Model' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'VAE', exact: true })).toBeChecked();
    await expect(page.getByRole('slider', { name: 'Beta' })).toHaveValue('1');
    await expect(page.getByRole('slider', { name: 'Latent dimensions' })).toHaveValue('2');
    await expect(page.getByRole('combobox', { name: 'Learning rate' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Reparameterization trick' })).toBeChecked();
    // σ_x belongs to the Gaussian likelihood only.
    await expect(page.getByRole('slider', { name: 'Decoder sigma' })).toBeDisabled();
    await page.getByRole('combobox', { name: 'Likelihood' }).selectOption('gaussian');
    await expect(page.getByRole('slider', { name: 'Decoder sigma' })).toBeEnabled();
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · epoch \d+ · (WebGL|WASM|CPU)\b/);
    await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveAttribute('data-backend', /^(webgl|wasm|cpu)$/);
    // One screen at the classroom projector's size: nothing scrolls.
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    expect(errors).toEqual([]);
  });

  test('Train lowers the loss, Pause stops, Reset returns to step 0', async ({ page }) => {
    const errors = collectErrors(page);
    await openReady(page);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();

    await expect.poll(() => numAttr(chart(page), 'data-points'), { timeout: READY_MS }).toBeGreaterThan(0);
    const first = await numAttr(chart(page), 'data-latest-elbo');
    expect(first).toBeGreaterThan(100); // an untrained decoder costs ~ 784·ln 2 ≈ 543 nats
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(20);
    await expect.poll(() => numAttr(chart(page), 'data-latest-elbo'), { timeout: READY_MS }).toBeLessThan(first - 20);
    await expect(page.getByTestId('legend-elbo')).toHaveText(/^\d[\d,]*\.\d$/);
    await expect(page.getByTestId('legend-kl')).toHaveText(/^\d/);
    await expect(page.getByTestId('status')).toHaveText(/ · \d[\d,]* img\/s$/);
    await expect(page.getByRole('region', { name: 'Reconstructions' })).toContainText(/step \d/);

    const held = await pauseSettled(page);
    // Pause also sends the weights of that step: the worker went on working, and trained no further.
    await expect(weightsNote(page, held)).toBeVisible({ timeout: READY_MS });
    expect(await statusStep(page)).toBe(held);
    await expect.poll(() => numAttr(chart(page), 'data-points')).toBe(held);

    // Reset asks before it throws trained steps away.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · /);
    await expect.poll(() => numAttr(chart(page), 'data-points')).toBe(0);
    await expect(page.getByTestId('legend-elbo')).toHaveText('–');
    expect(errors).toEqual([]);
  });

  test('Step runs exactly one chunk, then holds', async ({ page }) => {
    const errors = collectErrors(page);
    // Record the training worker's metrics messages: a chunk is one message with train values
    // (test points travel as metrics with an empty train series).
    await page.addInitScript(() => {
      const chunks: Array<{ step: number; n: number }> = [];
      (window as unknown as { __chunks: typeof chunks }).__chunks = chunks;
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          this.addEventListener('message', (e: MessageEvent) => {
            const d = e.data as { type?: string; step?: number; train?: { elbo: number[] } };
            if (d?.type !== 'metrics' || !d.train || d.train.elbo.length === 0) return;
            chunks.push({ step: d.step ?? -1, n: d.train.elbo.length });
          });
        }
      };
    });
    type Chunk = { step: number; n: number };
    const chunks = () => page.evaluate(() => (window as unknown as { __chunks: Chunk[] }).__chunks.slice());
    await openReady(page);
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 3; i++) {
      const before = await statusStep(page);
      const seen = (await chunks()).length;
      const after = await stepOnce(page);
      // The end of Step sends that step's weights: nothing more is owed.
      await expect(weightsNote(page, after)).toBeVisible({ timeout: READY_MS });
      await expect(step).toBeEnabled();
      await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
      const got = (await chunks()).slice(seen);
      expect(got).toHaveLength(1);
      // The step advanced by exactly the chunk the worker reported, and the chart holds every step.
      expect(after - before).toBe(got[0].n);
      expect(after).toBe(got[0].step);
      await expect.poll(() => numAttr(chart(page), 'data-points')).toBe(after);
    }
    expect(errors).toEqual([]);
  });

  test('switching Model to AE keeps the VAE aside and trains an AE with no KL', async ({ page }) => {
    const errors = collectErrors(page);
    await openReady(page);
    await stepOnce(page);

    // No question: the VAE is kept while the AE is shown (compare.spec.ts switches back).
    page.once('dialog', (d) => {
      errors.push(`unexpected dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.getByRole('radio', { name: 'AE', exact: true }).click();
    await expect(page.getByRole('radio', { name: 'AE', exact: true })).toBeChecked();
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · /);
    await expect(page.getByRole('slider', { name: 'Beta' })).toBeDisabled();
    await expect(page.getByRole('checkbox', { name: 'Reparameterization trick' })).toBeDisabled();
    await expect(page.getByRole('region', { name: 'Hyperparameters' })).toContainText('AE: no sampling, no KL');

    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(10);
    await expect(page.getByTestId('legend-kl')).toHaveText('n/a');
    await expect(page.getByTestId('legend-recon')).toHaveText(/^\d[\d,]*\.\d$/);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page).toHaveURL(/[?&]model=ae\b/);
    expect(errors).toEqual([]);
  });

  test('live hyperparameters apply without a reset; shape changes ask first', async ({ page }) => {
    const errors = collectErrors(page);
    await openReady(page);
    const trained = await stepOnce(page);

    // β is live: the objective appears as its own line, the step stays, the link records it.
    await page.getByRole('slider', { name: 'Beta' }).fill('4');
    await expect(page.getByRole('region', { name: 'Loss curves' })).toContainText('Objective (β = 4.0)');
    await expect(page).toHaveURL(/[?&]beta=4\b/);
    await page.getByRole('combobox', { name: 'Learning rate' }).selectOption('0.0003');
    await expect(page).toHaveURL(/[?&]lr=0\.0003\b/);
    expect(await statusStep(page)).toBe(trained);

    // Latent dimensions need new weights: declining keeps everything, accepting starts over.
    const latent = page.getByRole('slider', { name: 'Latent dimensions' });
    const messages: string[] = [];
    page.once('dialog', (d) => {
      messages.push(d.message());
      void d.dismiss();
    });
    await latent.fill('8');
    await expect(latent).toHaveValue('2');
    expect(messages).toEqual(['Changing Latent dimensions resets the model. Continue?']);
    expect(await statusStep(page)).toBe(trained);

    page.once('dialog', (d) => void d.accept());
    await latent.fill('8');
    await expect(latent).toHaveValue('8');
    await expect(page.getByTestId('status')).toHaveText(/^step 0 · /);
    await expect(page).toHaveURL(/[?&]z=8\b/);
    // The live values survive the reset.
    await expect(page.getByRole('slider', { name: 'Beta' })).toHaveValue('4');
    expect(errors).toEqual([]);
  });

  test('a hostile link is corrected with a visible note, never a blank page', async ({ page }) => {
    await page.goto('./?z=9999&beta=<img src=x onerror=alert(1)>&lik=poisson&backend=quantum');
    await expect(page.getByRole('slider', { name: 'Latent dimensions' })).toHaveValue('64');
    await expect(page.getByRole('slider', { name: 'Beta' })).toHaveValue('1');
    const notes = page.getByRole('list', { name: 'Notices' });
    await expect(notes).toContainText('Latent dimensions: 9999 is outside 1–64');
    await expect(notes).toContainText('Beta: "<img src=x onerror=alert(1)>" is not a number');
    await expect(notes).toContainText('Backend: "quantum"');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await notes.getByRole('button', { name: 'Dismiss' }).first().click();
    await expect(notes.getByRole('button', { name: 'Dismiss' })).toHaveCount(3);
  });
});

