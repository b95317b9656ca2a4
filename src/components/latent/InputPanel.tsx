// The input x: the hovered or picked test image, or the reader's drawing, and the pad itself.
import { DrawPad } from './DrawPad';
import { ImageCanvas } from '../latentShared/ImageCanvas';
import { useT } from '../i18n/LanguageProvider';

interface InputPanelProps {
  image: Float32Array | null;
  caption: string;
  normalizeDrawing: boolean;
  onDrawn(pixels: Float32Array | null): void;
}

export function InputPanel({ image, caption, normalizeDrawing, onDrawn }: InputPanelProps) {
  const t = useT();
  return (
    <section className="lx-input" aria-label={t('lx.inputAria')}>
      <h3 className="lx-col-title">
        {t('lx.input')} <span className="lx-math">x</span>
      </h3>
      <ImageCanvas pixels={image} label={t('lx.inputImage', { caption })} className="lx-input-image" />
      <p className="lx-caption">{caption}</p>
      <h3 className="lx-col-title lx-sub">{t('lx.drawOwn')}</h3>
      <DrawPad normalize={normalizeDrawing} onChange={onDrawn} />
    </section>
  );
}
