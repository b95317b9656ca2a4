// The Traversal tab: one decoded row per latent dimension, z_j from −3 to 3, the others held at
// the focused image's μ (or at the latent point when nothing is in focus). Inactive dimensions
// (Var μ_j ≤ 0.01) are marked: their rows barely change. A full-screen view shows the rows
// as big as the screen allows, for the back row.
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { ActiveUnits } from '../explain/activeUnits';
import { InfoButton } from '../explain/InfoButton';
import { useLanguage } from '../i18n/LanguageProvider';
import { dimensionFactor } from '../disentangle/disentangleScales';
import { factorPhrase } from '../disentangle/factorText';
import { useDisentanglement } from '../disentangle/useDisentanglement';
import { useNoHover } from '../useNoHover';
import { FullViewButton } from './FullViewButton';
import type { LatentPointStore } from '../latentShared/latentPoint';
import { paintRow } from '../latentShared/paintImage';
import { useImageSide } from '../latentShared/imageSide';
import { traversalLatents, traversalOrder, traversalValues } from './traversal';
import { useBatchDecode } from '../latentShared/useBatchDecode';
import { useFullView } from './useFullView';
import { useTheme } from '../latentShared/useTheme';

const VALUES = traversalValues();
const sub = (j: number) => String(j + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);

interface TraversalPanelProps {
  focusMu: Float32Array | null;
  point: LatentPointStore;
  units: ActiveUnits | null;
  weightsStep: number;
}

function RowCanvas({ images, row, label }: { images: Float32Array | null; row: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const side = useImageSide();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    if (images) paintRow(canvas, images, row * VALUES.length, VALUES.length, theme, side);
    else canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
  }, [images, row, theme, side]);
  return <canvas ref={ref} width={VALUES.length * side} height={side} role="img" aria-label={label} className="lx-image lx-trav-row" />;
}

export function TraversalPanel({ focusMu, point, units, weightsStep }: TraversalPanelProps) {
  const { t, lang } = useLanguage();
  // Shapes: each row names the factor its dimension carries most of (normalised MI).
  const snapshot = useDisentanglement();
  const noHover = useNoHover();
  const fullView = useFullView<HTMLDivElement>();
  const [pointZ, setPointZ] = useState<Float32Array>(() => point.shown);
  useEffect(() => {
    if (focusMu) return;
    setPointZ(point.shown);
    return point.watch(setPointZ);
  }, [point, focusMu]);
  const base = focusMu ?? pointZ;
  const dim = base.length;
  const variances = units && units.dim === dim ? units.variances : null;
  const order = useMemo(() => traversalOrder(dim, variances), [dim, variances]);
  const z = useMemo(() => traversalLatents(base, order, VALUES), [base, order]);
  const factors = useMemo(() => Array.from({ length: dim }, (_, j) => dimensionFactor(snapshot, j, dim)), [snapshot, dim]);
  const images = useBatchDecode(z, order.length * VALUES.length, weightsStep);

  return (
    <div ref={fullView.ref} className="lx-trav" role="group" aria-label={t('lx.traversalAria')} style={{ '--rows': order.length } as CSSProperties}>
      <div className="lx-trav-head">
        <p className="lx-hint">
          {weightsStep < 0
            ? t('lx.traversalWait')
            : t('lx.traversalBase', {
                what: t(focusMu ? (noHover ? 'lx.traversalBaseTapped' : 'lx.traversalBaseHovered') : 'lx.traversalBasePoint'),
              })}
          <InfoButton section="traversal" />
        </p>
        <FullViewButton view={fullView} />
      </div>
      <ol className="lx-trav-rows">
        {order.map((j, r) => {
          const idle = units?.dim === dim && !units.isActive[j];
          return (
            <li key={j} data-idle={idle}>
              <span className="lx-trav-label">z{sub(j)}</span>
              <RowCanvas images={images} row={r} label={t('lx.traversalRow', { j: j + 1 })} />
              {factors[j] && (
                <span className="lx-trav-factor" data-testid="trav-factor">
                  · {factorPhrase(lang, factors[j].factor)} · {factors[j].share}
                </span>
              )}
              {idle && <span className="lx-trav-idle">{t('lx.traversalInactive')}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
