// Above the map: what it shows (and from which step), how many latent dimensions are active
// (a posterior-collapse warning), for latent spaces above 2-D which two dimensions, and the
// manifold-grid switch with its size and the grid-only view (codes hidden).
import { collapseLevel, type ActiveUnits } from '../explain/activeUnits';
import { InfoButton } from '../explain/InfoButton';
import { useT } from '../i18n/LanguageProvider';

export const GRID_SIZES = [10, 15, 20, 25, 30] as const;

interface MapToolbarProps {
  /** Training step of the codes on the map, null before the first. */
  step: number | null;
  count: number;
  latentDim: number;
  dims: [number, number];
  onDims(dims: [number, number]): void;
  grid: { on: boolean; n: number; only?: boolean };
  onGrid(grid: { on: boolean; n: number; only?: boolean }): void;
  /** Active units of the codes on the map; null for the AE (nothing pulls its codes to collapse). */
  units: ActiveUnits | null;
}

export function MapToolbar(p: MapToolbarProps) {
  const t = useT();
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
        {t('lx.latentSpace')} <span className="lx-math">z</span>
        <InfoButton section="kl" />
        <span className="lx-meta">
          {p.step === null
            ? t('lx.noCodes')
            : t('lx.codesOf', { count: p.count.toLocaleString('en-US'), step: p.step.toLocaleString('en-US') })}
        </span>
        {p.units && <ActiveBadge units={p.units} />}
      </h3>
      <div className="lx-tools">
        {p.latentDim > 2 && (
          <span className="lx-dims">
            {axisSelect(0, t('lx.horizontal'))}
            <span aria-hidden="true">×</span>
            {axisSelect(1, t('lx.vertical'))}
            <span className="lx-held" title={t('lx.heldAtZero')}>
              {t('lx.heldAtZero')}
            </span>
          </span>
        )}
        <label className="lx-check">
          <input type="checkbox" checked={p.grid.on} onChange={(e) => p.onGrid({ ...p.grid, on: e.currentTarget.checked })} />
          {t('lx.grid')}
        </label>
        <select
          aria-label={t('lx.gridSize')}
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
        <label className="lx-check" title={t('lx.gridOnlyTitle')}>
          <input
            type="checkbox"
            checked={p.grid.on && !!p.grid.only}
            disabled={!p.grid.on}
            onChange={(e) => p.onGrid({ ...p.grid, only: e.currentTarget.checked })}
          />
          {t('lx.gridOnly')}
        </label>
      </div>
    </div>
  );
}

function ActiveBadge({ units }: { units: ActiveUnits }) {
  const t = useT();
  const level = collapseLevel(units);
  return (
    <span className="lx-meta lx-active-wrap">
      <span className="lx-active" data-level={level} data-testid="active-units" title={t('lx.activeTitle')}>
        {t('lx.activeUnits', { n: units.active, d: units.dim })}
        {level === 'all' && ` · ${t('lx.collapsed')}`}
      </span>
      <InfoButton section="active" />
    </span>
  );
}
