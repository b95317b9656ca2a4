// The draggable latent point ◎: pointer (mouse, pen, touch) and keyboard move it; every move
// goes straight to the point store, which the decoder listens to. The handle is placed when
// the store presents a z (with its decoded image), by setting attributes, not by rendering.

import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { formatZ, screenToZ, visibleDomain, zToScreen, type BaseView, type Zoom } from '../latentShared/geometry';
import type { LatentPointStore } from '../latentShared/latentPoint';
import { eventTime } from './latency';
import { useT } from '../i18n/LanguageProvider';

/** z units per arrow-key press; Shift moves ten times as far. */
export const KEY_STEP = 0.05;

interface LatentHandleProps {
  point: LatentPointStore;
  dims: [number, number];
  base: BaseView;
  zoom: Zoom;
  width: number;
  height: number;
  svg: RefObject<SVGSVGElement | null>;
}

/** Whether the browser sends pointerrawupdate (Chromium, secure contexts). */
const RAW_UPDATES = typeof window !== 'undefined' && 'onpointerrawupdate' in window;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

const valueText = (z: Float32Array, dx: number, dy: number) => `z${dx + 1} = ${formatZ(z[dx] ?? 0)}, z${dy + 1} = ${formatZ(z[dy] ?? 0)}`;

export function LatentHandle({ point, dims, base, zoom, width, height, svg }: LatentHandleProps) {
  const t = useT();
  const ref = useRef<SVGGElement>(null);
  const drag = useRef<{ left: number; top: number; offX: number; offY: number } | null>(null);
  const [dx, dy] = dims;

  // A layout effect: placed before the first paint, not one frame later at the corner.
  useLayoutEffect(() => {
    const place = (z: Float32Array) => {
      const g = ref.current;
      if (!g) return;
      const [px, py] = zToScreen(base, zoom, z[dx] ?? 0, z[dy] ?? 0);
      g.setAttribute('transform', `translate(${px},${py})`);
      g.setAttribute('aria-valuenow', (z[dx] ?? 0).toFixed(2));
      g.setAttribute('aria-valuetext', valueText(z, dx, dy));
    };
    place(point.shown);
    return point.watch(place);
  }, [point, base, zoom, dx, dy]);

  const moveToPointer = (e: { clientX: number; clientY: number }, t0: number) => {
    const d = drag.current;
    if (!d) return;
    // Kept inside the visible map, so the point can always be seen and grabbed again.
    const px = clamp(e.clientX - d.left - d.offX, 0, width);
    const py = clamp(e.clientY - d.top - d.offY, 0, height);
    const [nx, ny] = screenToZ(base, zoom, px, py);
    point.moveTo(dx, dy, nx, ny, t0);
  };

  const onPointerDown = (e: PointerEvent<SVGGElement>) => {
    if (e.button !== 0) return;
    // preventDefault: no compatibility mouse events, so d3-zoom does not start a pan as well.
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    const rect = svg.current?.getBoundingClientRect();
    if (!rect) return;
    // The pointer grabbed the handle where it is drawn: the presented z.
    const shown = point.shown;
    const [sx, sy] = zToScreen(base, zoom, shown[dx] ?? 0, shown[dy] ?? 0);
    drag.current = { left: rect.left, top: rect.top, offX: e.clientX - rect.left - sx, offY: e.clientY - rect.top - sy };
  };

  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    if (!drag.current) return;
    e.stopPropagation();
    if (!RAW_UPDATES) moveToPointer(e, eventTime(e.timeStamp));
  };

  // pointerrawupdate fires as the input arrives; pointermove waits for the next frame's start
  // (Chromium aligns it to animation frames), half a frame on average before the decode can begin.
  const moveNow = useRef(moveToPointer);
  moveNow.current = moveToPointer;
  useEffect(() => {
    const g = ref.current;
    if (!g || !RAW_UPDATES) return;
    const onRaw = (e: Event) => {
      if (drag.current && e instanceof window.PointerEvent) moveNow.current(e, eventTime(e.timeStamp));
    };
    g.addEventListener('pointerrawupdate', onRaw);
    return () => g.removeEventListener('pointerrawupdate', onRaw);
  }, []);

  const endDrag = (e: PointerEvent<SVGGElement>) => {
    if (!drag.current) return;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    const t0 = eventTime(e.timeStamp);
    // Read at event time, never from a render: the point moves without rendering.
    const zx = point.value[dx] ?? 0;
    const zy = point.value[dy] ?? 0;
    const step = e.shiftKey ? 10 * KEY_STEP : KEY_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    if (e.key === 'Home') {
      e.preventDefault();
      point.moveTo(dx, dy, 0, 0, t0);
      return;
    }
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    // Rounded to the step's grid, so repeated presses read as clean numbers.
    const snap = (v: number) => Math.round(v / KEY_STEP) * KEY_STEP;
    point.moveTo(dx, dy, snap(zx + m[0]), snap(zy + m[1]), t0);
  };

  const vis = visibleDomain(base, zoom, width, height);
  // transform, aria-valuenow and aria-valuetext are owned by the effect above.
  return (
    <g
      ref={ref}
      className="lx-handle"
      role="slider"
      tabIndex={0}
      aria-label={t('lx.pointAria')}
      aria-roledescription="2-D slider"
      aria-valuemin={Number(vis.x0.toFixed(2))}
      aria-valuemax={Number(vis.x1.toFixed(2))}
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowLeft Home"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      // The click that ends a drag is no pick: the map would move z to the test point under ◎.
      onClick={(e) => e.stopPropagation()}
      onKeyDown={onKeyDown}
    >
      <title>{t('lx.pointTitle')}</title>
      <circle className="lx-handle-hit" r={16} />
      <circle className="lx-handle-halo" r={9} />
      <circle className="lx-handle-ring" r={9} />
      <circle className="lx-handle-dot" r={2.5} />
    </g>
  );
}
