// Above the map: what it shows (and from which step), for latent spaces above 2-D which two
// dimensions, and the manifold-grid switch with its size.

export const GRID_SIZES = [10, 15, 20, 25, 30] as const;

interface MapToolbarProps {
  /** Training step of the codes on the map, null before the first. */
  step: number | null;
  count: number;
  latentDim: number;
  dims: [number, number];
  onDims(dims: [number, number]): void;
  grid: { on: boolean; n: number };
  onGrid(grid: { on: boolean; n: number }): void;
}

export function MapToolbar(p: MapToolbarProps) {
  const dimOptions = Array.from({ length: p.latentDim }, (_, j) => j);
  const pick = (axis: 0 | 1, j: number) => {
    const next: [number, number] = [...p.dims];
    next[axis] = j;
    // The two axes must differ: choosing the other axis's dimension swaps them.
    if (next[0] === next[1]) next[1 - axis] = p.dims[axis];
    p.onDims(next);
  };
  const axisSelect = (axis: 0 | 1, label: string) => (
    <select value={p.dims[axis]} onChange={(e) => pick(axis, Number(e.currentTarget.value))} aria-label={label}>
      {dimOptions.map((j) => (
        <option key={j} value={j}>
          z{j + 1}
        </option>
      ))}
    </select>
  );
  return (
    <div className="lx-toolbar">
      <h3 className="lx-col-title">
        latent space <span className="lx-math">z</span>
        <span className="lx-meta">
          {p.step === null ? 'no codes yet' : `μ of ${p.count.toLocaleString('en-US')} test images · step ${p.step.toLocaleString('en-US')}`}
        </span>
      </h3>
      <div className="lx-tools">
        {p.latentDim > 2 && (
          <span className="lx-dims">
            {axisSelect(0, 'Horizontal dimension')}
            <span aria-hidden="true">×</span>
            {axisSelect(1, 'Vertical dimension')}
            <span className="lx-held">other dimensions held at 0 for decoding</span>
          </span>
        )}
        <label className="lx-check">
          <input type="checkbox" checked={p.grid.on} onChange={(e) => p.onGrid({ ...p.grid, on: e.currentTarget.checked })} />
          Manifold grid
        </label>
        <select
          aria-label="Grid size"
          value={p.grid.n}
          disabled={!p.grid.on}
          onChange={(e) => p.onGrid({ ...p.grid, n: Number(e.currentTarget.value) })}
        >
          {GRID_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}×{n}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
