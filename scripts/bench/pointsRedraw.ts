// How long one redraw of the latent map's test points takes: zooming with the wheel redraws
// them, and the map records each redraw's duration (window.__vaePointsDrawMs, latency.ts).

import { summarize, type Summary } from './stats';
import { sleep, type ProbePage } from './probePage';

const WHEEL_EVENTS = 20;

export interface RedrawResult {
  /** Points in the snapshot on the map when measured. */
  points: number | null;
  /** One redraw of the points canvas, ms. */
  redrawMs: Summary;
}

export async function pointsRedraw(probe: ProbePage): Promise<RedrawResult> {
  const { page } = probe;
  const box = await page.getByRole('region', { name: 'Latent space' }).boundingBox();
  if (!box) throw new Error('the Latent space map is not visible');
  const points = (await probe.sync()).filter((m) => m.type === 'latent').at(-1)?.count ?? null;
  await page.evaluate(() => {
    window.__vaePointsDrawMs = [];
  });
  // Off-centre, so the pointer is not on the latent point handle.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  for (let i = 0; i < WHEEL_EVENTS; i++) {
    await page.mouse.wheel(0, i % 2 === 0 ? -120 : 120);
    await sleep(80);
  }
  const times = await page.evaluate(() => window.__vaePointsDrawMs ?? []);
  return { points, redrawMs: summarize(times, 2) };
}
