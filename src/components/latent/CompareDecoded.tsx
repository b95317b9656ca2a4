// One model's decoded image of the latent point, in Compare: the same z as the other model's
// where their latent spaces match, this model's decoder (useDecodedImage.ts).
import type { ModelTag } from '../../shared/protocol';
import { useT } from '../i18n/LanguageProvider';
import type { LatentPointStore } from '../latentShared/latentPoint';
import { IMAGE_SIDE } from '../latentShared/paintImage';
import { useDecodedImage } from './useDecodedImage';
import { useTheme } from '../latentShared/useTheme';

interface CompareDecodedProps {
  model: ModelTag;
  /** The canvas's test id suffix. */
  testId: string;
  label: string;
  point: LatentPointStore;
  weightsStep: number;
}

export function CompareDecoded({ model, testId, label, point, weightsStep }: CompareDecodedProps) {
  const t = useT();
  const theme = useTheme();
  // A refusal (weights of another shape, just reset) waits for the next snapshot to redraw.
  const canvas = useDecodedImage({ point, weightsStep, theme, model, onPainted: (req) => point.present(req.z, req.seq) });

  return (
    <figure className="cmp-decoded">
      <figcaption className="lx-col-title dec" title={t('cmp.decoded', { model: label })}>
        {t('cmp.decoded', { model: label })}
      </figcaption>
      <div className="lx-decoded-frame">
        <canvas
          ref={canvas}
          width={IMAGE_SIDE}
          height={IMAGE_SIDE}
          role="img"
          aria-label={t('cmp.decodedAria', { model: label })}
          data-testid={`decoded-${testId}`}
          className="lx-image cmp-decoded-image"
        />
        {weightsStep < 0 && <span className="lx-decoded-wait">{t('cmp.noWeights')}</span>}
      </div>
    </figure>
  );
}
