// The latent map as the end-to-end specs read and use it: where its drawn points are, which z a
// screen point stands for (read from the axes' tick labels, as a student reads them), where the
// latent point ◎ is, and the decoded image's pixels.

import { expect, type Locator, type Page } from '@playwright/test';

/** Where a drawn test point is on the map's points canvas (fractions of its size), nearest the middle. */
export function findPoint(points: Locator): Promise<{ x: number; y: number } | null> {
  return points.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return null;
    // Points near the middle are clear of the legend and the zoom buttons.
    let best: { x: number; y: number } | null = null;
    let bestD = Infinity;
    for (let y = 0; y < c.height; y += 2) {
      for (let x = 0; x < c.width; x += 2) {
        if (data[(y * c.width + x) * 4 + 3] < 200) continue;
        const d = (x - c.width / 2) ** 2 + (y - c.height / 2) ** 2;
        if (d < bestD) {
          bestD = d;
          best = { x: x / c.width, y: y / c.height };
        }
      }
    }
    return best;
  });
}

/** Moves the pointer onto a drawn test point (waiting for the map to paint its points). */
export async function hoverAPoint(p: Page, timeout = 30_000): Promise<void> {
  const points = p.getByTestId('latent-points').first();
  let hit: { x: number; y: number } | null = null;
  await expect.poll(async () => (hit = await findPoint(points)) !== null, { timeout }).toBe(true);
  const box = await points.boundingBox();
  if (!box || !hit) throw new Error('no latent map');
  const { x, y } = hit;
  await p.mouse.move(box.x + x * box.width, box.y + y * box.height);
}

/** Opens the explanation drawer with an (i) button, then hovers a test point so its formulas carry numbers. */
export async function openIdeaOnAPoint(p: Page, opener: Locator): Promise<Locator> {
  await opener.click();
  const drawer = p.locator('aside.xp-drawer');
  await expect(drawer).toBeVisible();
  await hoverAPoint(p);
  return drawer;
}

/** A linear map between screen pixels (page coordinates) and z along one axis. */
export interface AxisScale {
  /** z at page coordinate `px`. */
  z(px: number): number;
  /** Page coordinate of `z`. */
  px(z: number): number;
}

/**
 * The map's two axes as d3 drew them: each tick's position and its printed value. Two ticks far
 * apart fix each axis's scale and offset; every other tick must agree with them.
 */
export async function axisScales(map: Locator): Promise<{ x: AxisScale; y: AxisScale }> {
  const ticks = await map.locator('svg.lx-interact g.lx-axis').evaluateAll((axes) =>
    axes.map((axis) =>
      [...axis.querySelectorAll('g.tick')].map((tick) => {
        const r = (tick.querySelector('line') ?? tick).getBoundingClientRect();
        const text = (tick.querySelector('text')?.textContent ?? '').replaceAll('\u2212', '-');
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, value: Number(text) };
      }),
    ),
  );
  if (ticks.length !== 2) throw new Error(`expected two axes, found ${ticks.length}`);
  const fit = (pts: Array<{ at: number; value: number }>): AxisScale => {
    const ok = pts.filter((t) => Number.isFinite(t.value));
    if (ok.length < 2) throw new Error('an axis has fewer than two labelled ticks');
    const a = ok[0];
    const b = ok[ok.length - 1];
    const perPx = (b.value - a.value) / (b.at - a.at);
    for (const t of ok) {
      const off = Math.abs(a.value + (t.at - a.at) * perPx - t.value);
      if (off > Math.abs(perPx)) throw new Error(`tick ${t.value} is off the axis's line by ${off.toFixed(3)}`);
    }
    return { z: (px) => a.value + (px - a.at) * perPx, px: (z) => a.at + (z - a.value) / perPx };
  };
  // The first axis is the horizontal one (axisTop along the bottom), the second the vertical one.
  return { x: fit(ticks[0].map((t) => ({ at: t.x, value: t.value }))), y: fit(ticks[1].map((t) => ({ at: t.y, value: t.value }))) };
}

/** The centre of the latent point ◎ on the page. */
export async function handleCentre(handle: Locator): Promise<{ x: number; y: number }> {
  const dot = handle.locator('circle.lx-handle-dot');
  const r = await dot.boundingBox();
  if (!r) throw new Error('the latent point is not drawn');
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** The two numbers of a z readout such as "z = (0.52, −1.31)". */
export async function readoutZ(readout: Locator): Promise<[number, number]> {
  const t = (await readout.textContent()) ?? '';
  const nums = t.replaceAll('\u2212', '-').match(/-?\d+\.\d+/g);
  if (!nums || nums.length < 2) throw new Error(`no coordinates in "${t}"`);
  return [Number(nums[nums.length - 2]), Number(nums[nums.length - 1])];
}

/** A canvas's red channel (the decoded images are grey), 0–255 per pixel. */
export function canvasGrey(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(data[i]);
    return out;
  });
}

/** Mean absolute difference of two equally sized grey images, 0–255. */
export function meanAbsDiff(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) throw new Error(`images of ${a.length} and ${b.length} pixels`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
}

/** Keys ◎ from Home (z = 0) to a z on the 0.05 grid (Shift+arrows move 0.5, arrows 0.05), and waits for the readout. */
export async function keyTo(handle: Locator, readout: Locator, z: [number, number]): Promise<void> {
  const page = handle.page();
  await handle.focus();
  await page.keyboard.press('Home');
  const press = async (v: number, plus: string, minus: string) => {
    const n = Math.round(Math.abs(v) / 0.05);
    const key = v > 0 ? plus : minus;
    for (let i = 0; i < Math.floor(n / 10); i++) await page.keyboard.press(`Shift+${key}`);
    for (let i = 0; i < n % 10; i++) await page.keyboard.press(key);
  };
  await press(z[0], 'ArrowRight', 'ArrowLeft');
  await press(z[1], 'ArrowUp', 'ArrowDown');
  await expect.poll(() => readoutZ(readout)).toEqual(z);
}

/** A canvas's grey image once two reads in a row agree (the decode for the current z and weights has painted). */
export async function settledGrey(canvas: Locator): Promise<number[]> {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await canvasGrey(canvas));
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return JSON.parse(last) as number[];
}

/** The axes once two reads agree (the view settles after the codes arrive). */
export async function settledScales(map: Locator): Promise<{ x: AxisScale; y: AxisScale }> {
  const probe = (s: { x: AxisScale; y: AxisScale }) => [s.x.px(0), s.x.px(1), s.y.px(0), s.y.px(1)].map((v) => v.toFixed(2)).join(' ');
  let last = '';
  await expect
    .poll(async () => {
      const now = probe(await axisScales(map));
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return axisScales(map);
}
