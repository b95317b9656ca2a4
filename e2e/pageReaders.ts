// Readers of what the page shows, shared by the end-to-end specs.

import type { Locator, Page } from '@playwright/test';

/** The step number in the status text (`step 1,234 · …`), or −1 when there is none. */
export async function statusStep(p: Page): Promise<number> {
  const text = (await p.getByTestId('status').textContent()) ?? '';
  const m = /step ([\d,]+)/.exec(text);
  return m ? Number(m[1].replaceAll(',', '')) : -1;
}

/** Non-transparent pixels of a canvas, and how many 15°-wide hue bins hold more than 20 saturated ones. */
export function canvasStats(canvas: Locator): Promise<{ inked: number; hues: number }> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return { inked: 0, hues: 0 };
    const bins = new Array<number>(24).fill(0);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      inked++;
      const [r, g, b] = [data[i] / 255, data[i + 1] / 255, data[i + 2] / 255];
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      if (data[i + 3] < 100 || max - min < 0.2) continue;
      const d = max - min;
      const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      bins[Math.floor(h * 4) % 24]++;
    }
    return { inked, hues: bins.filter((n) => n > 20).length };
  });
}

/** A hash of a canvas's pixels, to tell whether it was repainted with something else. */
export function canvasHash(canvas: Locator): Promise<string> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let h = 2166136261;
    for (const v of data) h = Math.imul(h ^ v, 16777619);
    return `${data.length}:${h >>> 0}`;
  });
}

/** The decoded image's note naming the weights it was decoded with, for exactly that step. */
export function weightsNote(p: Page, step: number): Locator {
  return p.getByText(new RegExp(`weights of step ${step.toLocaleString('en-US')}$`));
}

/** The number in a `· step 1,234` text. */
export async function stepIn(el: Locator): Promise<number> {
  const m = /step ([\d,]+)/.exec((await el.textContent()) ?? '');
  return m ? Number(m[1].replaceAll(',', '')) : -1;
}
