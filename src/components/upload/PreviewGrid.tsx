// The converted images as the model will see them: up to 100 in a 10-wide grid on one canvas
// (one putImageData, not a hundred elements), pixelated, in the page's image colours.
import { useEffect, useRef } from 'react';
import { IMAGE_PIXELS, IMAGE_SIZE, type ConvertedImages } from '../../data/imageImport/types';
import { grayToRgba } from '../palette';
import { useT } from '../i18n/LanguageProvider';
import { useTheme } from '../latentShared/useTheme';

export const PREVIEW_MAX = 100;
const COLUMNS = 10;

export function PreviewGrid({ images }: { images: ConvertedImages }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const t = useT();
  const n = Math.min(PREVIEW_MAX, images.count);
  const cols = Math.min(COLUMNS, n);
  const rows = Math.ceil(n / COLUMNS);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || n === 0) return;
    const sheet = new ImageData(cols * IMAGE_SIZE, rows * IMAGE_SIZE);
    const row = new Uint8ClampedArray(IMAGE_SIZE * 4);
    const values = new Float32Array(IMAGE_SIZE);
    for (let k = 0; k < n; k++) {
      const [tx, ty] = [(k % COLUMNS) * IMAGE_SIZE, Math.floor(k / COLUMNS) * IMAGE_SIZE];
      for (let r = 0; r < IMAGE_SIZE; r++) {
        const base = k * IMAGE_PIXELS + r * IMAGE_SIZE;
        for (let c = 0; c < IMAGE_SIZE; c++) values[c] = images.pixels[base + c] / 255;
        grayToRgba(values, 0, IMAGE_SIZE, row, theme);
        sheet.data.set(row, ((ty + r) * sheet.width + tx) * 4);
      }
    }
    ctx.putImageData(sheet, 0, 0);
  }, [images, n, cols, rows, theme]);
  if (n === 0) return null;
  return (
    <figure className="upload-preview">
      <canvas ref={ref} width={cols * IMAGE_SIZE} height={rows * IMAGE_SIZE} role="img" aria-label={t('upload.preview')} />
      {images.count > n && <figcaption>{t('upload.previewNote', { n, count: images.count.toLocaleString('en') })}</figcaption>}
    </figure>
  );
}
