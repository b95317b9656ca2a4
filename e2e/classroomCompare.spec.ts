// What a class sees Compare do (issue 13): it is fair, both models at one step, always, and the
// AE's map has no prior rings; it asks before replacing the user's own training, and where no
// AE is shipped both models start from new weights and the page says so.
import { expect, test } from '@playwright/test';
import { answerDialogs, collectErrors, waitReady } from './pageActions';
import { statusStep, stepIn } from './pageReaders';

test.describe('the classroom: fair Compare', () => {
  test.setTimeout(300_000);

  test('Compare starts the shipped VAE and AE at the same step and trains them in equal steps; the AE map has no σ-rings', async ({ page }) => {
    const errors = collectErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto('./');
    await waitReady(page);
    expect(await statusStep(page)).toBe(2345);

    await page.getByRole('radio', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Compare', exact: true })).toBeChecked();
    const vaeStep = page.getByTestId('compare-step-vae');
    const aeStep = page.getByTestId('compare-step-ae');
    // The shipped AE joins the shipped VAE: both at 2,345, without a question (nothing of the user's is lost).
    await expect(aeStep).toHaveText('· step 2,345', { timeout: 60_000 });
    await expect(vaeStep).toHaveText('· step 2,345');
    await expect(page.getByTestId('compare-origin')).toHaveText(/shipped checkpoints/);
    expect(dialogs).toEqual([]);

    const vaeSide = page.getByRole('region', { name: 'VAE latent space', exact: true });
    const aeSide = page.getByRole('region', { name: 'AE latent space', exact: true });
    await expect(vaeSide.getByTestId('prior-rings')).toHaveCount(1);
    await expect(vaeSide.getByTestId('prior-rings').locator('circle')).toHaveCount(3);
    await expect(aeSide.getByTestId('prior-rings')).toHaveCount(0);

    // Steps of training go to both alike.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => stepIn(vaeStep), { timeout: 60_000 }).toBeGreaterThan(2345);
    await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    await expect.poll(() => stepIn(aeStep), { timeout: 60_000 }).toBe(await stepIn(vaeStep));
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => stepIn(vaeStep), { timeout: 120_000 }).toBeGreaterThan(2400);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
    const vaeEnd = await stepIn(vaeStep);
    await expect.poll(() => stepIn(aeStep), { timeout: 60_000 }).toBe(vaeEnd);
    await expect.poll(() => statusStep(page)).toBe(vaeEnd);
    expect(errors).toEqual([]);
  });

  test('Compare asks before replacing training of the user’s own; where no AE is shipped (Fashion-MNIST) both start from new weights, and the page says so', async ({ page }) => {
    const errors = collectErrors(page);
    const { asked, dialogs } = answerDialogs(page);
    await page.goto('./');
    await waitReady(page);
    // Steps of the user's own on top of the shipped VAE.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => statusStep(page), { timeout: 60_000 }).toBeGreaterThan(2345);
    await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
    const own = await statusStep(page);
    const compare = page.getByRole('radio', { name: 'Compare', exact: true });
    await compare.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('shipped checkpoints (step 2,345)');
    // Declined: still the VAE alone, its steps kept.
    await expect(page.getByRole('radio', { name: 'VAE', exact: true })).toBeChecked();
    expect(await statusStep(page)).toBe(own);
    dialogs.accept = true;
    await compare.click();
    await expect(compare).toBeChecked();
    await expect(page.getByTestId('compare-step-vae')).toHaveText('· step 2,345', { timeout: 60_000 });
    await expect(page.getByTestId('compare-step-ae')).toHaveText('· step 2,345', { timeout: 60_000 });

    // Fashion-MNIST ships no AE: both models from new weights, nothing of the user's lost (no question).
    await page.getByRole('radio', { name: 'VAE', exact: true }).click();
    await page.getByRole('combobox', { name: 'Load pretrained' }).selectOption({ label: 'Fashion-MNIST VAE 2-D' });
    await expect.poll(() => statusStep(page), { timeout: 60_000 }).toBe(2345);
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('fashion');
    const before = asked.length;
    await compare.click();
    await expect(compare).toBeChecked();
    await expect(page.getByTestId('compare-step-vae')).toHaveText('· step 0', { timeout: 60_000 });
    await expect(page.getByTestId('compare-step-ae')).toHaveText('· step 0');
    await expect(page.getByTestId('compare-origin')).toHaveText(/new weights/);
    expect(asked.length).toBe(before);
    expect(errors).toEqual([]);
  });
});
