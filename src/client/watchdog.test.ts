import { describe, expect, it } from 'vitest';
import { MAX_RESTARTS, RESTART_WINDOW_MS, SILENCE_LIMIT_MS, Watchdog } from './watchdog';

describe('Watchdog', () => {
  it('calls a running worker stuck only after more than the limit of silence', () => {
    const w = new Watchdog(0);
    w.expectRunning(1_000);
    expect(w.check(1_000 + SILENCE_LIMIT_MS)).toBe('ok');
    expect(w.check(1_001 + SILENCE_LIMIT_MS)).toBe('stuck');
  });

  it('each message resets the silence', () => {
    const w = new Watchdog(0, 5_000);
    w.expectRunning(0);
    for (let t = 4_000; t <= 40_000; t += 4_000) {
      expect(w.check(t)).toBe('ok');
      w.heard(t);
    }
    expect(w.check(45_001)).toBe('stuck');
  });

  it('never calls a paused worker stuck, however long it is quiet', () => {
    const w = new Watchdog(0);
    w.expectRunning(0);
    w.heard(500, false);
    expect(w.check(10 * 60_000)).toBe('ok');
    w.expectRunning(10 * 60_000);
    w.stopped();
    expect(w.check(20 * 60_000)).toBe('ok');
  });

  it('follows the running flag the worker reports', () => {
    const w = new Watchdog(0, 1_000);
    w.heard(0, true);
    expect(w.check(1_500)).toBe('stuck');
  });

  it('allows a few restarts, then gives up until the window has passed', () => {
    const w = new Watchdog(0);
    for (let i = 0; i < MAX_RESTARTS; i++) expect(w.mayRestart(i * 1_000)).toBe(true);
    expect(w.mayRestart(MAX_RESTARTS * 1_000)).toBe(false);
    expect(w.mayRestart(RESTART_WINDOW_MS + 1)).toBe(true);
  });

  it('a restart gives the new worker a full silence allowance', () => {
    const w = new Watchdog(0);
    w.expectRunning(0);
    expect(w.check(SILENCE_LIMIT_MS + 1)).toBe('stuck');
    w.mayRestart(SILENCE_LIMIT_MS + 1);
    expect(w.check(SILENCE_LIMIT_MS + 2)).toBe('ok');
  });
});
