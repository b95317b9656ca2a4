// A live formula with long numbers (σ_x = 2.00, a four-digit constant) in the explanation
// drawer at a projector's 1366×768: it shrinks to fit its box, or scrolls inside it; never cut.
import { expect, test, type Page } from '@playwright/test';

/** A drawn test point on the latent map nearest its middle, as fractions of its size. */
function findPoint(p: Page): Promise<{ x: number; y: number } | null> {
  return p.getByTestId('latent-points').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return null;
    let best: { x: number; y: number } | null = null;
    let bestD = Infinity;
    for (let y = 0; y < c.height; y += 2) {
      for (let x = 0; x < c.width; x += 2) {
        if (data[(y * c.width + x) * 4 + 3] < 200) continue;
        const d = (x - c.width / 2) ** 2 + (y - c.height / 2) ** 2;
        if (d < bestD) (bestD = d), (best = { x: x / c.width, y: y / c.height });
      }
    }
    return best;
  });
}

for (const lang of ['en', 'ja'] as const) {
  test(`the live Gaussian formula fits the drawer (${lang})`, async ({ page }) => {
    test.setTimeout(150_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`./?lik=gaussian&sigma=2${lang === 'ja' ? '&lang=ja' : ''}`);
    await expect(page.getByTestId('latent-points')).toBeVisible({ timeout: 120_000 });
    await page.locator('button[data-section=likelihood]').first().click();
    let hit: { x: number; y: number } | null = null;
    await expect.poll(async () => (hit = await findPoint(page)) !== null, { timeout: 30_000 }).toBe(true);
    const box = await page.getByTestId('latent-points').boundingBox();
    if (!box || !hit) throw new Error('no latent map');
    const { x, y } = hit;
    await page.mouse.move(box.x + x * box.width, box.y + y * box.height);
    const live = page.locator('.xp-worked .xp-math-box');
    await expect(live).toHaveCount(1, { timeout: 30_000 });
    await expect(live).toContainText('2.00');
    // Every displayed formula: its box holds all of it (shrunk if need be), and the box stays inside the drawer.
    const boxes = await page.locator('.xp-drawer .xp-math-box').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        const body = e.closest('.xp-body')!.getBoundingClientRect();
        return { sw: e.scrollWidth, cw: e.clientWidth, inside: r.left >= body.left - 0.5 && r.right <= body.right + 0.5 };
      }),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    for (const b of boxes) {
      expect(b.inside).toBe(true);
      expect(b.sw).toBeLessThanOrEqual(b.cw + 1);
    }
    expect(errors).toEqual([]);
  });
}
