// A student uploads a zip of images (the import worker unpacks it with fflate): a plain zip and
// a Zip64 one give the same dataset, and a "zip bomb" entry, whose directory understates its
// size, and a corrupted entry are named and skipped while the rest are used.
import { expect, test, type Page } from '@playwright/test';
import { encodePng, encodeZip, encodeZip64, type ZipInput } from '../src/data/imageImport/testFixtures';

const READY_MS = 120_000;
const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const INK: [number, number, number, number] = [20, 20, 20, 255];
const PER_CLASS = 8;

/** Vertical bars and hollow boxes, dark on white, in two class folders. */
function shapes(): ZipInput[] {
  const files: ZipInput[] = [];
  for (let i = 0; i < PER_CLASS; i++) {
    files.push({ name: `bars/bar-${i}.png`, data: encodePng(40, 40, (x) => (Math.abs(x - (10 + 2 * i)) < 3 ? INK : WHITE)) });
    const r = 6 + i;
    files.push({
      name: `boxes/box-${i}.png`,
      data: encodePng(40, 40, (x, y) => (Math.max(Math.abs(x - 20), Math.abs(y - 20)) <= r && Math.max(Math.abs(x - 20), Math.abs(y - 20)) >= r - 2 ? INK : WHITE)),
    });
  }
  return files;
}

const panel = (p: Page) => p.getByRole('group', { name: 'Your images' });

async function upload(p: Page, name: string, zip: Uint8Array): Promise<void> {
  if (!(await panel(p).isVisible())) await p.getByRole('button', { name: 'Your images' }).click();
  await panel(p).getByLabel('Choose image files or a zip').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
}

test.setTimeout(180_000);

test('a zip and a Zip64 zip of PNGs give the same dataset; a zip bomb and a corrupted entry are skipped', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?seed=2');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });

  const expected = `${2 * PER_CLASS} images in 2 classes (bars, boxes)`;
  const preview = () => panel(page).getByRole('img', { name: 'Preview of the converted images' });
  await upload(page, 'shapes.zip', encodeZip(shapes()));
  await expect(panel(page).getByRole('status')).toContainText(expected, { timeout: 60_000 });
  await expect(preview()).toBeVisible();
  const plain = await preview().evaluate((c) => (c as HTMLCanvasElement).toDataURL());

  await upload(page, 'shapes64.zip', encodeZip64(shapes()));
  await expect(panel(page).getByRole('status')).toContainText(expected, { timeout: 60_000 });
  expect(await preview().evaluate((c) => (c as HTMLCanvasElement).toDataURL())).toBe(plain);

  // 64 MB of zeros packed into ~64 kB whose directory claims 2 kB, and an entry with a flipped byte.
  const bomb: ZipInput = { name: 'boxes/bomb.png', data: new Uint8Array(64 << 20), declaredSize: 2048 };
  const good = encodePng(40, 40, (x) => (x === 20 ? INK : WHITE));
  const zip = encodeZip([...shapes(), bomb, { name: 'bars/flipped.png', data: good, method: 0 }]);
  const at = Buffer.from(zip).indexOf(Buffer.from('bars/flipped.png')) + 'bars/flipped.png'.length + 60;
  zip[at] ^= 0xff;
  await upload(page, 'mixed.zip', zip);
  await expect(panel(page).getByRole('status')).toContainText(expected, { timeout: 60_000 });
  const skipped = panel(page).locator('.upload-skipped li');
  await expect(skipped).toHaveCount(2);
  await expect(skipped.filter({ hasText: 'bomb.png' })).toContainText('corrupted');
  await expect(skipped.filter({ hasText: 'flipped.png' })).toContainText('corrupted');
  expect(errors).toEqual([]);
});
