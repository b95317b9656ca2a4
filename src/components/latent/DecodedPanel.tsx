// The decoder's output x̂ = sigmoid(ℓ(z)) for the latent point, decoded as the point moves
// (useDecodedImage.ts: in the same event, from the page's copy of the decoder). While a test
// image is hovered it shows that image's reconstruction, the decoding of its μ, and says so.

import { useRef, useState } from 'react';
import { CoordsReadout } from './CoordsReadout';
import type { LatentPointStore } from '../latentShared/latentPoint';
import { recordDecodedPaint, recordLatency } from './latency';
import { IMAGE_SIDE } from '../latentShared/paintImage';
import { useDecodedImage } from './useDecodedImage';
import { useTheme } from '../latentShared/useTheme';
import { useT } from '../i18n/LanguageProvider';

/** The test image in focus: its μ (all dimensions), its index and class name. */
export interface DecodedFocus {
  mu: Float32Array;
  index: number;
  name: string;
}

interface DecodedPanelProps {
  point: LatentPointStore;
  dims: [number, number];
  weightsStep: number;
  focus?: DecodedFocus | null;
}

export function DecodedPanel({ point, dims, weightsStep, focus = null }: DecodedPanelProps) {
  const t = useT();
  const theme = useTheme();
  const [shownStep, setShownStep] = useState<number | null>(null);
  const [showingFocus, setShowingFocus] = useState(false);
  const stepNow = useRef(weightsStep);
  stepNow.current = weightsStep;
  const canvas = useDecodedImage({
    point,
    weightsStep,
    theme,
    focus: focus?.mu ?? null,
    onPainted: (req) => {
      setShownStep(stepNow.current);
      setShowingFocus(req.focus !== undefined);
      // The focused image's reconstruction is no move of the point.
      if (req.focus) return;
      recordDecodedPaint();
      if (req.t0 !== null) recordLatency(performance.now() - req.t0);
      point.present(req.z, req.seq);
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
      {/* One line either way: the hovered image's reconstruction takes the note's place, not more room. */}
      {focus && showingFocus ? (
        <p className="lx-note lx-recon-of" data-testid="decoded-focus" title={t('lx.reconOfTitle')}>
          {t('lx.reconOf', { n: focus.index, name: focus.name })}
        </p>
      ) : (
        <p className="lx-note">{shownStep === null ? t('lx.meanImage') : t('lx.weightsOf', { n: shownStep.toLocaleString('en-US') })}</p>
      )}
    </figure>
  );
}
