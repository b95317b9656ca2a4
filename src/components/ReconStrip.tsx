// Eight fixed test images over their reconstructions: the decoder's progress at a glance.
// Pixels are painted with putImageData into side × side canvases (28, or 32 for Shapes) that CSS
// scales up pixelated.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from './i18n/LanguageProvider';
import { currentTheme, grayToRgba, onThemeChange, type Theme } from './palette';
import { usePlaygroundClient, useTopic } from './usePlayground';
import './charts.css';

const COUNT = 8;
/** The side of the strip's images before the first snapshot. */
const DEFAULT_SIDE = 28;

export function ReconStrip() {
  const client = usePlaygroundClient();
  const t = useT();
  const inputs = useRef<Array<HTMLCanvasElement | null>>([]);
  const outputs = useRef<Array<HTMLCanvasElement | null>>([]);
  const frame = useRef(0);
  const [step, setStep] = useState<number | null>(null);
  const [theme, setTheme] = useState<Theme>(currentTheme);

  const paint = useCallback(() => {
    frame.current = 0;
    const recon = client.getRecon();
    setStep(recon ? recon.step : null);
    const side = recon && recon.count > 0 ? Math.round(Math.sqrt(recon.inputs.length / recon.count)) : DEFAULT_SIDE;
    const size = side * side;
    const image = new ImageData(side, side);
    for (let i = 0; i < COUNT; i++) {
      for (const [canvases, data] of [
        [inputs.current, recon?.inputs],
        [outputs.current, recon?.outputs],
      ] as const) {
        const canvas = canvases[i];
        if (canvas && canvas.width !== side) canvas.width = canvas.height = side;
        const ctx = canvas?.getContext('2d');
        if (!ctx) continue;
        if (!data || !recon || i >= recon.count || data.length < (i + 1) * size) {
          ctx.clearRect(0, 0, side, side);
          continue;
        }
        grayToRgba(data, i * size, size, image.data, theme);
        ctx.putImageData(image, 0, 0);
      }
    }
  }, [client, theme]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(paint);
  }, [paint]);
  useTopic('recon', schedule);
  useEffect(() => {
    schedule();
    return () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [schedule]);
  useEffect(() => onThemeChange(setTheme), []);

  const cells = Array.from({ length: COUNT }, (_, i) => i);
  return (
    <section className="panel recon" aria-label={t('recon.aria')}>
      <div className="recon-rows">
        <span className="recon-label" title={t('recon.inputs')}>x</span>
        {cells.map((i) => (
          <canvas
            key={`in-${i}`}
            ref={(el) => {
              inputs.current[i] = el;
            }}
            width={DEFAULT_SIDE}
            height={DEFAULT_SIDE}
            role="img"
            aria-label={t('recon.input', { n: i + 1 })}
          />
        ))}
        <span className="recon-label dec" title={t('recon.outputs')}>x̂</span>
        {cells.map((i) => (
          <canvas
            key={`out-${i}`}
            ref={(el) => {
              outputs.current[i] = el;
            }}
            width={DEFAULT_SIDE}
            height={DEFAULT_SIDE}
            role="img"
            aria-label={t('recon.output', { n: i + 1 })}
          />
        ))}
      </div>
      <p className="caption">
        {step === null ? t('recon.noStep') : t('recon.step', { n: step.toLocaleString('en-US') })}
      </p>
    </section>
  );
}
