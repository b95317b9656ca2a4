// Rings of recent timings on window, for the benchmark and the e2e tests to read:
// __vaeLatency: pointer/key event → decoded image painted; __vaePointsDrawMs: one redraw of
// the test codes.

declare global {
  interface Window {
    __vaeLatency?: number[];
    __vaePointsDrawMs?: number[];
  }
}

/** How many recent timings each ring keeps. */
export const LATENCY_WINDOW = 512;

function push(ring: number[], ms: number): void {
  ring.push(ms);
  if (ring.length > LATENCY_WINDOW) ring.splice(0, ring.length - LATENCY_WINDOW);
}

export function recordLatency(ms: number): void {
  if (typeof window !== 'undefined') push((window.__vaeLatency ??= []), ms);
}

export function recordPointsDraw(ms: number): void {
  markOnce(FIRST_MAP_MARK);
  if (typeof window !== 'undefined') push((window.__vaePointsDrawMs ??= []), ms);
}

/**
 * Performance marks of the page's first test codes drawn on the map and its first decoded
 * image painted, for scripts/bench-startup.ts (time from navigation to a usable map).
 */
export const FIRST_MAP_MARK = 'vae:first-map';
export const FIRST_DECODE_MARK = 'vae:first-decode';
const marked = new Set<string>();

function markOnce(name: string): void {
  if (marked.has(name) || typeof performance === 'undefined') return;
  marked.add(name);
  performance.mark(name);
}

export function recordDecodedPaint(): void {
  markOnce(FIRST_DECODE_MARK);
}

/**
 * When the user's event happened (Event.timeStamp, on performance.now()'s clock), so a latency
 * counts the wait in the page's input queue too; now() where a browser reports no usable stamp.
 */
export function eventTime(timeStamp: number): number {
  const now = performance.now();
  return timeStamp > 0 && timeStamp <= now ? timeStamp : now;
}
