// The flags of a β sweep (`--sweep-beta 0.25,1,4`, `--steps N`), checked before anything trains:
// the list (src/shared/sweepValues.ts, the check the page's `Sweep β` runs too) and the flags
// that cannot go with it. scripts/sweep.ts trains it.

import { PARAMS } from '../src/model/params';
import { MAX_SWEEP_VALUES, parseSweepValues } from '../src/shared/sweepValues';

export { MAX_SWEEP_VALUES };

/**
 * The β list of `--sweep-beta` ("0.25,1,4"), or why it is refused: the page's check
 * (src/shared/sweepValues.ts), worded for the command line.
 */
export function parseSweepBeta(text: string): { values: number[] } | { error: string } {
  const r = parseSweepValues(text);
  if ('values' in r) return r;
  const e = r.error;
  switch (e.reason) {
    case 'tooMany':
      return { error: `--sweep-beta takes at most ${e.max} values, got ${e.count}` };
    case 'notNumber':
      return { error: `--sweep-beta must list numbers like 0.25,1,4, got "${e.part}" in "${text}"` };
    case 'notPositive':
      return { error: `--sweep-beta: every β must be above 0 (β = 0 is a plain autoencoder's objective), got ${e.value}` };
    case 'aboveMax':
      return { error: `--sweep-beta: every β must be at most ${e.max}, got ${e.value}` };
    case 'repeated':
      return { error: `--sweep-beta lists ${e.value} twice` };
  }
}

/** The sweep's flags as the CLI read them (values are raw text). */
type FlagOf = (flag: string) => string | true | undefined;

/**
 * --sweep-beta and --steps, or why not: β is the sweep's, so --beta goes; an AE has no β and the
 * capacity objective does not use it; --init would give each model the same start but not the
 * sweep's seed.
 */
export function sweepRequest(flag: FlagOf, kind: string, objective: string): { sweepBeta: number[] | null; steps: number | null } | { error: string } {
  const text = flag('sweep-beta');
  const stepsText = flag('steps');
  if (text === undefined) {
    return stepsText === undefined ? { sweepBeta: null, steps: null } : { error: '--steps sets the step budget of each model of --sweep-beta; give --sweep-beta too (or --epochs alone)' };
  }
  if (typeof text !== 'string') return { error: '--sweep-beta needs a list of β values, like 0.25,1,4' };
  const clash = [PARAMS.beta.cli, 'init'].filter((f) => flag(f) !== undefined);
  if (clash.length > 0) return { error: `--sweep-beta sets β for each model; drop --${clash.join(', --')}` };
  if (kind !== 'vae') return { error: '--sweep-beta trains VAEs (an AE has no β); drop --model ae' };
  if (objective !== 'beta') return { error: '--sweep-beta varies β, which the capacity objective does not use; drop --objective capacity' };
  const list = parseSweepBeta(text);
  if ('error' in list) return list;
  let steps: number | null = null;
  if (stepsText !== undefined) {
    steps = typeof stepsText === 'string' && /^\s*\d+\s*$/.test(stepsText) ? Number(stepsText) : NaN;
    if (!Number.isInteger(steps) || steps < 1 || steps > 10_000_000) return { error: `--steps must be a whole number from 1 to 10,000,000, got "${String(stepsText)}"` };
  }
  return { sweepBeta: list.values, steps };
}
