// Interpolation: ten decodings along the straight line between two test images' μ (all
// latent dimensions, not just the two shown), ends framed in their class colours; a full-screen
// view shows the ten as big as the screen's width allows.
import { useMemo } from 'react';
import type { LatentSnapshot } from '../../client/clientTypes';
import { interpolateLatents } from '../latentShared/geometry';
import { FullViewButton } from './FullViewButton';
import { ImageCanvas } from '../latentShared/ImageCanvas';
import { useBatchDecode } from '../latentShared/useBatchDecode';
import { useFullView } from './useFullView';
import { useT } from '../i18n/LanguageProvider';
import { useNoHover } from '../useNoHover';

export const INTERP_STEPS = 10;

interface InterpolationStripProps {
  ends: [number, number];
  latent: LatentSnapshot | null;
  weightsStep: number;
  classNames: readonly string[];
  colors: readonly string[];
  onClear(): void;
}

export function InterpolationStrip({ ends, latent, weightsStep, classNames, colors, onClear }: InterpolationStripProps) {
  const t = useT();
  const noHover = useNoHover();
  const fullView = useFullView<HTMLDivElement>();
  const [a, b] = ends;
  const z = useMemo(() => {
    if (!latent || a < 0 || b < 0 || a >= latent.count || b >= latent.count) return null;
    const d = latent.dim;
    return interpolateLatents(latent.mu.subarray(a * d, (a + 1) * d), latent.mu.subarray(b * d, (b + 1) * d), INTERP_STEPS);
  }, [latent, a, b]);
  const images = useBatchDecode(z, INTERP_STEPS, weightsStep);
  // Pixels per image: 784, or 1,024 for Shapes.
  const size = images ? images.length / INTERP_STEPS : 0;
  const name = (i: number) => (latent ? (classNames[latent.labels[i]] ?? String(latent.labels[i])) : '');
  const color = (i: number) => (latent ? colors[latent.labels[i] % colors.length] : 'transparent');

  if (a < 0) return <p className="lx-hint">{t(noHover ? 'lx.interpStartTouch' : 'lx.interpStart')}</p>;
  if (b < 0) return <p className="lx-hint">{t(noHover ? 'lx.interpNextTouch' : 'lx.interpNext', { name: name(a), n: a })}</p>;
  return (
    <div ref={fullView.ref} className="lx-strip-row lx-strip-view">
      <ol className="lx-strip" aria-label={t('lx.interpAria', { a: name(a), b: name(b) })}>
        {Array.from({ length: INTERP_STEPS }, (_, i) => (
          <li key={i} style={i === 0 ? { borderColor: color(a) } : i === INTERP_STEPS - 1 ? { borderColor: color(b) } : undefined}>
            <ImageCanvas pixels={images} offset={i * size} label={t('lx.interpStep', { i: i + 1, n: INTERP_STEPS })} />
          </li>
        ))}
      </ol>
      <div className="lx-strip-tools">
        <button type="button" className="lx-small" onClick={onClear}>
          {t('lx.newPath')}
        </button>
        <FullViewButton view={fullView} />
      </div>
    </div>
  );
}
