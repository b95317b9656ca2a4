// The box of a displayed formula: a live formula with long numbers (σ = 2.00, a seven-digit
// constant) can be wider than the drawer. It first shrinks to fit, down to MIN_SCALE of its
// size; what is still too wide scrolls sideways inside the box. Never cut.
import { useLayoutEffect, useRef } from 'react';

export const MIN_SCALE = 0.72;

/** The font scale that fits `natural` px of formula into `available` px, within [MIN_SCALE, 1]. */
export function fitScale(natural: number, available: number): number {
  if (!(natural > 0) || !(available > 0) || natural <= available) return 1;
  return Math.max(MIN_SCALE, Math.floor((available / natural) * 100) / 100);
}

/** `markup`: the formula's <math> element (MathFormula), the box's only child. */
export function FitBox({ markup }: { markup: string }) {
  const ref = useRef<HTMLDivElement>(null);

  // After every render (the live numbers change the width) and when the drawer is resized.
  useLayoutEffect(() => {
    const box = ref.current;
    if (box) fit(box);
  });
  useLayoutEffect(() => {
    const box = ref.current;
    // The scrolling body, not the box: its width does not change when the formula shrinks.
    const outer = box?.closest('.xp-body') ?? box?.parentElement;
    if (!box || !outer || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => fit(box));
    ro.observe(outer);
    return () => ro.disconnect();
  }, []);

  return <div className="xp-math-box" ref={ref} dangerouslySetInnerHTML={{ __html: markup }} />;
}

function fit(box: HTMLDivElement): void {
  const math = box.firstElementChild as HTMLElement | null;
  if (!math) return;
  box.style.fontSize = '';
  const scale = fitScale(math.scrollWidth, box.clientWidth);
  box.style.fontSize = scale < 1 ? `${scale}em` : '';
  box.dataset.scale = String(scale);
}
