// `Sweep β` beside the rate–distortion plane (issue 16): a bad list gets a note and starts
// nothing; a 3-value sweep with a small budget on MNIST shows its progress and yields 3 points,
// each a focusable button named with its figures, whose rate falls as β rises; opening one with
// the keyboard shows that model's map as Compare's Model B; Discard sweep frees them; pause,
// resume and cancel act on the sweep.
import { expect, test } from '@playwright/test';
import { collectErrors, waitReady } from './pageActions';
import { canvasHash } from './pageReaders';

test('a 3-value β sweep gives 3 points whose rate falls as β rises; a point opens its model as Model B', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('./?seed=2');
  await waitReady(page);
  await page.getByRole('button', { name: 'Rate–distortion', exact: true }).click();
  const plane = page.getByRole('region', { name: 'Rate–distortion', exact: true });
  const values = plane.getByRole('textbox', { name: 'β values' });
  const sweep = plane.getByRole('button', { name: 'Sweep β', exact: true });
  await expect(values).toHaveValue('0.25, 0.5, 1, 2, 4, 8');

  // A bad list: a note in words, and nothing starts.
  await values.fill('0, -1');
  await sweep.click();
  await expect(plane.getByRole('status')).toHaveText(/Every β must be above 0 .*got 0\./);
  await expect(values).toHaveAttribute('aria-invalid', 'true');
  await expect(plane.getByRole('progressbar', { name: 'Sweep β' })).toHaveCount(0);

  await values.fill('0.5, 2, 8');
  await plane.getByRole('textbox', { name: 'Steps per model' }).fill('60');
  await sweep.click();
  await expect(plane.getByRole('status')).toHaveCount(0);
  await expect(plane.getByTestId('sweep-progress')).toHaveText(/^model [123] of 3 · (step \d+|testing)/);
  await expect(plane).toContainText('Training of the shown model is paused while the sweep runs');
  // Pause and resume act on the sweep, keyboard-reachable buttons.
  await plane.getByRole('button', { name: 'Pause sweep' }).click();
  await expect(plane.getByTestId('sweep-progress')).toHaveText(/ · paused$/);
  await plane.getByRole('button', { name: 'Resume sweep' }).press('Enter');
  await expect(plane.getByRole('button', { name: 'Pause sweep' })).toBeVisible();
  // The shown model stays draggable while the sweep trains: moving the latent point decodes another image.
  const decoded = page.getByRole('img', { name: 'Decoded image', exact: true });
  const before = await canvasHash(decoded);
  await page.getByRole('slider', { name: 'Latent point' }).focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(() => canvasHash(decoded), { timeout: 10_000 }).not.toBe(before);
  await expect(plane.getByTestId('sweep-progress')).not.toHaveText(/paused/);
  // With the loss curves in the plane's place, the sweep's progress stands beside the button; the fields keep their values.
  await plane.getByRole('button', { name: 'Rate–distortion', exact: true }).click();
  await expect(page.getByTestId('sweep-badge')).toHaveText(/^Sweep β: model [123] of 3 · (step \d+|testing)/);
  await page.getByRole('button', { name: 'Rate–distortion', exact: true }).click();
  await expect(values).toHaveValue('0.5, 2, 8');

  const points = plane.getByRole('button', { name: /^Sweep model β = / });
  await expect(points).toHaveCount(3, { timeout: 150_000 });
  await expect(plane.getByRole('progressbar', { name: 'Sweep β' })).toHaveCount(0);
  const kept = plane.getByRole('group', { name: 'Sweep 1', exact: true });
  await expect(kept).toContainText('3 of 3 models · 60 steps each');
  await expect(plane).toContainText('Keeps at most 12 sweep models');

  // Each point's figures, from its accessible name: −ELBO = R + D, and R falls as β rises.
  const rateOf = async (beta: string) => {
    const name = (await plane.getByRole('button', { name: `Sweep model β = ${beta} ·` }).getAttribute('aria-label')) ?? '';
    const [r, d, e] = ['R', 'D', '−ELBO'].map((k) => Number(new RegExp(`${k} (\\d[\\d,]*\\.?\\d*)`).exec(name)?.[1]?.replaceAll(',', '') ?? NaN));
    expect(Math.abs(r! + d! - e!), name).toBeLessThan(0.2);
    return r!;
  };
  const [r05, r2, r8] = [await rateOf('0.5'), await rateOf('2'), await rateOf('8')];
  expect(r05).toBeGreaterThan(r2);
  expect(r2).toBeGreaterThan(r8);
  expect(r8).toBeGreaterThan(0);

  // Open β = 8 from the keyboard: Compare, with Model B that model; Model A is still there.
  await plane.getByRole('button', { name: 'Sweep model β = 8 ·' }).focus();
  await page.keyboard.press('Enter');
  const mapB = page.getByRole('region', { name: 'VAE · β = 8 latent space', exact: true });
  await expect(mapB).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'VAE · β = 1 latent space', exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Model B', exact: true }).getByTestId('model-b-label')).toHaveText('VAE · β = 8');
  await expect(plane.getByRole('status')).toContainText('Model B is now the sweep model β = 8');
  // Compare's header says where Model B came from, not "both start from new weights".
  await expect(page.getByTestId('compare-origin')).toHaveText(/Model B comes from the β sweep/);

  await kept.getByRole('button', { name: 'Discard sweep' }).click();
  await expect(points).toHaveCount(0);

  // A cancelled sweep stops at once: no progress bar, and it kept only what had finished.
  await values.fill('1, 4');
  await sweep.click();
  await expect(plane.getByRole('progressbar', { name: 'Sweep β' })).toBeVisible();
  await plane.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(plane.getByRole('progressbar', { name: 'Sweep β' })).toHaveCount(0);
  await expect(sweep).toBeEnabled();
  expect(errors).toEqual([]);
});
