// Mean images for a small batch of latent vectors (interpolation, prior samples), decoded
// again whenever the weights change so the strip follows training.
import { useEffect, useRef, useState } from 'react';
import { usePlaygroundClient } from '../usePlayground';
import { LatestOnly } from './latestOnly';

export function useBatchDecode(z: Float32Array | null, n: number, weightsStep: number): Float32Array | null {
  const client = usePlaygroundClient();
  const [images, setImages] = useState<Float32Array | null>(null);
  const current = useRef<Float32Array | null>(z);
  current.current = z;
  const queue = useRef<LatestOnly<Float32Array, Float32Array> | null>(null);
  queue.current ??= new LatestOnly<Float32Array, Float32Array>(
    (batch) => client.decode(batch, n),
    // An answer for z's that were since replaced or cleared is not shown.
    (pixels, batch) => {
      if (current.current === batch) setImages(pixels);
    },
    () => {},
  );
  useEffect(() => {
    if (!z) {
      setImages(null);
      return;
    }
    if (weightsStep >= 0) queue.current?.request(z);
  }, [z, weightsStep]);
  return images;
}
