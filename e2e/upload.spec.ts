// A student trains on images of their own: a folder of generated PNGs in two class folders
// is converted, previewed, split and trained on; broken and hostile files are listed with
// their reasons and skipped, and a folder of nothing but those leaves the model as it was.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { encodePng } from '../src/data/imageImport/testFixtures';
import { canvasStats, statusStep } from './pageReaders';

const READY_MS = 120_000;
const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const INK: [number, number, number, number] = [20, 20, 20, 255];
const PER_CLASS = 12;

/** Dark ink on white, as a phone photo of a drawing would be: bars and boxes of varied sizes. */
function writeImages(root: string): void {
  mkdirSync(join(root, 'shapes', 'bars'), { recursive: true });
  mkdirSync(join(root, 'shapes', 'boxes'), { recursive: true });
  for (let i = 0; i < PER_CLASS; i++) {
    const bar = encodePng(48, 40, (x) => (Math.abs(x - (12 + 2 * i)) < 3 ? INK : WHITE));
    writeFileSync(join(root, 'shapes', 'bars', `bar-${i}.png`), bar);
    const r = 6 + i;
    const box = encodePng(40 + i, 40, (x, y) => {
      const [dx, dy] = [Math.abs(x - 20), Math.abs(y - 20)];
      return Math.max(dx, dy) <= r && Math.max(dx, dy) >= r - 2 ? INK : WHITE;
    });
    writeFileSync(join(root, 'shapes', 'boxes', `box-${i}.png`), box);
  }
  const good = encodePng(30, 30, (x) => (x === 15 ? INK : WHITE));
  writeFileSync(join(root, 'shapes', 'boxes', 'broken.png'), good.subarray(0, good.length - 25));
  writeFileSync(join(root, 'shapes', 'notes.txt'), 'these are my shapes');
}

/** Nothing usable: empty, text posing as an image, truncated, a zip that is not one, and a header claiming 40,000 × 40,000 pixels. */
function writeHostile(root: string): void {
  const dir = join(root, 'hostile');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'empty.png'), new Uint8Array(0));
  writeFileSync(join(dir, 'fake.png'), '<script>alert(1)</script> not an image');
  const png = encodePng(20, 20, () => INK);
  writeFileSync(join(dir, 'cut.png'), png.subarray(0, 40));
  writeFileSync(join(dir, 'archive.zip'), 'PK this is no zip at all, just text pretending');
  const huge = png.slice();
  new DataView(huge.buffer).setUint32(16, 40_000);
  new DataView(huge.buffer).setUint32(20, 40_000);
  writeFileSync(join(dir, 'huge.png'), huge);
}

const panel = (p: Page) => p.getByRole('group', { name: 'Your images' });
const openPanel = async (p: Page) => {
  if (!(await panel(p).isVisible())) await p.getByRole('button', { name: 'Your images' }).click();
  await expect(panel(p)).toBeVisible();
};

test.setTimeout(300_000);

test('an uploaded folder of generated PNGs trains; broken and hostile files are listed and skipped', async ({ page }) => {
  const root = mkdtempSync(join(tmpdir(), 'vae-upload-'));
  writeImages(root);
  writeHostile(root);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => void d.dismiss());

  await page.goto('./?seed=2');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });

  // A folder of nothing usable: every file listed with its reason, nothing to train on, the model untouched.
  await openPanel(page);
  await panel(page).getByLabel('Choose a folder of images').setInputFiles(join(root, 'hostile'));
  await expect(panel(page).getByRole('status')).toHaveText(/At least 2 usable images are needed; 0 found/, { timeout: 60_000 });
  const skipped = panel(page).locator('.upload-skipped li');
  await expect(skipped).toHaveCount(5);
  for (const [name, reason] of [
    ['empty.png', 'empty file'],
    ['fake.png', 'not a PNG or JPEG image'],
    ['cut.png', 'truncated'],
    ['archive.zip', 'not a readable zip file'],
    ['huge.png', 'too many pixels to decode safely (40000 × 40000)'],
  ]) {
    await expect(skipped.filter({ hasText: name })).toContainText(reason);
  }
  await expect(panel(page).getByRole('button', { name: 'Train on these' })).toBeDisabled();
  // The file names are text, never markup.
  expect(await page.locator('.upload-skipped script').count()).toBe(0);
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('mnist');

  // The real folder: converted with a progress bar, previewed, split, and the bad files named.
  await panel(page).getByLabel('Choose a folder of images').setInputFiles(join(root, 'shapes'));
  await expect(panel(page).getByRole('status')).toHaveText('24 images in 2 classes (bars, boxes): 20 to train on, 4 to test.', { timeout: 60_000 });
  await expect(panel(page).getByText(/24 had a light background and were inverted/)).toBeVisible();
  const preview = panel(page).getByRole('img', { name: 'Preview of the converted images' });
  await expect(preview).toBeVisible();
  expect((await canvasStats(preview)).inked).toBe(24 * 28 * 28);
  await expect(skipped).toHaveCount(2);
  await expect(skipped.filter({ hasText: 'broken.png' })).toContainText('truncated');
  await expect(skipped.filter({ hasText: 'notes.txt' })).toContainText('not a PNG or JPEG image');

  await panel(page).getByRole('button', { name: 'Train on these' }).click();
  await expect(panel(page)).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue('custom');
  await expect(page.getByRole('option', { name: 'Your images: shapes' })).toBeAttached();
  await expect(page.getByText(/Training on your images “shapes”/)).toBeVisible();

  // It trains: the step count grows, and the map shows the 4 test images' codes in the two classes.
  await expect.poll(() => statusStep(page), { timeout: 120_000, intervals: [1_000] }).toBeGreaterThan(20);
  const first = await statusStep(page);
  await expect.poll(() => statusStep(page), { timeout: 60_000, intervals: [1_000] }).toBeGreaterThan(first);
  await expect(page.getByText(/μ of 4 test images/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'bars' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'boxes' })).toBeVisible();
  await expect.poll(async () => (await canvasStats(page.getByTestId('latent-points'))).inked, { timeout: 60_000 }).toBeGreaterThan(20);
  // Nothing of the user's reaches the link.
  expect(new URL(page.url()).searchParams.get('data')).toBeNull();
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});
