// The rate–distortion plane (issue 16): in the loss chart's place at a button's press, each
// model of Compare as its test point (rate R = KL across, distortion D up) with its name and its
// path, the AE on the D axis with the reason said, lines of equal −ELBO; and its explanation
// with the live numbers.
import { expect, test } from '@playwright/test';
import { statusStep } from './pageReaders';
import { collectErrors, READY_MS } from './pageActions';

const num = (text: string | null, name: string) => Number(new RegExp(`${name} (\\d[\\d,]*\\.?\\d*)`).exec(text ?? '')?.[1]?.replaceAll(',', '') ?? NaN);

test('Compare’s two models as points in the rate–distortion plane: the VAE off the D axis, the AE on it', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto('./?model=compare&seed=3');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => statusStep(page), { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(60);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  const toggle = page.getByRole('button', { name: 'Rate–distortion', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  const plane = page.getByRole('region', { name: 'Rate–distortion', exact: true });
  await expect(plane).toBeVisible();
  await expect(page.getByRole('region', { name: 'Loss curves' })).toHaveCount(0);

  // Each model's latest test figures as text: the VAE has a rate, −ELBO = R + D; the AE has none.
  const a = plane.getByTestId('rd-point-a');
  const b = plane.getByTestId('rd-point-b');
  await expect(a).toContainText('VAE');
  await expect(a).toHaveText(/R \d+\.\d+ · D \d[\d,]*\.\d+ · −ELBO \d[\d,]*\.\d+ step \d/, { timeout: 60_000 });
  await expect(b).toHaveText(/AE\s*R n\/a · D \d[\d,]*\.\d+ step \d/);
  const text = await a.textContent();
  const [r, d, e] = [num(text, 'R'), num(text, 'D'), num(text, '−ELBO')];
  expect(r).toBeGreaterThan(0);
  expect(Math.abs(r + d - e)).toBeLessThan(0.2);
  await expect(plane).toContainText('An AE has no rate');

  // The drawing: lines of equal −ELBO, two paths' points; the AE's hollow, left of the VAE's (on the D axis).
  const svg = plane.getByRole('img', { name: /Rate–distortion plane/ });
  await expect(svg).toHaveAttribute('data-lines', /^\d+(,\d+)+$/);
  await expect(svg.locator('line.rd-elbo')).not.toHaveCount(0);
  const cx = async (id: string) => Number(await svg.locator(`.rd-${id} circle.rd-point`).getAttribute('cx'));
  await expect(svg.locator('.rd-b circle.rd-point')).toHaveClass(/rd-hollow/);
  expect(await cx('b')).toBeLessThan(await cx('a'));
  await expect(svg.locator('.rd-a text.rd-label')).toHaveText('VAE');

  // The explanation, with this model's numbers.
  await plane.getByRole('button', { name: 'Explain: rate and distortion' }).click();
  await expect(page.getByTestId('rd-live-distortion')).toHaveText(/^\d+\.\d\d$/);

  // Back to the curves.
  await plane.getByRole('button', { name: 'Rate–distortion', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Loss curves' })).toBeVisible();
  expect(errors).toEqual([]);
});
