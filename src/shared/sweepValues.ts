// A β sweep's list and step budget, checked the same way by the CLI (`--sweep-beta 0.25,1,4`,
// scripts/sweepArgs.ts) and the page's `Sweep β` (src/components/rateDistortion/SweepPanel.tsx):
// every value a number above 0 within β's valid range (the parameter schema's), no value twice,
// 1 to MAX_SWEEP_VALUES values. A refusal is a reason code with its figures, so each side words
// it in its own voice (the CLI in English with its flag, the page in English or Japanese).
// Pure and TF.js-free.

import { inValidRange, PARAMS, type NumberParam } from '../model/params';

/** More values than this is not a sweep a class waits for: refused. */
export const MAX_SWEEP_VALUES = 12;

/** The page's list before the user edits it. */
export const DEFAULT_SWEEP_VALUES: readonly number[] = [0.25, 0.5, 1, 2, 4, 8];

/**
 * The page's `Steps per model`: each model of a sweep trains this many steps. Checked with the
 * schema's own range check (inValidRange); not a link or CLI setting (the CLI has --steps).
 */
export const SWEEP_STEPS: Pick<NumberParam, 'default' | 'integer' | 'valid'> = { default: 1000, integer: true, valid: { min: 1, max: 100_000 } };

/** Why a list is refused: what was wrong and the figures to say it with. */
export type SweepListError =
  | { reason: 'tooMany'; count: number; max: number }
  | { reason: 'notNumber'; part: string }
  | { reason: 'notPositive'; value: number }
  | { reason: 'aboveMax'; value: number; max: number }
  | { reason: 'repeated'; value: number };

/** The β list ("0.25, 1, 4"), in the order given, or why it is refused. */
export function parseSweepValues(text: string): { values: number[] } | { error: SweepListError } {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length > MAX_SWEEP_VALUES) return { error: { reason: 'tooMany', count: parts.length, max: MAX_SWEEP_VALUES } };
  const values: number[] = [];
  const { max } = PARAMS.beta.valid;
  for (const part of parts) {
    const n = part === '' ? NaN : Number(part);
    if (!Number.isFinite(n)) return { error: { reason: 'notNumber', part } };
    if (n <= 0) return { error: { reason: 'notPositive', value: n } };
    if (n > max) return { error: { reason: 'aboveMax', value: n, max } };
    if (values.includes(n)) return { error: { reason: 'repeated', value: n } };
    values.push(n);
  }
  return { values };
}

/** The step budget typed in `Steps per model`, or null when it is not a whole number in range. */
export function parseSweepSteps(text: string): number | null {
  if (!/^\s*\d[\d,]*\s*$/.test(text)) return null;
  const n = Number(text.replace(/[,\s]/g, ''));
  return inValidRange({ ...PARAMS.rampSteps, ...SWEEP_STEPS }, n) ? n : null;
}
