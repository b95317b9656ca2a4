// One model's decoded image of the shared latent point, in Compare: the same z, this model's
// decoder. Both decode on the page from the client's copy of that model's decoder
// (decodeNow); until a copy exists the inference worker answers, newest z only.
import { useEffect, useRef } from 'react';
import type { ModelTag } from '../../workers/protocol';
import { useT } from '../i18n/LanguageProvider';
import { usePlaygroundClient } from '../usePlayground';
import type { LatentPointStore } from './latentPoint';
import { LatestOnly } from './latestOnly';
import { IMAGE_SIDE, paintImage } from './paintImage';
import { useTheme } from './useTheme';

interface Request {
  z: Float32Array;
  seq: number;
}

interface CompareDecodedProps {
  model: ModelTag;
  label: string;
  point: LatentPointStore;
  weightsStep: number;
}

export function CompareDecoded({ model, label, point, weightsStep }: CompareDecodedProps) {
  const client = usePlaygroundClient();
  const t = useT();
  const theme = useTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const themeNow = useRef(theme);
  themeNow.current = theme;

  const painted = useRef(-1);
  const paint = (pixels: Float32Array, req: Request) => {
    if (req.seq < painted.current) return;
    painted.current = req.seq;
    if (canvas.current) paintImage(canvas.current, pixels, 0, themeNow.current);
    point.present(req.z, req.seq);
  };
  const queue = useRef<LatestOnly<Request, Float32Array> | null>(null);
  queue.current ??= new LatestOnly<Request, Float32Array>(
    (req) => client.decode(req.z, 1, model),
    (pixels, req) => paint(pixels, req),
    // Weights of another shape (just reset): the next snapshot redraws.
    () => {},
  );
  const show = (req: Request) => {
    const pixels = client.decodeNow?.(req.z, model) ?? null;
    if (pixels) paint(pixels, req);
    else queue.current?.request(req);
  };
  const showNow = useRef(show);
  showNow.current = show;

  useEffect(() => point.subscribe((z, _t0, seq) => showNow.current({ z: z.slice(), seq })), [point]);
  useEffect(() => {
    if (weightsStep >= 0) showNow.current({ z: point.value.slice(), seq: point.latestSeq });
  }, [point, weightsStep, theme]);

  return (
    <figure className="cmp-decoded">
      <figcaption className="lx-col-title dec">{t('cmp.decoded', { model: label })}</figcaption>
      <div className="lx-decoded-frame">
        <canvas
          ref={canvas}
          width={IMAGE_SIDE}
          height={IMAGE_SIDE}
          role="img"
          aria-label={t('cmp.decodedAria', { model: label })}
          data-testid={`decoded-${model}`}
          className="lx-image cmp-decoded-image"
        />
        {weightsStep < 0 && <span className="lx-decoded-wait">{t('cmp.noWeights')}</span>}
      </div>
    </figure>
  );
}
