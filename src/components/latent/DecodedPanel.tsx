// The decoder's output x̂ = sigmoid(ℓ(z)) for the latent point. This is where a drag becomes
// a decode: in the same event, from the page's copy of the decoder (client.decodeNow), so the
// image never waits for a thread. Until that copy exists (or for a client without one) the
// inference worker answers, at most one decode in flight and only the newest z waiting.

import { useEffect, useRef, useState } from 'react';
import { usePlaygroundClient } from '../usePlayground';
import { CoordsReadout } from './CoordsReadout';
import type { LatentPointStore } from './latentPoint';
import { LatestOnly } from './latestOnly';
import { recordDecodedPaint, recordLatency } from './latency';
import { IMAGE_SIDE, paintImage } from './paintImage';
import { useTheme } from './useTheme';
import { useT } from '../i18n/LanguageProvider';

interface DecodeRequest {
  z: Float32Array;
  /** performance.now() of the user event that moved z; null for redraws (new weights, theme). */
  t0: number | null;
  /** The point store's move number, so the handle shows this z with this image. */
  seq: number;
}

interface DecodedPanelProps {
  point: LatentPointStore;
  dims: [number, number];
  weightsStep: number;
}

export function DecodedPanel({ point, dims, weightsStep }: DecodedPanelProps) {
  const client = usePlaygroundClient();
  const t = useT();
  const theme = useTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const themeNow = useRef(theme);
  themeNow.current = theme;
  const [shownStep, setShownStep] = useState<number | null>(null);
  const stepNow = useRef(weightsStep);
  stepNow.current = weightsStep;

  // The newest move painted: a worker answer for an older one arrives too late to show.
  const paintedSeq = useRef(-1);
  const paint = (pixels: Float32Array, req: DecodeRequest) => {
    if (req.seq < paintedSeq.current) return;
    paintedSeq.current = req.seq;
    if (canvas.current) paintImage(canvas.current, pixels, 0, themeNow.current);
    recordDecodedPaint();
    if (req.t0 !== null) recordLatency(performance.now() - req.t0);
    point.present(req.z, req.seq);
    setShownStep(stepNow.current);
  };
  const queue = useRef<LatestOnly<DecodeRequest, Float32Array> | null>(null);
  queue.current ??= new LatestOnly<DecodeRequest, Float32Array>(
    (req) => client.decode(req.z, 1),
    paint,
    // Refused while weights of another shape are in place (a reset): the point still moves,
    // and the next weights redraw the image.
    (_err, req) => point.present(req.z, req.seq),
  );
  const show = (req: DecodeRequest) => {
    const pixels = client.decodeNow?.(req.z);
    if (pixels) {
      queue.current?.cancelPending();
      paint(pixels, req);
    } else queue.current?.request(req);
  };
  const showNow = useRef(show);
  showNow.current = show;

  useEffect(() => point.subscribe((z, t0, seq) => showNow.current({ z: z.slice(), t0, seq })), [point]);
  useEffect(() => {
    if (weightsStep >= 0) showNow.current({ z: point.value.slice(), t0: null, seq: point.latestSeq });
  }, [point, weightsStep, theme]);

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
