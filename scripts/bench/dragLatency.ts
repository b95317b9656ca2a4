// Drag-to-decode latency: the mouse drags the `Latent point` handle in small steps at about
// 60 moves per second, as a hand does; the app records, per decoded image it paints, the
// time from the pointer event to the paint (window.__vaeLatency, latency.ts).

import { summarize, type Summary } from './stats';
import { sleep, type ProbePage } from './probePage';
import type { FrameStats, LongTaskStats } from './frames';

/** Between pointer moves, ms: one display frame. */
const MOVE_INTERVAL_MS = 16;
/** How far the drag wanders from where it starts, px. */
const RADIUS_PX = 60;

export interface DragResult {
  moves: number;
  /** Pointer event → decoded image painted, ms, one sample per painted image (moves in between coalesce). */
  latencyMs: Summary;
  frames: FrameStats;
  longTasks: LongTaskStats;
}

export async function dragLatency(probe: ProbePage, moves: number): Promise<DragResult> {
  const { page } = probe;
  const handle = page.getByRole('slider', { name: 'Latent point' });
  const map = page.getByRole('region', { name: 'Latent space' });
  const [box, area] = [await handle.boundingBox(), await map.boundingBox()];
  if (!box || !area) throw new Error('the Latent point handle or the Latent space map is not visible');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A figure-eight around the start that stays inside the map.
  const room = Math.min(cx - area.x, area.x + area.width - cx, cy - area.y, area.y + area.height - cy) - 10;
  const r = Math.max(10, Math.min(RADIUS_PX, room));

  await page.evaluate(() => {
    window.__vaeLatency = [];
  });
  const t0 = await probe.now();
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= moves; i++) {
    const a = (2 * Math.PI * i) / moves;
    await page.mouse.move(cx + r * Math.sin(a), cy + (r / 2) * Math.sin(2 * a));
    await sleep(MOVE_INTERVAL_MS);
  }
  await page.mouse.up();
  const t1 = await probe.now();
  // The last decode may still be on its way.
  await sleep(300);
  const latencies = await page.evaluate(() => window.__vaeLatency ?? []);
  const { frames, longTasks } = await probe.smoothness(t0, t1);
  return { moves, latencyMs: summarize(latencies, 1), frames, longTasks };
}
