// One image (28×28, or 32×32 for Shapes) as an accessible, pixelated canvas; paints whenever its pixels change.
import { useEffect, useRef } from 'react';
import { paintImage } from './paintImage';
import { useImageSide } from './imageSide';
import { useTheme } from './useTheme';

interface ImageCanvasProps {
  /** [0,1] values; the image starts at `offset`. null clears the canvas. */
  pixels: ArrayLike<number> | null;
  offset?: number;
  label: string;
  className?: string;
  title?: string;
}

export function ImageCanvas({ pixels, offset = 0, label, className, title }: ImageCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const side = useImageSide();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    if (pixels) paintImage(canvas, pixels, offset, theme, side);
    else canvas.getContext('2d')?.clearRect(0, 0, side, side);
  }, [pixels, offset, theme, side]);
  return (
    <canvas
      ref={ref}
      width={side}
      height={side}
      role="img"
      aria-label={label}
      title={title}
      className={`lx-image ${className ?? ''}`}
    />
  );
}
