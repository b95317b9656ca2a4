// A 28×28 image as an accessible, pixelated canvas; paints whenever its pixels change.
import { useEffect, useRef } from 'react';
import { IMAGE_SIDE, paintImage } from './paintImage';
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
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    if (pixels) paintImage(canvas, pixels, offset, theme);
    else canvas.getContext('2d')?.clearRect(0, 0, IMAGE_SIDE, IMAGE_SIDE);
  }, [pixels, offset, theme]);
  return (
    <canvas
      ref={ref}
      width={IMAGE_SIDE}
      height={IMAGE_SIDE}
      role="img"
      aria-label={label}
      title={title}
      className={`lx-image ${className ?? ''}`}
    />
  );
}
