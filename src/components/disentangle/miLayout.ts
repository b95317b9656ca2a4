// Where the mutual-information heat map's cells and names go in a box of pixels (MiHeatmap.tsx
// draws it): the cells fill what the names leave; the names keep the type size, so where a
// factor's name is wider than its column the names take two (or three) staggered lines, and where
// rows are shorter than a line only every few rows is named.
import { latentName } from './disentangleScales';
import { textWidth, type FigureBox } from './figureBox';

/** The map's shape before any text: cells wider than tall, as the room beside the KL bars is. */
export const CELL_W = 28;
export const CELL_H = 15;
export const BASE_LEFT = 16;
export const BASE_TOP = 12;

/** The map's width and height in those units: the box's aspect ratio (disentangle.css caps it). */
export function miBaseSize(rows: number, cols: number): { width: number; height: number } {
  return { width: BASE_LEFT + cols * CELL_W + 2, height: BASE_TOP + rows * CELL_H + 2 };
}

export interface MiLayout {
  left: number;
  top: number;
  cellW: number;
  cellH: number;
  /** The latent dimensions named at their rows' middles. */
  rowNames: Array<{ j: number; y: number; label: string }>;
  /** Each factor's name, centred over its column, on its line's baseline. */
  colNames: Array<{ k: number; x: number; y: number; label: string }>;
  /** How many lines the factor names take. */
  lines: number;
}

const GAP = 3;

/** The layout of a `rows` × `names.length` map in `box`. */
export function miLayout(rows: number, names: readonly string[], box: FigureBox): MiLayout {
  const f = box.font;
  const cols = Math.max(1, names.length);
  const line = f * 1.15;
  const left = Math.ceil(Math.max(0, ...Array.from({ length: rows }, (_, j) => textWidth(latentName(j), f))) + GAP + 1);
  const cellW = Math.max(1, (box.width - left - 1) / cols);
  const widest = Math.max(0, ...names.map((n) => textWidth(n, f)));
  let lines = 1;
  while (lines < 3 && widest > lines * cellW - GAP) lines += 1;
  const top = Math.ceil(lines * line + GAP);
  const cellH = Math.max(1, (box.height - top - 1) / Math.max(1, rows));
  const every = Math.max(1, Math.ceil((f * 1.05) / cellH));
  const rowNames = Array.from({ length: rows }, (_, j) => j)
    .filter((j) => j % every === 0)
    .map((j) => ({ j, y: top + j * cellH + cellH / 2, label: latentName(j) }));
  // Line 0 sits on the cells; column k on line k mod lines, so neighbours alternate.
  const colNames = names.map((label, k) => ({ k, x: left + k * cellW + (cellW - 1) / 2, y: top - GAP - (k % lines) * line, label }));
  return { left, top, cellW, cellH, rowNames, colNames, lines };
}
