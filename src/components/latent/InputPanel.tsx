// The input x: the hovered or picked test image, or the reader's drawing, and the pad itself.
import { DrawPad } from './DrawPad';
import { ImageCanvas } from './ImageCanvas';

interface InputPanelProps {
  image: Float32Array | null;
  caption: string;
  normalizeDrawing: boolean;
  onDrawn(pixels: Float32Array | null): void;
}

export function InputPanel({ image, caption, normalizeDrawing, onDrawn }: InputPanelProps) {
  return (
    <section className="lx-input" aria-label="Input">
      <h3 className="lx-col-title">
        input <span className="lx-math">x</span>
      </h3>
      <ImageCanvas pixels={image} label={`Input image: ${caption}`} className="lx-input-image" />
      <p className="lx-caption">{caption}</p>
      <h3 className="lx-col-title lx-sub">draw your own</h3>
      <DrawPad normalize={normalizeDrawing} onChange={onDrawn} />
    </section>
  );
}
