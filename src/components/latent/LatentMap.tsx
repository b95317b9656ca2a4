// The latent space: manifold grid (canvas) under the test codes (canvas) under the marks and
// the draggable point (SVG). d3-zoom pans and zooms; canvases redraw at most once a frame.
// The grid's tiles never shrink below a legible size (CSS --grid-min-tile: more on a
// projector), the codes can be hidden to show the grid alone, and the map can go full screen.

import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import type { LatentSnapshot } from '../../client/clientTypes';
import { usePlaygroundClient } from '../usePlayground';
import {
  buildPointIndex,
  centredSquare,
  dataDomain,
  fitView,
  IDENTITY,
  nearestPoint,
  pixelsPerUnit,
  screenToZ,
  settleDomain,
  visibleDomain,
  type Domain,
  type PointIndex,
  type Zoom,
} from '../latentShared/geometry';
import { LatentHandle } from './LatentHandle';
import type { LatentPointStore } from '../latentShared/latentPoint';
import { recordPointsDraw } from './latency';
import { MapOverlay, type MapMarks } from './MapOverlay';
import { drawPoints, preparePoints } from './pointsLayer';
import { drawSheet, legibleGridSize, useManifoldGrid } from './useManifoldGrid';
import { useFullView } from './useFullView';
import { FullScreenIcon } from './FullViewButton';
import { useMapZoom } from './useMapZoom';
import { useTheme } from '../latentShared/useTheme';
import { useT } from '../i18n/LanguageProvider';

const PAD = 14;
/** Hover and click reach the nearest code within this many pixels. */
const HIT_PX = 10;
const START: Domain = { x0: -3.6, x1: 3.6, y0: -3.6, y1: 3.6 };

export interface LatentMapProps {
  latent: LatentSnapshot | null;
  dims: [number, number];
  kind: LatentSnapshot['kind'];
  latentDim: number;
  classNames: readonly string[];
  colors: readonly string[];
  highlight: number | null;
  marks: MapMarks;
  point: LatentPointStore;
  /** The manifold grid: on, its size, and whether the codes are hidden to show it alone. */
  grid: { on: boolean; n: number; only?: boolean };
  weightsStep: number;
  onHover(index: number): void;
  onPick(index: number): void;
}

export const LatentMap = memo(function LatentMap(props: LatentMapProps) {
  const t = useT();
  // Compare shows two maps: each needs its own id for its description.
  const helpId = useId();
  const { latent, dims, kind, latentDim, classNames, colors, highlight, marks, point, grid, weightsStep, onHover, onPick } = props;
  const client = usePlaygroundClient();
  const theme = useTheme();
  const root = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const gridCanvas = useRef<HTMLCanvasElement>(null);
  const pointsCanvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [zoom, setZoom] = useState<Zoom>(IDENTITY);
  const [domain, setDomain] = useState<Domain>(START);
  const [settled, setSettled] = useState<Domain | null>(null);
  const [minTile, setMinTile] = useState(20);
  const fullView = useFullView<HTMLDivElement>();
  const [dx, dy] = dims;

  // A new pair of dimensions or a new model kind is a new picture: start from its own extent.
  const shownKey = `${dx} ${dy} ${kind}`;
  const lastKey = useRef(shownKey);
  useEffect(() => {
    const fresh = lastKey.current !== shownKey;
    lastKey.current = shownKey;
    if (!latent || latent.dim <= Math.max(dx, dy)) {
      if (fresh || !latent) setDomain(START);
      return;
    }
    // A VAE's view always takes in the prior's 3σ circle; an AE's shows only how far its codes spread.
    const target = dataDomain(latent.mu, latent.count, latent.dim, dx, dy, kind === 'vae' ? 3.3 : 0.25);
    setDomain((prev) => settleDomain(fresh ? null : prev, target));
  }, [latent, dx, dy, kind, shownKey]);

  const usable = latent && latent.dim > Math.max(dx, dy) ? latent : null;
  const prepared = useMemo(() => (usable ? preparePoints(usable, dx, dy, Math.max(colors.length, 1)) : null), [usable, dx, dy, colors.length]);
  // Built on the first hover after an update, not on every update: while training runs with
  // the pointer elsewhere, no frame pays for it.
  const index = useMemo(() => {
    let built: PointIndex | null = null;
    return () => (usable ? (built ??= buildPointIndex(usable.mu, usable.count, usable.dim, dx, dy)) : null);
  }, [usable, dx, dy]);
  const base = useMemo(() => fitView(domain, Math.max(size.w, 1), Math.max(size.h, 1), PAD), [domain, size]);

  // Everything the frame callback reads, always current, so it never needs React.
  const pointsShown = !(grid.on && grid.only);
  const live = useRef({ base, zoom, prepared, highlight, gridOn: grid.on, pointsShown, colors, size });
  live.current = { ...live.current, base, prepared, highlight, gridOn: grid.on, pointsShown, colors, size };

  const frame = useRef(0);
  const sheetRef = useRef<ReturnType<typeof useManifoldGrid> | null>(null);
  const draw = useCallback(() => {
    frame.current = 0;
    const { base: v, zoom: t, prepared: pts, highlight: hl, gridOn, pointsShown: shown, colors: cs, size: sz } = live.current;
    const dpr = window.devicePixelRatio || 1;
    const pctx = pointsCanvas.current?.getContext('2d');
    if (pctx) {
      const ms = drawPoints(pctx, shown ? pts : null, v, t, { width: sz.w, height: sz.h, dpr, colors: cs, highlight: hl, alpha: gridOn ? 0.55 : 0.8 });
      if (pts && shown) recordPointsDraw(ms);
    }
    const gctx = gridCanvas.current?.getContext('2d');
    if (gctx) drawSheet(gctx, gridOn ? (sheetRef.current?.current ?? null) : null, v, t, sz.w, sz.h, dpr);
  }, []);
  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const gridDomain = useMemo(() => (settled ? centredSquare(settled) : null), [settled]);
  // The grid spans the largest square on screen; fewer tiles when the chosen number would make them too small to read.
  const gridN = legibleGridSize(grid.n, Math.min(size.w, size.h), minTile);
  const sheet = useManifoldGrid(
    client,
    { enabled: grid.on, n: gridN, domain: gridDomain, dims, dim: latentDim, weightsStep, theme },
    schedule,
  );
  sheetRef.current = sheet;

  useEffect(schedule, [schedule, base, prepared, highlight, grid.on, pointsShown, colors, size]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize({ w: Math.floor(width), h: Math.floor(height) });
      // Presentation mode and full screen change both the size and the legible tile.
      const tile = Number.parseFloat(getComputedStyle(el).getPropertyValue('--grid-min-tile'));
      setMinTile(Number.isFinite(tile) && tile > 0 ? tile : 20);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const dpr = window.devicePixelRatio || 1;
    for (const c of [gridCanvas.current, pointsCanvas.current]) {
      if (!c) continue;
      c.width = Math.max(1, Math.round(size.w * dpr));
      c.height = Math.max(1, Math.round(size.h * dpr));
    }
    schedule();
  }, [size, schedule]);

  // The grid covers what is visible once the view stops moving.
  useEffect(() => {
    if (size.w > 0 && size.h > 0) setSettled(visibleDomain(base, live.current.zoom, size.w, size.h));
  }, [base, size]);

  const { zoomBy, resetZoom } = useMapZoom(
    svg,
    (t) => {
      live.current.zoom = t;
      setZoom(t);
      schedule();
    },
    () => {
      const { base: v, zoom: t, size: sz } = live.current;
      setSettled(visibleDomain(v, t, sz.w, sz.h));
    },
  );

  // Full screen takes the map with its legend where the explorer puts one beside it.
  const fullRef = fullView.ref;
  useEffect(() => {
    const el = root.current;
    fullRef.current = (el?.closest<HTMLDivElement>('.lx-map-area') ?? el) || null;
  }, [fullRef]);

  // A new pair of dimensions or model kind starts from the whole picture, not the old zoom.
  useEffect(() => resetZoom(), [resetZoom, shownKey]);

  const hit = (e: PointerEvent<SVGSVGElement> | MouseEvent<SVGSVGElement>): number => {
    const el = svg.current;
    const points = index();
    if (!points || !el) return -1;
    const rect = el.getBoundingClientRect();
    const t = live.current.zoom;
    const [zx, zy] = screenToZ(base, t, e.clientX - rect.left, e.clientY - rect.top);
    return nearestPoint(points, zx, zy, HIT_PX / pixelsPerUnit(base, t));
  };
  const hovered = useRef(-1);
  const setHovered = (i: number) => {
    if (i === hovered.current) return;
    hovered.current = i;
    if (svg.current) svg.current.style.cursor = i >= 0 ? 'pointer' : '';
    onHover(i);
  };

  return (
    <div ref={root} className="lx-map" role="region" aria-label={t('lx.mapAria')} aria-describedby={helpId} data-grid-n={grid.on ? gridN : undefined}>
      <p id={helpId} className="lx-sr-only">
        {t('lx.mapHelp')}
      </p>
      <div className="lx-map-box" ref={box}>
        <canvas ref={gridCanvas} className="lx-layer" data-testid="manifold-grid" style={{ width: size.w, height: size.h }} aria-hidden="true" />
        <canvas
          ref={pointsCanvas}
          className="lx-layer lx-points"
          data-testid="latent-points"
          style={{ width: size.w, height: size.h }}
          aria-hidden="true"
        />
        <svg
          ref={svg}
          className="lx-layer lx-interact"
          width={size.w}
          height={size.h}
          onPointerMove={(e) => {
            // A drag (of the point, or the view) is no hover: the decoded image follows the point.
            setHovered(e.buttons === 0 ? hit(e) : -1);
          }}
          onPointerLeave={() => setHovered(-1)}
          onClick={(e) => {
            const i = hit(e);
            if (i >= 0) onPick(i);
          }}
        >
          {size.w > 0 && (
            <>
              <MapOverlay width={size.w} height={size.h} base={base} zoom={zoom} dims={dims} latent={usable} marks={marks} classNames={classNames} colors={colors} kind={kind} />
              <LatentHandle point={point} dims={dims} base={base} zoom={zoom} width={size.w} height={size.h} svg={svg} />
            </>
          )}
        </svg>
        {!usable && <p className="lx-map-empty">{t('lx.mapEmpty')}</p>}
        {grid.on && gridN < grid.n && (
          <p className="lx-grid-note" data-testid="grid-note">
            {t('lx.gridClamped', { n: gridN, px: minTile })}
          </p>
        )}
        <div className="lx-zoom">
          <button type="button" aria-label={t('lx.zoomIn')} title={t('lx.zoomIn')} onClick={() => zoomBy(1.5)}>
            +
          </button>
          <button type="button" aria-label={t('lx.zoomOut')} title={t('lx.zoomOut')} onClick={() => zoomBy(1 / 1.5)}>
            −
          </button>
          <button type="button" aria-label={t('lx.zoomReset')} title={t('lx.zoomReset')} onClick={resetZoom}>
            ⟲
          </button>
          <button
            type="button"
            className="lx-full-toggle"
            aria-label={t(fullView.full ? 'lx.exitFullScreen' : 'lx.fullScreen')}
            title={t(fullView.full ? 'lx.exitFullScreen' : 'lx.fullScreen')}
            aria-pressed={fullView.full}
            onClick={fullView.toggle}
          >
            <FullScreenIcon exit={fullView.full} />
          </button>
        </div>
      </div>
    </div>
  );
});
