// The arithmetic of scripts/bench-startup.ts, kept pure so it is tested: which responses had
// finished by a moment of the page's life, how many bytes they took on the wire, and the
// medians over runs.

import { median, round } from './bench/stats';

/** One response, as the browser reported it. */
export interface Finished {
  url: string;
  /** When its last byte arrived, in ms after navigation start. */
  endMs: number;
  /** Bytes on the wire (headers and the body as sent, compressed or not). */
  bytes: number;
}

/** What one fresh page load measured. null: that moment never came within the time allowed. */
export interface StartupRun {
  firstMapMs: number | null;
  firstDecodeMs: number | null;
  /** Both: the map shows the codes and dragging decodes. */
  draggableMs: number | null;
  bytesBeforeDraggable: number | null;
  requestsBeforeDraggable: number | null;
  /** What had arrived by then, largest first. */
  largest: Array<{ path: string; bytes: number }>;
}

/** A wall-clock time (ms since 1970) as ms after the page's navigation started (its time origin). */
export function msAfter(timeOrigin: number, epochMs: number): number {
  return epochMs - timeOrigin;
}

/** The responses that had finished by `ms` after navigation start. */
export function finishedBy(responses: readonly Finished[], ms: number): Finished[] {
  return responses.filter((r) => r.endMs <= ms);
}

export function sumBytes(responses: readonly Finished[]): number {
  return responses.reduce((s, r) => s + r.bytes, 0);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** One run's figures from its marks (ms after navigation start) and the responses seen. */
export function summarizeRun(firstMapMs: number | null, firstDecodeMs: number | null, responses: readonly Finished[]): StartupRun {
  const draggableMs = firstMapMs === null || firstDecodeMs === null ? null : Math.max(firstMapMs, firstDecodeMs);
  const before = draggableMs === null ? null : finishedBy(responses, draggableMs);
  return {
    firstMapMs: round(firstMapMs),
    firstDecodeMs: round(firstDecodeMs),
    draggableMs: round(draggableMs),
    bytesBeforeDraggable: before ? sumBytes(before) : null,
    requestsBeforeDraggable: before ? before.length : null,
    largest: (before ?? [])
      .map((r) => ({ path: pathOf(r.url), bytes: r.bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 6),
  };
}

const medianOf = (runs: readonly StartupRun[], pick: (r: StartupRun) => number | null): number | null =>
  round(median(runs.map(pick).filter((v): v is number => v !== null)));

/** Medians over the runs that got there; `complete` counts those. */
export function medians(runs: readonly StartupRun[]) {
  return {
    complete: runs.filter((r) => r.draggableMs !== null).length,
    firstMapMs: medianOf(runs, (r) => r.firstMapMs),
    firstDecodeMs: medianOf(runs, (r) => r.firstDecodeMs),
    draggableMs: medianOf(runs, (r) => r.draggableMs),
    bytesBeforeDraggable: medianOf(runs, (r) => r.bytesBeforeDraggable),
  };
}
