// One element of the explorer full screen (the map with its grid, the traversals, the
// interpolation strip), for the back row of a classroom. The browser's full screen where it
// allows one; otherwise (a phone's browser, an embedding page) the element goes into the top
// layer as a popover, which escapes every box around it just the same. Esc leaves either.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export interface FullView<T extends HTMLElement> {
  ref: RefObject<T | null>;
  full: boolean;
  toggle(): void;
}

export function useFullView<T extends HTMLElement>(): FullView<T> {
  const ref = useRef<T | null>(null);
  const [full, setFull] = useState(false);
  const mode = useRef<'screen' | 'popover' | null>(null);

  const leave = useCallback(() => {
    const el = ref.current;
    if (mode.current === 'screen' && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    if (mode.current === 'popover' && el) {
      if (el.matches(':popover-open')) el.hidePopover();
      el.removeAttribute('popover');
    }
    el?.classList.remove('is-full');
    mode.current = null;
    setFull(false);
  }, []);

  const enter = useCallback(async () => {
    const el = ref.current;
    if (!el) return;
    // The class lays the element out for the whole screen (fullView.css), whichever way it gets there.
    el.classList.add('is-full');
    setFull(true);
    try {
      if (!el.requestFullscreen) throw new Error('no full screen');
      await el.requestFullscreen();
      mode.current = 'screen';
    } catch {
      if (typeof el.showPopover === 'function') {
        el.setAttribute('popover', 'manual');
        el.showPopover();
        mode.current = 'popover';
      } else {
        mode.current = null;
      }
    }
  }, []);

  useEffect(() => {
    if (!full) return;
    const onChange = () => {
      if (mode.current === 'screen' && document.fullscreenElement !== ref.current) leave();
    };
    const onKey = (e: KeyboardEvent) => {
      // The browser leaves its full screen on Esc by itself; where it does not (or for the popover), this does.
      if (e.key === 'Escape') leave();
    };
    document.addEventListener('fullscreenchange', onChange);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      document.removeEventListener('keydown', onKey);
    };
  }, [full, leave]);
  // Leaving the page's view (a tab switch, a new model) must not strand a full-screen element.
  useEffect(() => () => {
    if (mode.current) leave();
  }, [leave]);

  const toggle = useCallback(() => (full ? leave() : void enter()), [full, enter, leave]);
  return { ref, full, toggle };
}
