// d3-zoom on the map's SVG: wheel and pinch zoom, drag on the background pans. The handle is
// excluded (it drags the latent point instead), and double-click does not zoom (it picks).
import { select, zoom as d3zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Zoom } from '../latentShared/geometry';

export const ZOOM_EXTENT: [number, number] = [0.5, 60];

export function useMapZoom(svg: RefObject<SVGSVGElement | null>, onZoom: (t: Zoom) => void, onEnd: () => void) {
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const handlers = useRef({ onZoom, onEnd });
  handlers.current = { onZoom, onEnd };

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const z = d3zoom<SVGSVGElement, unknown>()
      .scaleExtent(ZOOM_EXTENT)
      .filter((e: Event) => {
        const me = e as MouseEvent;
        const onHandle = (e.target as Element | null)?.closest?.('.lx-handle');
        return (!me.ctrlKey || e.type === 'wheel') && !me.button && !onHandle;
      })
      .on('zoom', (e: { transform: Zoom }) => handlers.current.onZoom({ k: e.transform.k, x: e.transform.x, y: e.transform.y }))
      .on('end', () => handlers.current.onEnd());
    behaviour.current = z;
    select(el).call(z).on('dblclick.zoom', null);
    return () => {
      select(el).on('.zoom', null);
    };
  }, [svg]);

  const zoomBy = useCallback(
    (factor: number) => {
      if (svg.current && behaviour.current) select(svg.current).transition().duration(200).call(behaviour.current.scaleBy, factor);
    },
    [svg],
  );
  const resetZoom = useCallback(() => {
    const el = svg.current;
    if (!el || !behaviour.current) return;
    const t = zoomTransform(el);
    // Nothing to undo, or no size yet to animate across (d3 would interpolate to NaN).
    if ((t.k === 1 && t.x === 0 && t.y === 0) || el.clientWidth === 0) return;
    select(el).transition().duration(250).call(behaviour.current.transform, zoomIdentity);
  }, [svg]);
  return { zoomBy, resetZoom };
}
