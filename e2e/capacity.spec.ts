// The capacity objective from the hyperparameter panel (issue 15): choosing Capacity shows γ,
// C_max and the ramp (and greys β), puts the choice in the link, and the loss chart draws C(step)
// beside KL, on a right axis of their own, named in the legend with its value at the latest step. Out-of-range values in a
// link are clamped with a visible note.
import { expect, test } from '@playwright/test';
import { collectErrors, READY_MS, trainPast, waitReady } from './pageActions';

const BASE = './?backend=wasm&start=fresh';

test('choosing Capacity shows its settings, reaches the link and draws C beside KL', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(BASE);
  await waitReady(page, READY_MS);
  const objective = page.getByRole('combobox', { name: 'Objective' });
  const gamma = page.getByRole('combobox', { name: 'Gamma' });
  const cMax = page.getByRole('slider', { name: 'Capacity C max' });
  const ramp = page.getByRole('combobox', { name: 'Capacity ramp' });
  await expect(objective).toHaveValue('beta');
  for (const control of [gamma, cMax, ramp]) await expect(control).toBeHidden();
  const capacityLine = page.locator('.loss svg path.line.capacity');
  await expect(capacityLine).toBeHidden();

  await objective.selectOption('capacity');
  for (const control of [gamma, cMax, ramp]) await expect(control).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Beta' })).toBeDisabled();
  await expect(page).toHaveURL(/[?&]objective=capacity\b/);
  await ramp.selectOption('1000');
  await expect(page).toHaveURL(/[?&]ramp=1000\b/);
  await gamma.selectOption('300');
  await expect(page).toHaveURL(/[?&]gamma=300\b/);

  await expect(capacityLine).toBeVisible();
  const legend = page.getByRole('region', { name: 'Loss curves' }).locator('.legend');
  await expect(legend).toContainText('Capacity C');
  // No β objective line: the chart shows C instead.
  await expect(page.getByTestId('legend-objective')).toHaveCount(0);

  const step = await trainPast(page, 40);
  // C(step) = C_max · step / ramp on the ramp (C_max 15 by default); the legend shows it at the
  // last step drawn (history steps count from 0, the status from 1).
  const shown = Number(await page.getByTestId('legend-capacity').textContent());
  expect(shown).toBeGreaterThan(0);
  expect(Math.abs(shown - (15 * (step - 1)) / 1000)).toBeLessThan(0.05);
  // The dashed path rises: its last vertex is above (smaller y than) its first.
  const d = (await capacityLine.getAttribute('d')) ?? '';
  const ys = [...d.matchAll(/[ML][\d.-]+,([\d.-]+)/g)].map((m) => Number(m[1]));
  expect(ys.length).toBeGreaterThanOrEqual(2);
  expect(ys[ys.length - 1]).toBeLessThan(ys[0]);
  // KL and C read on their own right axis (lossChartKlAxis.ts): its ticks span KL's few nats,
  // the left axis's reach reconstruction's hundreds.
  const klAxis = page.locator('.loss svg g.axis-kl');
  await expect(klAxis).toBeVisible();
  const ticks = async (sel: string) => (await page.locator(`.loss svg ${sel} .tick text`).allTextContents()).map((v) => Number(v.replace(/,/g, '')));
  const right = await ticks('g.axis-kl');
  const left = await ticks('g.axis-y');
  expect(right.length).toBeGreaterThanOrEqual(2);
  expect(Math.max(...right)).toBeLessThan(50);
  expect(Math.max(...left)).toBeGreaterThanOrEqual(100);

  // Back to β-VAE: the settings go and so does the line; the link forgets the objective.
  await objective.selectOption('beta');
  for (const control of [gamma, cMax, ramp]) await expect(control).toBeHidden();
  await expect(capacityLine).toBeHidden();
  await expect(klAxis).toBeHidden();
  await expect(page).not.toHaveURL(/objective=/);
  expect(errors).toEqual([]);
});

test('capacity settings out of range in a link are clamped with a visible note', async ({ page }) => {
  await page.goto(`${BASE}&objective=capacity&cmax=999&gamma=5`);
  await waitReady(page, READY_MS);
  await expect(page.getByRole('slider', { name: 'Capacity C max' })).toHaveValue('50');
  await expect(page.getByRole('combobox', { name: 'Gamma' })).toHaveValue('10');
  await expect(page.getByText(/Capacity C max: 999 is outside 0–50/)).toBeVisible();
  await expect(page.getByText(/Gamma: 5 is not offered; using 10/)).toBeVisible();
  await expect(page).toHaveURL(/[?&]cmax=50\b/);
});
