import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';

describe('parseBenchArgs', () => {
  it('runs the full plan by default: every backend, scaling and a 2,000-step run', () => {
    const r = parseBenchArgs([]);
    if (r.kind !== 'run') throw new Error(r.kind);
    expect(r.plan.quick).toBe(false);
    expect(r.plan.build).toBe(true);
    expect(r.plan.backends).toEqual(['webgl', 'wasm', 'cpu']);
    expect(r.plan.enduranceSteps).toBe(2000);
    expect(r.plan.scaling.map((s) => `${s.batch}/${s.hidden}`)).toEqual(['32/512-256', '128/512-256', '512/512-256', '128/256']);
    // fps is counted over at least five seconds, and the long run fits the ten-minute budget.
    expect(r.plan.windowMs).toBeGreaterThanOrEqual(5000);
    expect(r.plan.enduranceCapMs).toBeLessThan(r.plan.budgetMs);
    expect(r.plan.budgetMs).toBeLessThanOrEqual(600_000);
  });

  it('keeps --quick short: the automatic backend, no scaling, no long run', () => {
    const r = parseBenchArgs(['--quick', '--no-build']);
    if (r.kind !== 'run') throw new Error(r.kind);
    expect(r.plan.quick).toBe(true);
    expect(r.plan.build).toBe(false);
    expect(r.plan.backends).toEqual(['auto']);
    expect(r.plan.scaling).toEqual([]);
    expect(r.plan.enduranceCapMs).toBe(0);
    expect(r.plan.windowMs).toBeGreaterThanOrEqual(5000);
    expect(r.plan.warmMs + r.plan.windowMs).toBeLessThan(15_000);
  });

  it('gives each run its own copy of the plan', () => {
    const a = parseBenchArgs([]);
    const b = parseBenchArgs([]);
    if (a.kind !== 'run' || b.kind !== 'run') throw new Error('not run');
    a.plan.scaling.pop();
    expect(b.plan.scaling).toHaveLength(4);
  });

  it('runs only the Shapes vs MNIST comparison with --only datasets, in either mode, and refuses other sections', () => {
    const full = parseBenchArgs(['--only', 'datasets']);
    const quick = parseBenchArgs(['--quick', '--only=datasets']);
    const all = parseBenchArgs([]);
    if (full.kind !== 'run' || quick.kind !== 'run' || all.kind !== 'run') throw new Error('not run');
    expect(full.plan.only).toBe('datasets');
    expect(quick.plan.only).toBe('datasets');
    expect(quick.plan.datasetTrainSize).toBeLessThan(full.plan.datasetTrainSize);
    // --quick stays cheap: one pair; the full run takes the best of a few.
    expect(quick.plan.datasetPairs).toBe(1);
    expect(full.plan.datasetPairs).toBeGreaterThan(1);
    expect(all.plan.only).toBeNull();
    expect(parseBenchArgs(['--only', 'conv'])).toEqual({ kind: 'error', message: '--only takes "datasets", got "conv"' });
    expect(parseBenchArgs(['--only'])).toEqual({ kind: 'error', message: '--only takes "datasets", got nothing' });
  });

  it('answers --help and refuses unknown flags', () => {
    expect(parseBenchArgs(['--help']).kind).toBe('help');
    expect(parseBenchArgs(['--fast'])).toEqual({ kind: 'error', message: 'unknown argument "--fast"' });
  });
});
