// The latent point's coordinates as text, e.g. "z = (0.52, −1.31)", written into the DOM when
// the store presents a z, in the same frame as its decoded image.
import { useLayoutEffect, useRef } from 'react';
import { formatZ } from '../latentShared/geometry';
import type { LatentPointStore } from '../latentShared/latentPoint';

const sub = (j: number) => String(j + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);

export function coordsText(z: Float32Array, dx: number, dy: number): string {
  const name = z.length === 2 ? 'z' : `(z${sub(dx)}, z${sub(dy)})`;
  return `${name} = (${formatZ(z[dx] ?? 0)}, ${formatZ(z[dy] ?? 0)})`;
}

export function CoordsReadout({ point, dims }: { point: LatentPointStore; dims: [number, number] }) {
  const ref = useRef<HTMLOutputElement>(null);
  const [dx, dy] = dims;
  useLayoutEffect(() => {
    const write = (z: Float32Array) => {
      if (ref.current) ref.current.textContent = coordsText(z, dx, dy);
    };
    write(point.shown);
    return point.watch(write);
  }, [point, dx, dy]);
  return <output ref={ref} className="lx-coords" data-testid="latent-coords" aria-live="off" />;
}
