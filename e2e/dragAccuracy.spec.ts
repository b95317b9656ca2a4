// Dragging the latent point lands where the axes say (issue 20): a pointer drag to a known
// screen point gives the z that point stands for on the map's own tick labels, and the decoded
// image is the decoder's image of that z — the same as the keyboard gives for that z exactly,
// and unlike the images 1.5 units away. In the single map and in both of Compare's maps (one
// z, two decoders, two scales). The shipped pretrained models: no training needed.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { axisScales, handleCentre, keyTo, meanAbsDiff, readoutZ, settledGrey, settledScales } from './latentMap';
import { collectErrors, waitReady } from './pageActions';

/** A side of the page with one map: its map region, ◎, z readout and the decoded images that follow ◎. */
interface MapSide {
  map: Locator;
  handle: Locator;
  readout: Locator;
  images: Locator[];
}

const half = (v: number) => Math.round(v * 2) / 2;

/** Where to drag: a z of the half-unit grid, or the grid point nearest a fraction of the map's width and height. */
type Target = { z: [number, number] } | { fx: number; fy: number };

/**
 * Drags ◎ (grabbed at its centre) to the screen point of the target z, as the axes place it;
 * returns that z and the tolerance of one screen pixel in z.
 */
async function dragToGridPoint(page: Page, side: MapSide, target: Target): Promise<{ z: [number, number]; tol: number }> {
  const box = await side.map.locator('svg.lx-interact').boundingBox();
  if (!box) throw new Error('no map');
  for (let attempt = 0; attempt < 3; attempt++) {
    const s = await settledScales(side.map);
    const z: [number, number] = 'z' in target ? target.z : [half(s.x.z(box.x + target.fx * box.width)), half(s.y.z(box.y + target.fy * box.height))];
    expect(s.x.px(z[0]), 'the target is on the map').toBeGreaterThan(box.x);
    expect(s.x.px(z[0])).toBeLessThan(box.x + box.width);
    expect(s.y.px(z[1])).toBeGreaterThan(box.y);
    expect(s.y.px(z[1])).toBeLessThan(box.y + box.height);
    const to = { x: s.x.px(z[0]), y: s.y.px(z[1]) };
    const from = await handleCentre(side.handle);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    const after = await axisScales(side.map);
    // The view did not move under the drag: the target is where the axes said.
    if (Math.abs(after.x.px(z[0]) - to.x) < 0.5 && Math.abs(after.y.px(z[1]) - to.y) < 0.5) {
      const perPx = Math.max(Math.abs(s.x.z(1) - s.x.z(0)), Math.abs(s.y.z(1) - s.y.z(0)));
      // The readout prints two decimals (±0.005); the pointer lands within a pixel.
      return { z, tol: 0.006 + 1.01 * perPx };
    }
  }
  throw new Error('the map kept moving under the drag');
}

/** Neighbours of the target for the image check: far enough for an AE's decoder (its codes spread wider) to draw something else. */
const NEIGHBOUR = 1.5;

/** The drag gave the point's z, and each decoded image is that z's (nearer it than to points 1.5 away). */
async function expectDragDecodes(page: Page, dragged: MapSide, all: MapSide[], target: Target): Promise<void> {
  const { z, tol } = await dragToGridPoint(page, dragged, target);
  for (const side of all) {
    await expect
      .poll(async () => {
        const [a, b] = await readoutZ(side.readout);
        return Math.max(Math.abs(a - z[0]), Math.abs(b - z[1]));
      }, { message: `readout near z = (${z.join(', ')}) within ${tol.toFixed(3)}` })
      .toBeLessThanOrEqual(tol);
  }
  const images = all.flatMap((s) => s.images);
  const dragImages = [];
  for (const img of images) dragImages.push(await settledGrey(img));

  const reference = async (at: [number, number]) => {
    await keyTo(dragged.handle, dragged.readout, at);
    const out = [];
    for (const img of images) out.push(await settledGrey(img));
    return out;
  };
  const exact = await reference(z);
  const right = await reference([z[0] + NEIGHBOUR, z[1]]);
  const up = await reference([z[0], z[1] + NEIGHBOUR]);
  dragImages.forEach((d, i) => {
    const near = meanAbsDiff(d, exact[i]);
    const farthest = Math.min(meanAbsDiff(d, right[i]), meanAbsDiff(d, up[i]));
    // The neighbours differ visibly from the dragged image; the keyboard's image of z hardly does.
    expect(farthest, `image ${i}: points ${NEIGHBOUR} away decode differently`).toBeGreaterThan(2);
    expect(near, `image ${i}: the dragged image is z's`).toBeLessThan(farthest / 3);
  });
}

test.describe('dragging the latent point lands on the z the axes show', () => {
  test.setTimeout(300_000);

  test('in the single map', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./?backend=wasm');
    await waitReady(page);
    const map = page.getByRole('region', { name: 'Latent space', exact: true });
    await expect(page.getByTestId('latent-points')).toBeVisible();
    const side: MapSide = {
      map,
      handle: page.getByRole('slider', { name: 'Latent point' }),
      readout: page.getByTestId('latent-coords'),
      images: [page.getByRole('img', { name: 'Decoded image', exact: true })],
    };
    // Two targets in different quarters of the map: a wrong scale or offset misses at least one.
    await expectDragDecodes(page, side, [side], { fx: 0.3, fy: 0.65 });
    await expectDragDecodes(page, side, [side], { fx: 0.7, fy: 0.3 });
    expect(errors).toEqual([]);
  });

  test('in both Compare maps, each with its own scale', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./?backend=wasm');
    await waitReady(page);
    await page.getByRole('radio', { name: 'Compare', exact: true }).click();
    await expect(page.getByTestId('compare-step-ae')).toHaveText(/step \d/, { timeout: 60_000 });
    const side = (model: 'vae' | 'ae', label: string): MapSide => {
      const region = page.getByRole('region', { name: `${label} latent space`, exact: true });
      return {
        map: region.getByRole('region', { name: 'Latent space', exact: true }),
        handle: region.getByRole('slider', { name: 'Latent point' }),
        readout: region.getByTestId('latent-coords'),
        images: [page.getByTestId(`decoded-${model}`)],
      };
    };
    const vae = side('vae', 'VAE');
    const ae = side('ae', 'AE');
    await expect(vae.map.getByTestId('latent-points')).toBeVisible();
    await expect(ae.map.getByTestId('latent-points')).toBeVisible();
    // The two maps draw different extents (an AE's codes spread further), so one z is at different pixels.
    const [sv, sa] = [await settledScales(vae.map), await settledScales(ae.map)];
    expect(Math.abs(sv.x.px(1) - sv.x.px(0))).not.toBeCloseTo(Math.abs(sa.x.px(1) - sa.x.px(0)), 0);
    await expectDragDecodes(page, vae, [vae, ae], { fx: 0.3, fy: 0.65 });
    // In the AE's map, a z where the VAE's decoder still draws a digit (the AE's map reaches far beyond its prior).
    await expectDragDecodes(page, ae, [vae, ae], { z: [1.5, -1.5] });
    expect(errors).toEqual([]);
  });
});
