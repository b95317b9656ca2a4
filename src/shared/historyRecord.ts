// The shape check for a metrics history stored in a checkpoint: the worker runs it on load,
// the page on what the worker sends back. A checkpoint's `history` is opaque to the model layer.

import type { HistoryRecord, TestMetrics } from './protocol';

const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

function isTestPoint(v: unknown): v is TestMetrics & { step: number } {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    ['step', 'elbo', 'recon', 'kl', 'objective', 'count'].every((k) => typeof p[k] === 'number') &&
    typeof p.full === 'boolean' &&
    (p.mig === undefined || typeof p.mig === 'number')
  );
}

/** A checkpoint's `history` is opaque to the model layer: accept it only if it has our shape. */
export function isHistoryRecord(v: unknown): v is HistoryRecord {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  const series = [h.steps, h.elbo, h.recon, h.kl, h.objective];
  if (!series.every(isNumberArray)) return false;
  const n = (h.steps as number[]).length;
  return series.every((s) => (s as number[]).length === n) && Array.isArray(h.test) && h.test.every(isTestPoint);
}
