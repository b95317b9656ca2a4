// Colour by (issue 15): on Shapes the map can be coloured by any factor of variation read from
// the latent snapshot, a sequential scale with a legend for the continuous ones; the choice
// travels in the link; MIG and the mutual-information matrix appear once measured. A name in a
// link that is not a choice is ignored with a visible note, and a factor MNIST lacks falls back
// to the label, saying so.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, READY_MS, trainPast, waitReady } from './pageActions';
import { canvasStats } from './pageReaders';

const points = (p: Page) => p.getByRole('region', { name: 'Latent space', exact: true }).locator('canvas.lx-points');

test('Shapes: colouring by position x recolours the points; Measure shows MIG, the matrix and labelled traversals', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto('./?backend=wasm&data=shapes&z=6&beta=4&start=fresh');
  await waitReady(page, READY_MS);
  await trainPast(page, 100);
  const colourBy = page.getByRole('combobox', { name: 'Colour by' });
  await expect(colourBy.locator('option')).toHaveText(['Label', 'Shape', 'Scale', 'Orientation', 'Position x', 'Position y']);
  await expect(colourBy).toHaveValue('label');
  // Labels on Shapes are the three shapes: three colours (a few more hue bins where they blend).
  await expect.poll(async () => (await canvasStats(points(page))).hues).toBeGreaterThan(0);
  const byLabel = await canvasStats(points(page));

  await colourBy.selectOption('posX');
  await expect(page).toHaveURL(/[?&]colour=positionX\b/);
  const scale = page.getByRole('img', { name: 'Position x: 0.00 (dark) to 1.00 (light)' });
  await expect(scale).toBeVisible();
  // Viridis over 32 positions: more hues than the three shapes had, on as many points.
  await expect.poll(async () => (await canvasStats(points(page))).hues).toBeGreaterThan(byLabel.hues);
  const byX = await canvasStats(points(page));
  expect(Math.abs(byX.inked - byLabel.inked) / byLabel.inked).toBeLessThan(0.05);
  // The class legend gives way to the scale.
  await expect(page.getByRole('group', { name: 'Classes' })).toHaveCount(0);

  const region = page.getByRole('region', { name: 'Disentanglement', exact: true });
  await region.getByRole('button', { name: 'Measure' }).click();
  await expect(region.getByTestId('mig')).toContainText(/MIG \d\.\d\d/, { timeout: 120_000 });
  const mig = Number(/MIG (\d\.\d\d)/.exec((await region.getByTestId('mig').textContent()) ?? '')?.[1]);
  expect(mig).toBeGreaterThanOrEqual(0);
  expect(mig).toBeLessThanOrEqual(1);
  const matrix = region.getByRole('img', { name: 'Mutual information' });
  await expect(matrix).toHaveAttribute('data-rows', '6');
  await expect(matrix).toHaveAttribute('data-cols', '5');
  await expect(matrix.locator('rect')).toHaveCount(30);
  expect(await matrix.locator('title').textContent()).toMatch(/z₁: shape \d\.\d\d, scale \d\.\d\d, angle \d\.\d\d, x \d\.\d\d, y \d\.\d\d/);

  // Traversal rows name the factor each dimension carries most of, with its normalised MI.
  await page.getByRole('tab', { name: 'Traversal' }).click();
  const labelled = page.getByRole('group', { name: /traversal/i }).getByTestId('trav-factor');
  await expect(labelled.first()).toBeVisible();
  const labels = await labelled.allTextContents();
  expect(labels.length).toBeGreaterThan(0);
  expect(labels.length).toBeLessThanOrEqual(6);
  for (const l of labels) expect(l).toMatch(/^· (shape|scale|orientation|position x|position y) · (0\.\d\d|1\.00)$/);

  // The link brings the colouring back.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Colour by' })).toHaveValue('posX', { timeout: READY_MS });
  expect(errors).toEqual([]);
});

test('a colour name that is not a choice is ignored with a note; MNIST has only the label', async ({ page }) => {
  await page.goto('./?backend=wasm&colour=wobble');
  await waitReady(page, READY_MS);
  await expect(page.getByText('Colour by: "wobble" is not one of label, shape, scale, orientation, positionX, positionY; colouring by label.')).toBeVisible();
  const colourBy = page.getByRole('combobox', { name: 'Colour by' });
  await expect(colourBy.locator('option')).toHaveText(['Label']);
  await expect(page).not.toHaveURL(/colour=/);

  // A factor MNIST lacks: coloured by label, with a note beside the legend.
  await page.goto('./?backend=wasm&colour=positionX');
  await waitReady(page, READY_MS);
  await expect(page.getByText('No position x here: by label.')).toBeVisible({ timeout: READY_MS });
  await expect(page.getByRole('group', { name: 'Classes' })).toBeVisible();
});
