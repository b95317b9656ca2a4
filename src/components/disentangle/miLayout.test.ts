import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { textWidth, type FigureBox } from './figureBox';
import { MiHeatmapSvg } from './MiHeatmap';
import { miBaseSize, miLayout } from './miLayout';

const EN = ['shape', 'scale', 'angle', 'x', 'y'];
const JA = ['形', '大きさ', '向き', 'x', 'y'];
const shares = Array.from({ length: 6 }, (_, j) => EN.map((_, k) => ((j + k) % 4) / 4));
const box = (width: number, height: number, font = 10.5): FigureBox => ({ width, height, font });
const svg = (b: FigureBox | null) =>
  renderToStaticMarkup(createElement(MiHeatmapSvg, { shares, names: EN, colour: () => '#808080', box: b, label: 'Mutual information', alt: 'z₁: shape 0.00' }));
const textAttrs = (html: string) => [...html.matchAll(/<text([^>]*)>/g)].map((m) => m[1].replace(/\s(x|y)="[^"]*"/g, ''));

/** Names on the same line must not run into each other. */
function noOverlap(l: ReturnType<typeof miLayout>, font: number) {
  for (const a of l.colNames)
    for (const b of l.colNames)
      if (a.k < b.k && a.y === b.y) expect(b.x - a.x).toBeGreaterThanOrEqual((textWidth(a.label, font) + textWidth(b.label, font)) / 2);
}

describe('MI heat map at its pixel size', () => {
  it('has no scaling viewBox, and draws its text the same way at any width', () => {
    for (const [w, h] of [[150, 100], [250, 160]]) {
      const html = svg(box(w, h));
      expect(html).not.toMatch(/viewBox/i);
      expect(html).toMatch(new RegExp(`<svg width="${w}" height="${h}"`));
      expect(html).not.toMatch(/font-size|scale\(/);
      expect(html.match(/<rect/g)).toHaveLength(30);
    }
    const narrow = textAttrs(svg(box(150, 100)));
    expect(narrow).toEqual(textAttrs(svg(box(250, 160))));
    expect(narrow).toHaveLength(11);
    expect(svg(null)).toContain('data-rows="6" data-cols="5"');
  });

  it('fills its box with cells; the names keep their room whatever the size', () => {
    for (const [w, h] of [[150, 100], [188, 124], [250, 160]]) {
      const l = miLayout(6, EN, box(w, h));
      expect(l.left + 5 * l.cellW).toBeCloseTo(w - 1, 6);
      expect(l.top + 6 * l.cellH).toBeCloseTo(h - 1, 6);
      expect(l.left).toBe(miLayout(6, EN, box(400, 300)).left);
      expect(l.left).toBeGreaterThanOrEqual(textWidth('z₆', 10.5));
      noOverlap(l, 10.5);
    }
  });

  it('staggers the factor names on two lines when a name is wider than its column', () => {
    const roomy = miLayout(6, EN, box(250, 160));
    expect(roomy.lines).toBe(1);
    expect(new Set(roomy.colNames.map((c) => c.y)).size).toBe(1);
    const tight = miLayout(6, EN, box(150, 100));
    expect(tight.lines).toBe(2);
    expect(tight.top).toBeGreaterThan(roomy.top);
    expect(tight.colNames[0].y).not.toBe(tight.colNames[1].y);
    expect(tight.colNames[0].y).toBe(tight.colNames[2].y);
    noOverlap(tight, 10.5);
    // Japanese names are a full em a character, Latin letters and digits 0.62 em.
    expect(textWidth('大きさ', 10)).toBeCloseTo(30, 9);
    expect(textWidth('z₁x', 10)).toBeCloseTo(18.6, 9);
    noOverlap(miLayout(6, JA, box(140, 100)), 10.5);
  });

  it('names every few rows when rows are shorter than a line of text', () => {
    const all = miLayout(6, EN, box(250, 160));
    expect(all.rowNames.map((r) => r.label)).toEqual(['z₁', 'z₂', 'z₃', 'z₄', 'z₅', 'z₆']);
    const short = miLayout(10, EN, box(250, 70));
    expect(short.cellH).toBeLessThan(10.5);
    expect(short.rowNames.length).toBeLessThan(10);
    short.rowNames.slice(1).forEach((r, i) => expect(r.y - short.rowNames[i].y).toBeGreaterThanOrEqual(10.5));
  });

  it('keeps the base shape of cells wider than tall', () => {
    expect(miBaseSize(6, 5)).toEqual({ width: 158, height: 104 });
  });
});
