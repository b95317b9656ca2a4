// A forgotten background tab should not keep a laptop's fans running for hours: after the tab
// has been hidden for a while, training pauses (unless the user asked to keep it going), and on
// return a notice says why it stopped. Nothing else changes: the model and curves stay as they were.
import { useEffect, useRef } from 'react';

export const HIDDEN_PAUSE_MS = 60_000;

export interface HiddenTabTimer {
  /** When the tab was last hidden (ms), or null while it is shown. */
  hiddenSince: number | null;
  /** Training was paused by this timer during the current hidden spell. */
  pausedWhileHidden: boolean;
}

export interface HiddenTabInput {
  hidden: boolean;
  now: number;
  running: boolean;
  keepTraining: boolean;
  limitMs: number;
}

export interface HiddenTabStep {
  timer: HiddenTabTimer;
  /** Pause training now. */
  pause: boolean;
  /** The tab is back after a pause of ours: tell the user. */
  notify: boolean;
}

export const SHOWN: HiddenTabTimer = { hiddenSince: null, pausedWhileHidden: false };

/** The whole decision, free of timers and the DOM, so it can be tested step by step. */
export function nextHiddenTab(timer: HiddenTabTimer, input: HiddenTabInput): HiddenTabStep {
  if (!input.hidden) return { timer: SHOWN, pause: false, notify: timer.pausedWhileHidden };
  const hiddenSince = timer.hiddenSince ?? input.now;
  const due = input.now - hiddenSince >= input.limitMs;
  const pause = due && input.running && !input.keepTraining && !timer.pausedWhileHidden;
  return { timer: { hiddenSince, pausedWhileHidden: timer.pausedWhileHidden || pause }, pause, notify: false };
}

export interface HiddenTabPauseOptions {
  running: boolean;
  keepTraining: boolean;
  pause(): void;
  notify(): void;
  limitMs?: number;
}

/** Runs `nextHiddenTab` on visibility changes and once the limit has passed while hidden. */
export function useHiddenTabPause(opts: HiddenTabPauseOptions): void {
  const latest = useRef(opts);
  const timer = useRef<HiddenTabTimer>(SHOWN);
  useEffect(() => {
    latest.current = opts;
  });
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const o = latest.current;
      const limitMs = o.limitMs ?? HIDDEN_PAUSE_MS;
      const step = nextHiddenTab(timer.current, { hidden: document.hidden, now: Date.now(), running: o.running, keepTraining: o.keepTraining, limitMs });
      timer.current = step.timer;
      if (step.pause) o.pause();
      if (step.notify) o.notify();
      clearTimeout(pending);
      // Hidden tabs' timers are throttled, so this may fire late; the decision uses the clock, not the count.
      if (document.hidden && !step.timer.pausedWhileHidden) pending = setTimeout(check, limitMs);
    };
    document.addEventListener('visibilitychange', check);
    check();
    return () => {
      document.removeEventListener('visibilitychange', check);
      clearTimeout(pending);
    };
  }, []);
}
