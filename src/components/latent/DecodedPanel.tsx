// The decoder's output x̂ = sigmoid(ℓ(z)) for the latent point, decoded as the point moves
// (useDecodedImage.ts: in the same event, from the page's copy of the decoder).

import { useRef, useState } from 'react';
import { CoordsReadout } from './CoordsReadout';
import type { LatentPointStore } from './latentPoint';
import { recordDecodedPaint, recordLatency } from './latency';
import { IMAGE_SIDE } from './paintImage';
import { useDecodedImage } from './useDecodedImage';
import { useTheme } from './useTheme';
import { useT } from '../i18n/LanguageProvider';

interface DecodedPanelProps {
  point: LatentPointStore;
  dims: [number, number];
  weightsStep: number;
}

export function DecodedPanel({ point, dims, weightsStep }: DecodedPanelProps) {
  const t = useT();
  const theme = useTheme();
  const [shownStep, setShownStep] = useState<number | null>(null);
  const stepNow = useRef(weightsStep);
  stepNow.current = weightsStep;
  const canvas = useDecodedImage({
    point,
    weightsStep,
    theme,
    onPainted: (req) => {
      recordDecodedPaint();
      if (req.t0 !== null) recordLatency(performance.now() - req.t0);
      point.present(req.z, req.seq);
      setShownStep(stepNow.current);
    },
    // Refused while weights of another shape are in place (a reset): the point still moves,
    // and the next weights redraw the image.
    onRefused: (req) => point.present(req.z, req.seq),
  });

  const waiting = weightsStep < 0;
  return (
    <figure className="lx-decoded">
      <figcaption className="lx-col-title dec">
        {t('lx.decoded')} <span className="lx-math">x̂</span>
      </figcaption>
      <div className="lx-decoded-frame">
        <canvas ref={canvas} width={IMAGE_SIDE} height={IMAGE_SIDE} role="img" aria-label={t('lx.decodedAria')} className="lx-image lx-decoded-image" />
        {waiting && <span className="lx-decoded-wait">{t('lx.waiting')}</span>}
      </div>
      <CoordsReadout point={point} dims={dims} />
      <p className="lx-note">
        {shownStep === null ? t('lx.meanImage') : t('lx.weightsOf', { n: shownStep.toLocaleString('en-US') })}
      </p>
    </figure>
  );
}
