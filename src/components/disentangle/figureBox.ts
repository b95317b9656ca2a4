// The pixel box a Disentanglement figure draws into, and its type size. The figures draw at the
// box's own size (no scaling viewBox), as the loss chart does, so their text keeps the chart type
// size the CSS gives (disentangle.css: 10.5 px, as the loss chart's axes) however wide the
// figure grows or shrinks; the layouts (klLayout.ts, miLayout.ts) make room for that size.
import { useEffect, useState, type RefObject } from 'react';

export interface FigureBox {
  /** CSS pixels. */
  width: number;
  height: number;
  /** The figure's font size in CSS pixels (its text is drawn at this size). */
  font: number;
}

/** The chart type size when the page gives none (disentangle.css's). */
export const CHART_FONT_PX = 10.5;

/**
 * A label's drawn width in pixels at `font`, estimated without a DOM: CJK characters a full em,
 * others (digits, Latin, subscript digits) 0.62 em, about DejaVu Sans's and system sans fonts'
 * widest digits, so a label is never narrower than estimated by more than a little.
 */
export function textWidth(text: string, font: number): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.62;
  return em * font;
}

function fontOf(el: Element): number {
  const px = parseFloat(getComputedStyle(el).fontSize);
  return Number.isFinite(px) && px > 0 ? px : CHART_FONT_PX;
}

/**
 * The content box of `ref`'s element in whole pixels and its font size, followed with a
 * ResizeObserver (the type size is read from the page's CSS, so the layout makes room for the
 * size actually drawn); null until the first observation, the same object while nothing changed.
 */
export function useFigureBox(ref: RefObject<HTMLElement | null>): FigureBox | null {
  const [box, setBox] = useState<FigureBox | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry.contentRect.width);
      const height = Math.floor(entry.contentRect.height);
      const font = fontOf(el);
      setBox((b) => (b && b.width === width && b.height === height && b.font === font ? b : { width, height, font }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return box;
}
