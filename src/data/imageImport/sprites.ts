// A sprite sheet is one picture holding many images on a grid of equal cells, read left to
// right, top to bottom. Pixels left over at the right or bottom edge (a sheet not an exact
// multiple of the cell) are ignored.

export interface SpriteOptions {
  cellWidth: number;
  cellHeight: number;
  /** Each row of the sheet is one class (named by its row number), e.g. one digit per row. */
  rowsAreClasses: boolean;
}

export interface SpriteCell {
  x: number;
  y: number;
  row: number;
  col: number;
}

export interface SpriteGrid {
  rows: number;
  cols: number;
  cells: SpriteCell[];
}

/** Cells of a width × height sheet; throws RangeError for a cell size that fits no cell. */
export function spriteCells(width: number, height: number, cellWidth: number, cellHeight: number, maxCells = Infinity): SpriteGrid {
  for (const [name, v] of [['cell width', cellWidth], ['cell height', cellHeight]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`The ${name} must be a whole number of pixels, at least 1 (got ${v}).`);
  }
  const cols = Math.floor(width / cellWidth);
  const rows = Math.floor(height / cellHeight);
  if (cols < 1 || rows < 1) throw new RangeError(`A ${cellWidth} × ${cellHeight} cell does not fit in a ${width} × ${height} sheet.`);
  const cells: SpriteCell[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols && cells.length < maxCells; col++) cells.push({ x: col * cellWidth, y: row * cellHeight, row, col });
  }
  return { rows, cols, cells };
}
