// What a class sees the app do (issue 13; Compare's fairness is in classroomCompare.spec.ts):
// the pipeline goes on to x̂ for the hovered image (its reconstruction, its posterior ellipse big
// enough to see with samples flickering inside),
// Reset asks before it throws training away, and the explorer's tabs and the class legend
// work from the keyboard.
import { expect, test, type Locator } from '@playwright/test';
import { answerDialogs, collectErrors, nextFrames, READY_MS, transitionsDone, waitReady } from './pageActions';
import { canvasHash, statusStep } from './pageReaders';

/** A spot on the points canvas with a test point under it (page coordinates), searched from the middle out, clear of the latent point at the origin. */
async function pointSpot(points: Locator): Promise<[number, number]> {
  const box = await points.boundingBox();
  if (!box) throw new Error('no map');
  const hit = await points.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return null;
    const dpr = c.width / c.clientWidth;
    const cx = c.width / 2;
    const cy = c.height / 2;
    for (let r = 30 * dpr; r < Math.max(cx, cy); r += 3) {
      for (let a = 0; a < 24; a++) {
        const x = Math.round(cx + r * Math.cos((a * Math.PI) / 12));
        const y = Math.round(cy + r * Math.sin((a * Math.PI) / 12));
        if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
        if (data[(y * c.width + x) * 4 + 3] > 200) return [x / dpr, y / dpr];
      }
    }
    return null;
  });
  if (!hit) throw new Error('no point to hover');
  return [box.x + hit[0], box.y + hit[1]];
}

test.describe('the classroom: the whole pipeline, safe Reset, keyboard', () => {
  test.setTimeout(300_000);

  test('hovering a test point decodes that point: the Decoded image becomes its reconstruction, its ellipse visible with samples inside', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./');
    await waitReady(page);
    // The training worker's own copy of the weights has replaced the first paint's.
    await expect.poll(() => page.evaluate(() => window.__vaeDebug?.snapshotStep() ?? null), { timeout: 60_000 }).toBe(2345);
    const decoded = page.getByRole('img', { name: 'Decoded image', exact: true });
    const points = page.getByTestId('latent-points');
    await expect.poll(async () => (await points.boundingBox())?.width ?? 0).toBeGreaterThan(100);
    // The draggable point at the origin first: its decoding is what the panel shows.
    const handle = page.getByRole('slider', { name: 'Latent point' });
    await handle.focus();
    // The coordinates follow the painted image: away and back, so the origin's decoding is on the canvas.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('latent-coords')).toHaveText(/0\.05, 0\.00/);
    await page.keyboard.press('Home');
    await expect(page.getByTestId('latent-coords')).toHaveText(/0\.00, 0\.00/);
    const pointImage = await canvasHash(decoded);

    const [x, y] = await pointSpot(points);
    await page.mouse.move(x, y);
    const caption = page.getByText(/ · test #\d+$/).first();
    await expect(caption).toBeVisible();
    const index = Number(/#(\d+)/.exec((await caption.textContent()) ?? '')?.[1]);
    await expect(page.getByTestId('decoded-focus')).toHaveText(new RegExp(`^reconstruction of #${index} \\(.+\\)$`));
    await expect.poll(() => canvasHash(decoded)).not.toBe(pointImage);
    const hoveredImage = await canvasHash(decoded);

    // The same picture as decoding that image's μ directly: move the point to its μ by clicking it.
    const ellipse = page.getByTestId('posterior').locator('ellipse');
    await expect(ellipse).toHaveCount(1);
    const rx = Number(await ellipse.getAttribute('rx'));
    const ry = Number(await ellipse.getAttribute('ry'));
    // Visible: at least 18 px across its larger radius, whatever σ is; the factor is written when magnified.
    expect(Math.max(rx, ry)).toBeGreaterThanOrEqual(18);
    const k = Number(await page.getByTestId('posterior').getAttribute('data-magnification'));
    if (k > 1) await expect(page.getByTestId('posterior')).toContainText(`σ ×${k}`);
    // Samples z = μ + σ·ε flicker: their positions change while the pointer rests.
    const samples = page.locator('.lx-posterior-sample');
    await expect(samples).toHaveCount(12);
    const before = await samples.evaluateAll((els) => els.map((e) => `${e.getAttribute('cx')},${e.getAttribute('cy')}`).join(' '));
    await expect.poll(() => samples.evaluateAll((els) => els.map((e) => `${e.getAttribute('cx')},${e.getAttribute('cy')}`).join(' '))).not.toBe(before);

    // Leaving the point brings back the draggable point's decoding.
    const box = (await points.boundingBox())!;
    await page.mouse.move(box.x + box.width + 40, box.y - 40);
    await expect(page.getByTestId('decoded-focus')).toHaveCount(0);
    await expect.poll(() => canvasHash(decoded)).toBe(pointImage);

    // Clicking the image moves the point to its μ: the point's decoding is then that reconstruction.
    await page.mouse.click(x, y);
    await page.mouse.move(box.x + box.width + 40, box.y - 40);
    await expect(page.getByTestId('latent-coords')).not.toHaveText(/= \(0\.00, 0\.00\)/);
    await expect.poll(() => canvasHash(decoded)).toBe(hoveredImage);
    expect(errors).toEqual([]);
  });

  test('Reset with training steps asks first: cancelling keeps the step, confirming resets to 0; at step 0 it asks nothing', async ({ page }) => {
    const errors = collectErrors(page);
    const { asked, dialogs } = answerDialogs(page);
    await page.goto('./');
    await waitReady(page);
    expect(await statusStep(page)).toBe(2345);
    const reset = page.getByRole('button', { name: 'Reset', exact: true });

    await reset.click();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('2,345 training steps');
    // Declined: the model and its step stay (a reset would show step 0 in the next rendered frame).
    await nextFrames(page);
    expect(await statusStep(page)).toBe(2345);

    dialogs.accept = true;
    await reset.click();
    expect(asked).toHaveLength(2);
    await expect.poll(() => statusStep(page), { timeout: 60_000 }).toBe(0);

    // Nothing to lose: no question.
    await reset.click();
    expect(asked).toHaveLength(2);
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
    expect(await statusStep(page)).toBe(0);
    expect(errors).toEqual([]);
  });
  test('keyboard and contrast: the tabs move with ↑/↓ and Home/End, the legend is one tab stop, the Hyperparameters toggle shows focus, dark Pause looks enabled', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./');
    await waitReady(page);

    // The explorer's tabs: a tablist moved with the arrows, ↑/↓ included.
    const tab = (name: string) => page.getByRole('tab', { name, exact: true });
    await tab('Decode').focus();
    await page.keyboard.press('ArrowDown');
    await expect(tab('Interpolate')).toBeFocused();
    await expect(tab('Interpolate')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(tab('Prior samples')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(tab('Interpolate')).toBeFocused();
    await page.keyboard.press('End');
    await expect(tab('Traversal')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Home');
    await expect(tab('Decode')).toBeFocused();
    await expect(tab('Decode')).toHaveAttribute('aria-selected', 'true');

    // The legend: ten buttons, one tab stop; the arrows move inside, wrapping; Tab leaves.
    const legend = page.getByRole('group', { name: 'Classes' });
    const items = legend.getByRole('button');
    await expect(items).toHaveCount(10);
    await expect(legend.locator('button[tabindex="0"]')).toHaveCount(1);
    await items.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(legend.getByRole('button', { name: '1', exact: true })).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(legend.getByRole('button', { name: '9', exact: true })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(legend.getByRole('button', { name: '0', exact: true })).toBeFocused();
    await page.keyboard.press('End');
    await expect(legend.getByRole('button', { name: '9', exact: true })).toBeFocused();
    await expect(legend.locator('button[tabindex="0"]')).toHaveCount(1);
    await expect(legend.getByRole('button', { name: '9', exact: true })).toHaveAttribute('tabindex', '0');
    // Enter still presses the focused class.
    await page.keyboard.press('Enter');
    await expect(legend.getByRole('button', { name: '9', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('lx-legend-item') ?? false)).toBe(false);

    // The Hyperparameters toggle, reached by keyboard, draws a visible focus ring.
    const toggle = page.getByRole('button', { name: 'Hyperparameters' });
    await toggle.focus();
    const ring = await toggle.evaluate((el) => {
      const s = getComputedStyle(el);
      return { focusVisible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.focusVisible).toBe(true);
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);

    // Dark theme: Pause keeps full opacity, legible text and a border that stands out (WCAG: 3:1 for controls).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    await expect(pause).toBeVisible();
    const lookOf = () =>
      pause.evaluate((el) => {
        const rgb = (css: string): number[] => {
          const c = document.createElement('canvas');
          c.width = c.height = 1;
          const x = c.getContext('2d')!;
          x.fillStyle = '#000';
          x.fillStyle = css;
          x.fillRect(0, 0, 1, 1);
          return [...x.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        };
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const ratio = (a: number[], b: number[]) => {
          const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p);
          return (hi + 0.05) / (lo + 0.05);
        };
        let under: Element | null = el.parentElement;
        while (under && getComputedStyle(under).backgroundColor.replace(/\s/g, '').match(/rgba\(0,0,0,0\)|transparent/)) under = under.parentElement;
        const page = rgb(getComputedStyle(under ?? document.body).backgroundColor);
        const s = getComputedStyle(el);
        return { opacity: Number(s.opacity), text: ratio(rgb(s.color), rgb(s.backgroundColor)), border: ratio(rgb(s.borderTopColor), page) };
      });
    // Under the pointer (the state right after a click), and resting; after the colour transition.
    await transitionsDone(pause);
    const hovered = await lookOf();
    await page.mouse.move(0, 0);
    await transitionsDone(pause);
    const resting = await lookOf();
    await pause.click();
    for (const look of [resting, hovered]) {
      expect(look.opacity).toBe(1);
      expect(look.text).toBeGreaterThanOrEqual(4.5);
      expect(look.border).toBeGreaterThanOrEqual(3);
    }
    expect(errors).toEqual([]);
  });
});
