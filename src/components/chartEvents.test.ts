import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, type Hyper } from '../model/types';
import {
  hasGaussian,
  historyChange,
  jumpStep,
  likelihoodConstant,
  markOf,
  newTrack,
  recordChanges,
  regimeAt,
  resetTrack,
  settingChanges,
  settleBoundary,
} from './chartEvents';

const base: Hyper = { ...DEFAULT_HYPER, likelihood: 'bernoulli', sigmaX: 1, beta: 1, reparam: true };
const gauss: Hyper = { ...base, likelihood: 'gaussian' };

describe('the Gaussian constant', () => {
  it('is (D/2)·log(2πσ²): about 720.4 nats for 784 pixels at σ = 1, negative at σ = 0.1, 0 for Bernoulli', () => {
    expect(likelihoodConstant({ likelihood: 'gaussian', sigmaX: 1 }, 784)).toBeCloseTo(392 * Math.log(2 * Math.PI), 9);
    expect(likelihoodConstant({ likelihood: 'gaussian', sigmaX: 1 }, 784)).toBeCloseTo(720.4, 1);
    expect(likelihoodConstant({ likelihood: 'gaussian', sigmaX: 0.1 }, 784)).toBeCloseTo(392 * Math.log(2 * Math.PI * 0.01), 9);
    expect(likelihoodConstant({ likelihood: 'gaussian', sigmaX: 1 }, 1024)).toBeCloseTo(512 * Math.log(2 * Math.PI), 9);
    expect(likelihoodConstant({ likelihood: 'bernoulli', sigmaX: 0.1 }, 784)).toBe(0);
  });
});

describe('setting changes', () => {
  it('lists the live settings that changed, σ_x only under the Gaussian likelihood', () => {
    expect(settingChanges(base, { ...base, beta: 4 })).toEqual([{ kind: 'beta', value: 4 }]);
    expect(settingChanges(base, { ...base, sigmaX: 0.1 })).toEqual([]);
    expect(settingChanges(gauss, { ...gauss, sigmaX: 0.1, reparam: false })).toEqual([
      { kind: 'sigmaX', value: 0.1 },
      { kind: 'reparam', value: false },
    ]);
    expect(settingChanges(base, { ...base, learningRate: 3e-4, samples: 5, batchSize: 64 }).map((c) => c.kind)).toEqual([
      'learningRate',
      'samples',
      'batchSize',
    ]);
  });

  it('records a marker at the step of the change, and a new regime only for a likelihood or σ change', () => {
    let track = newTrack(base);
    track = recordChanges(track, { ...base, beta: 4 }, 120, false);
    expect(track.events).toEqual([{ kind: 'beta', step: 120, value: 4 }]);
    expect(track.regimes).toHaveLength(1);
    track = recordChanges(track, { ...base, beta: 4, likelihood: 'gaussian' }, 300, false);
    track = recordChanges(track, { ...base, beta: 4, likelihood: 'gaussian', sigmaX: 0.1 }, 500, false);
    expect(track.events.map((e) => [e.kind, e.step, e.value])).toEqual([
      ['beta', 120, 4],
      ['likelihood', 300, 'gaussian'],
      ['sigmaX', 500, 0.1],
    ]);
    expect(track.regimes.map((r) => [r.after, r.likelihood, r.sigmaX])).toEqual([
      [-Infinity, 'bernoulli', 1],
      [300, 'gaussian', 1],
      [500, 'gaussian', 0.1],
    ]);
    expect(regimeAt(track.regimes, 300).likelihood).toBe('bernoulli');
    expect(regimeAt(track.regimes, 301).likelihood).toBe('gaussian');
    expect(regimeAt(track.regimes, 501).sigmaX).toBe(0.1);
    expect(hasGaussian(track)).toBe(true);
    expect(hasGaussian(newTrack(base))).toBe(false);
  });

  it('returns the same track when nothing changed', () => {
    const track = newTrack(base);
    expect(recordChanges(track, base, 10, true)).toBe(track);
  });

  it('a reset starts over with one reset marker at step 0', () => {
    const track = resetTrack(gauss);
    expect(track.events).toEqual([{ kind: 'reset', step: 0, value: true }]);
    expect(track.regimes).toEqual([{ after: -Infinity, likelihood: 'gaussian', sigmaX: 1 }]);
  });
});

describe('a σ change made while training runs', () => {
  it('moves the boundary to where the recon series jumps once two updates arrived', () => {
    // Recorded at step 10, but the chunk in flight (11–15) finished with σ = 1.
    let track = recordChanges(newTrack(gauss), { ...gauss, sigmaX: 0.1 }, 10, true);
    expect(track.pending).toHaveLength(1);
    const steps = Array.from({ length: 20 }, (_, i) => i + 1);
    const recon = steps.map((s) => (s <= 15 ? 740 + (s % 3) : -900 + (s % 3)));
    track = settleBoundary(track, steps.slice(0, 15), recon, 10, 15);
    expect(track.regimes[1].after).toBe(10);
    track = settleBoundary(track, steps, recon, 15, 20);
    expect(track.pending).toHaveLength(0);
    expect(track.regimes[1].after).toBe(15);
    expect(track.events[0].step).toBe(15);
  });

  it('does not count a look that brought no new step', () => {
    const track = recordChanges(newTrack(gauss), { ...gauss, sigmaX: 0.5 }, 10, true);
    expect(settleBoundary(track, [1, 2], [1, 2], 10, 10)).toBe(track);
  });

  it('settles at once when training was paused', () => {
    const track = recordChanges(newTrack(gauss), { ...gauss, sigmaX: 0.5 }, 10, false);
    expect(track.pending).toHaveLength(0);
  });

  it('jumpStep finds the largest jump inside the window only', () => {
    const steps = [1, 2, 3, 4, 5, 6];
    const values = [0, 500, 501, 502, 900, 901];
    expect(jumpStep(steps, values, 2, 6)).toBe(4);
    expect(jumpStep(steps, values, 1, 3)).toBe(1);
    expect(jumpStep(steps, values, 7, 9)).toBe(7);
  });
});

describe('history replacement', () => {
  it('tells a reset and a load from growth and thinning', () => {
    const grown = [1, 2, 3];
    const mark = markOf(grown);
    grown.push(4);
    expect(historyChange(mark, grown)).toBeNull();
    expect(historyChange(mark, [])).toBe('reset');
    expect(historyChange(markOf([]), [])).toBeNull();
    expect(historyChange(mark, [469, 938, 1407])).toBe('load');
    const long = Array.from({ length: 20_001 }, (_, i) => i + 1);
    const thinned = [1, ...long.filter((s) => s % 2 === 1 && s > 1), 20_001, 20_002];
    expect(historyChange(markOf(long), thinned)).toBeNull();
  });
});
