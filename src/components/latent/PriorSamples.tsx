// Sample from the prior: z ~ N(0, I), decoded. For a VAE these look like data; for an AE,
// whose codes ignore the prior, many do not: the comparison the KL term is for.
import { ImageCanvas } from '../latentShared/ImageCanvas';
import { useBatchDecode } from '../latentShared/useBatchDecode';
import { useT } from '../i18n/LanguageProvider';

export const PRIOR_COUNT = 16;

interface PriorSamplesProps {
  z: Float32Array | null;
  weightsStep: number;
  onSample(): void;
}

export function PriorSamples({ z, weightsStep, onSample }: PriorSamplesProps) {
  const t = useT();
  const images = useBatchDecode(z, PRIOR_COUNT, weightsStep);
  // Pixels per image: 784, or 1,024 for Shapes.
  const size = images ? images.length / PRIOR_COUNT : 0;
  return (
    <div className="lx-strip-row">
      <button type="button" className="lx-small lx-primary" onClick={onSample} disabled={weightsStep < 0}>
        {t('lx.samplePrior')}
      </button>
      {z ? (
        <ol className="lx-strip lx-prior" aria-label={t('lx.priorAria')}>
          {Array.from({ length: PRIOR_COUNT }, (_, i) => (
            <li key={i}>
              <ImageCanvas pixels={images} offset={i * size} label={t('lx.priorSample', { i: i + 1 })} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="lx-hint">{t('lx.priorHint', { n: PRIOR_COUNT })}</p>
      )}
    </div>
  );
}
