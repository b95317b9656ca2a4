// Draw your own: a 28×28 pad (the encoder's own resolution) inked with a soft round brush by
// mouse, pen or touch. Each change is reported once per frame, preprocessed like MNIST.

import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { normalizeDigit, SIDE, strokeSegment } from './drawing';
import { paintImage } from '../latentShared/paintImage';
import { useTheme } from '../latentShared/useTheme';
import { useT } from '../i18n/LanguageProvider';

interface DrawPadProps {
  /** Fit into MNIST's 20-pixel box and centre by mass (digits); false keeps the drawing as is. */
  normalize: boolean;
  /** The image to encode, or null after Clear. */
  onChange(pixels: Float32Array | null): void;
}

export function DrawPad({ normalize, onChange }: DrawPadProps) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const buffer = useRef(new Float32Array(SIDE * SIDE));
  const last = useRef<[number, number] | null>(null);
  const frame = useRef(0);
  const theme = useTheme();
  const report = useRef(onChange);
  report.current = onChange;
  const [empty, setEmpty] = useState(true);
  const shape = useRef(normalize);
  shape.current = normalize;

  const paint = () => {
    if (canvas.current) paintImage(canvas.current, buffer.current, 0, theme);
  };
  useEffect(paint);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const flush = () => {
    frame.current = 0;
    paint();
    report.current(shape.current ? normalizeDigit(buffer.current) : buffer.current.slice());
  };

  const toPad = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - rect.left) / rect.width) * SIDE, ((e.clientY - rect.top) / rect.height) * SIDE];
  };

  const ink = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = toPad(e);
    const from = last.current ?? p;
    strokeSegment(buffer.current, from[0], from[1], p[0], p[1]);
    last.current = p;
    setEmpty(false);
    if (!frame.current) frame.current = requestAnimationFrame(flush);
  };

  const clear = () => {
    buffer.current.fill(0);
    last.current = null;
    setEmpty(true);
    paint();
    report.current(null);
  };

  return (
    <div className="lx-pad">
      {empty && (
        <span className="lx-pad-hint" aria-hidden="true">
          {t('lx.drawHere')}
        </span>
      )}
      <canvas
        ref={canvas}
        width={SIDE}
        height={SIDE}
        className="lx-image lx-pad-canvas"
        role="img"
        aria-label={t('lx.padAria')}
        data-testid="draw-pad"
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          ink(e);
        }}
        onPointerMove={(e) => {
          if (last.current) ink(e);
        }}
        onPointerUp={() => {
          last.current = null;
        }}
        onPointerCancel={() => {
          last.current = null;
        }}
      />
      <button type="button" className="lx-small" onClick={clear} disabled={empty}>
        {t('lx.clear')}
      </button>
    </div>
  );
}
