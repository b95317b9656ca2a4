import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { textWidth, type FigureBox } from './figureBox';
import { KlBarsSvg } from './KlBars';
import { klLayout } from './klLayout';

const six = Float64Array.from([1.52, 1.6, 1.04, 0.0007, 1.48, 1.55]);
const box = (width: number, height = 80, font = 10.5): FigureBox => ({ width, height, font });
const svg = (values: Float64Array, b: FigureBox | null) => renderToStaticMarkup(createElement(KlBarsSvg, { values, box: b, label: 'KL per dimension', alt: 'z₁ 1.52' }));
/** Every <text> tag's attributes but its position, in order. */
const textAttrs = (html: string) => [...html.matchAll(/<text([^>]*)>/g)].map((m) => m[1].replace(/\s(x|y)="[^"]*"/g, ''));

describe('KL bars at their pixel size', () => {
  it('have no scaling viewBox: the SVG is as big as its box, so CSS type sizes are pixels at any width', () => {
    for (const width of [150, 600]) {
      const html = svg(six, box(width, 90));
      expect(html).not.toMatch(/viewBox/i);
      expect(html).toMatch(new RegExp(`<svg width="${width}" height="90"`));
      expect(html).not.toMatch(/font-size|scale\(/);
    }
    // The text is drawn the same way at both widths (only where it stands moves).
    expect(textAttrs(svg(six, box(150)))).toEqual(textAttrs(svg(six, box(600))));
    expect(textAttrs(svg(six, box(150))).length).toBeGreaterThan(6);
  });

  it('keep the frame, its name and values before the box is measured', () => {
    const html = svg(six, null);
    expect(html).toContain('aria-label="KL per dimension"');
    expect(html).toContain('data-bars="6"');
    expect(html).toContain('data-total="7.1907"');
    expect(html).not.toContain('<rect');
  });

  it('fill the width the axis leaves, and the axis keeps its width as the box grows', () => {
    const narrow = klLayout(six, box(150));
    const wide = klLayout(six, box(600));
    expect(wide.axisX).toBe(narrow.axisX);
    for (const [l, width] of [[narrow, 150], [wide, 600]] as const) {
      const first = l.bars[0];
      const last = l.bars[l.bars.length - 1];
      const span = last.x + last.width - first.x;
      expect(first.x).toBeGreaterThanOrEqual(l.axisX);
      expect(last.x + last.width).toBeLessThanOrEqual(width);
      expect(span / (width - l.axisX)).toBeGreaterThan(0.85);
    }
    expect(wide.bars[0].width).toBeGreaterThan(narrow.bars[0].width * 4);
  });

  it('make room for the type size: wider labels, ticks a line and more apart, heights to scale', () => {
    const small = klLayout(six, box(160, 80, 10.5));
    const big = klLayout(six, box(160, 80, 14));
    expect(big.axisX).toBeGreaterThan(small.axisX);
    for (const [l, f] of [[small, 10.5], [big, 14]] as const) {
      expect(l.axisX).toBeGreaterThanOrEqual(Math.max(...l.ticks.map((t) => textWidth(t.label, f))));
      const ys = l.ticks.map((t) => t.y).sort((a, b) => a - b);
      ys.slice(1).forEach((y, i) => expect(y - ys[i]).toBeGreaterThanOrEqual(f * 1.25 - 1e-9));
      expect(l.ticks.map((t) => t.label)).toContain('0');
      // The tallest bar (1.6 nats) stands as high as its value on the axis says.
      const zero = l.ticks.find((t) => t.label === '0')!.y;
      const one = l.ticks.find((t) => t.label === '1')!.y;
      expect(l.bars[1].height).toBeCloseTo(1.6 * (zero - one), 6);
    }
  });

  it('name every dimension while the names fit side by side, else every few', () => {
    const ten = Float64Array.from({ length: 10 }, (_, j) => j / 3);
    const wide = klLayout(ten, box(600));
    expect(wide.names.map((n) => n.label)).toEqual(['z₁', 'z₂', 'z₃', 'z₄', 'z₅', 'z₆', 'z₇', 'z₈', 'z₉', 'z₁₀']);
    const narrow = klLayout(ten, box(120));
    expect(narrow.names.length).toBeLessThan(10);
    expect(narrow.names[0].label).toBe('z₁');
    narrow.names.slice(1).forEach((n, i) => expect(n.x - narrow.names[i].x).toBeGreaterThanOrEqual(textWidth('z₁₀', 10.5)));
  });

  it('draw nothing taller than the box for empty or broken values', () => {
    const l = klLayout(Float64Array.from([0, Number.NaN, -1, Infinity]), box(160));
    for (const b of l.bars) {
      expect(b.height).toBe(0);
      expect(Number.isFinite(b.y)).toBe(true);
    }
    expect(l.ticks.length).toBeGreaterThanOrEqual(2);
  });
});
