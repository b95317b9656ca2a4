// "Your images" with real JPEG files: Chromium's own encoder (canvas → image/jpeg) makes them,
// a zip carries them beside PNGs, and the import decodes them to the same pictures as the
// lossless PNGs of the same drawings (within JPEG's loss); a truncated JPEG is named and skipped.
import { expect, test, type Page } from '@playwright/test';
import { encodePng, encodeZip, type ZipInput } from '../src/data/imageImport/testFixtures';

const READY_MS = 120_000;
const PER_CLASS = 8;
const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const INK: [number, number, number, number] = [20, 20, 20, 255];

/** Dot i: a filled disc of radius 5 + i/2 at a moving centre, ink on white, 40 × 40. */
const dot = (i: number) => (x: number, y: number) => ((x - 12 - 2 * i) ** 2 + (y - 20) ** 2 <= (5 + i / 2) ** 2 ? INK : WHITE);
const bar = (i: number) => (x: number) => (Math.abs(x - (10 + 2 * i)) < 3 ? INK : WHITE);

/** The dots as real JPEG files, encoded by the browser (quality 0.95). */
async function jpegDots(page: Page): Promise<Uint8Array[]> {
  const files = await page.evaluate(async (n) => {
    const out: number[][] = [];
    for (let i = 0; i < n; i++) {
      const canvas = new OffscreenCanvas(40, 40);
      const ctx = canvas.getContext('2d')!;
      const img = ctx.createImageData(40, 40);
      for (let y = 0; y < 40; y++) {
        for (let x = 0; x < 40; x++) {
          const ink = (x - 12 - 2 * i) ** 2 + (y - 20) ** 2 <= (5 + i / 2) ** 2;
          img.data.set(ink ? [20, 20, 20, 255] : [255, 255, 255, 255], (y * 40 + x) * 4);
        }
      }
      ctx.putImageData(img, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      out.push([...new Uint8Array(await blob.arrayBuffer())]);
    }
    return out;
  }, PER_CLASS);
  return files.map((f) => Uint8Array.from(f));
}

const panel = (p: Page) => p.getByRole('group', { name: 'Your images' });
const preview = (p: Page) => panel(p).getByRole('img', { name: 'Preview of the converted images' });

async function upload(p: Page, name: string, files: ZipInput[]): Promise<number[]> {
  if (!(await panel(p).isVisible())) await p.getByRole('button', { name: 'Your images' }).click();
  await panel(p).getByLabel('Choose image files or a zip').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(encodeZip(files)) });
  await expect(panel(p).getByRole('status')).toContainText(`${2 * PER_CLASS} images in 2 classes (bars, dots)`, { timeout: 60_000 });
  await expect(preview(p)).toBeVisible();
  return preview(p).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    return [...c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data];
  });
}

test.setTimeout(180_000);

test('real JPEGs in a zip decode to the pictures their PNG twins give; a truncated JPEG is skipped', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?seed=2');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });

  const bars: ZipInput[] = Array.from({ length: PER_CLASS }, (_, i) => ({ name: `bars/bar-${i}.png`, data: encodePng(40, 40, bar(i)) }));
  const pngs = await upload(page, 'png.zip', [...bars, ...Array.from({ length: PER_CLASS }, (_, i) => ({ name: `dots/dot-${i}.png`, data: encodePng(40, 40, dot(i)) }))]);
  const jpegs = await jpegDots(page);
  // Real JPEGs: SOI marker, JFIF or Exif segment, EOI at the end.
  for (const j of jpegs) expect([j[0], j[1], j[j.length - 2], j[j.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  const truncated: ZipInput = { name: 'dots/cut.jpg', data: jpegs[0].subarray(0, 300) };
  const mixed = await upload(page, 'jpeg.zip', [...bars, ...jpegs.map((data, i) => ({ name: `dots/dot-${i}.jpg`, data })), truncated]);

  // Same preview layout; the JPEG dots differ from the PNG ones only by the codec's loss.
  expect(mixed.length).toBe(pngs.length);
  let sum = 0;
  let differing = 0;
  for (let i = 0; i < pngs.length; i += 4) {
    const d = Math.abs(mixed[i] - pngs[i]);
    sum += d;
    if (d > 0) differing++;
  }
  const meanDiff = sum / (pngs.length / 4);
  expect(differing, 'the JPEGs were decoded, not replaced by the PNGs').toBeGreaterThan(0);
  expect(meanDiff, 'mean grey-level difference from the PNG twins').toBeLessThan(4);
  const skipped = panel(page).locator('.upload-skipped li');
  await expect(skipped).toHaveCount(1);
  await expect(skipped.filter({ hasText: 'cut.jpg' })).toBeVisible();
  expect(errors).toEqual([]);
});
