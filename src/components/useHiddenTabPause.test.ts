import { describe, expect, it } from 'vitest';
import { nextHiddenTab, SHOWN, type HiddenTabInput, type HiddenTabTimer } from './useHiddenTabPause';

const base: HiddenTabInput = { hidden: true, now: 0, running: true, keepTraining: false, limitMs: 60_000 };

function run(inputs: Array<Partial<HiddenTabInput>>): Array<{ pause: boolean; notify: boolean; timer: HiddenTabTimer }> {
  let timer = SHOWN;
  return inputs.map((i) => {
    const step = nextHiddenTab(timer, { ...base, ...i });
    timer = step.timer;
    return step;
  });
}

describe('nextHiddenTab', () => {
  it('pauses once the tab has been hidden for the limit, and tells the user on return', () => {
    const steps = run([{ now: 1_000 }, { now: 60_999 }, { now: 61_000 }, { now: 200_000 }, { hidden: false, now: 300_000 }]);
    expect(steps.map((s) => s.pause)).toEqual([false, false, true, false, false]);
    expect(steps.map((s) => s.notify)).toEqual([false, false, false, false, true]);
    expect(steps[4].timer).toEqual(SHOWN);
  });

  it('does nothing when the user keeps training in the background', () => {
    const steps = run([{ now: 0, keepTraining: true }, { now: 120_000, keepTraining: true }, { hidden: false, now: 130_000 }]);
    expect(steps.some((s) => s.pause || s.notify)).toBe(false);
  });

  it('does not pause what is not running and says nothing on return', () => {
    const steps = run([{ now: 0, running: false }, { now: 90_000, running: false }, { hidden: false, now: 91_000 }]);
    expect(steps.some((s) => s.pause || s.notify)).toBe(false);
  });

  it('starts the clock again on every hidden spell', () => {
    const steps = run([{ now: 0 }, { hidden: false, now: 50_000 }, { now: 55_000 }, { now: 100_000 }, { now: 115_000 }]);
    expect(steps.map((s) => s.pause)).toEqual([false, false, false, false, true]);
    expect(steps[1].notify).toBe(false);
  });

  it('honours a shorter configured limit', () => {
    const steps = run([{ now: 0, limitMs: 5_000 }, { now: 5_000, limitMs: 5_000 }]);
    expect(steps[1].pause).toBe(true);
  });
});
