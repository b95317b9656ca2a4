/// <reference lib="webworker" />
// The image import worker: turns the user's files into 28 × 28 gray images off the main
// thread, with the browser's own decoder (createImageBitmap) and an OffscreenCanvas to scale.
// One import per worker; the page starts a new one for the next import or to cancel.
// The files never leave this browser: nothing here fetches or posts anywhere but the page.

import { importImages, type Decoder, type Picture, type SourceFile } from '../data/imageImport/importImages';
import { IMAGE_SIZE } from '../data/imageImport/types';
import type { FromImporter, ToImporter } from '../shared/protocol';
import { errorText } from '../shared/workerErrors';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Progress at most this often: a folder of small files converts hundreds per second. */
const PROGRESS_MS = 100;

const canvas = new OffscreenCanvas(IMAGE_SIZE, IMAGE_SIZE);
const context = canvas.getContext('2d', { willReadFrequently: true });

const decoder: Decoder = {
  async open(bytes) {
    if (!context) throw new Error('this browser offers no 2D canvas in workers');
    const bitmap = await createImageBitmap(new Blob([bytes as BlobPart]));
    const picture: Picture = {
      width: bitmap.width,
      height: bitmap.height,
      fitted(sx, sy, sw, sh, rect) {
        context.clearRect(0, 0, IMAGE_SIZE, IMAGE_SIZE);
        context.imageSmoothingEnabled = true;
        context.imageSmoothingQuality = 'high';
        context.drawImage(bitmap, sx, sy, sw, sh, rect.x, rect.y, rect.width, rect.height);
        return context.getImageData(0, 0, IMAGE_SIZE, IMAGE_SIZE).data;
      },
      close: () => bitmap.close(),
    };
    return picture;
  },
};

function post(msg: FromImporter, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = async (e: MessageEvent<ToImporter>) => {
  const { files, sprite } = e.data;
  const sources: SourceFile[] = files.map(({ path, file }) => ({ path, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) }));
  let last = 0;
  const onProgress = (done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_MS) return;
    last = now;
    post({ type: 'importProgress', done, total });
  };
  try {
    const images = await importImages(sources, { sprite }, decoder, onProgress);
    post({ type: 'imported', images }, [images.pixels.buffer, images.labels.buffer]);
  } catch (err) {
    post({ type: 'importFailed', message: errorText(err) });
  }
};
