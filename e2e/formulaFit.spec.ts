// A live formula with long numbers (σ_x = 2.00, a four-digit constant) in the explanation
// drawer at a projector's 1366×768: it shrinks to fit its box, or scrolls inside it; never cut.
import { expect, test } from '@playwright/test';
import { openIdeaOnAPoint } from './latentMap';

for (const lang of ['en', 'ja'] as const) {
  test(`the live Gaussian formula fits the drawer (${lang})`, async ({ page }) => {
    test.setTimeout(150_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`./?lik=gaussian&sigma=2${lang === 'ja' ? '&lang=ja' : ''}`);
    await expect(page.getByTestId('latent-points')).toBeVisible({ timeout: 120_000 });
    // By its section, not its name: the name is in the page's language.
    await openIdeaOnAPoint(page, page.locator('button[data-section=likelihood]').first());
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
