// The explanation drawer's place in the page. Its panel (DrawerPanel: the sections, their styles
// and Temml, the formula renderer) is a separate chunk: none of it is needed for the first paint.
// It is fetched once the page has painted (when the browser is next idle), or earlier when the
// pointer or focus reaches an (i), or on the first open at the latest. Once loaded it stays
// mounted, so it returns focus to the opener on close as before.
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { useDrawer } from './ExplainContext';

type PanelModule = { default: ComponentType };
let panel: Promise<PanelModule> | null = null;

/** Starts fetching the drawer's chunk (once; again after a failed fetch); an (i) calls it on hover and focus. */
export function preloadDrawer(): Promise<PanelModule> {
  panel ??= import('./DrawerPanel').then(
    (m) => ({ default: m.DrawerPanel }),
    (err: unknown) => {
      panel = null;
      throw err;
    },
  );
  return panel;
}

const DrawerPanel = lazy(preloadDrawer);

/** The page's first-paint marks (latent/latency.ts; explain/ imports nothing from latent/). */
const FIRST_PAINT_MARKS = ['vae:first-map', 'vae:first-decode'];

/** Preloads the panel when both first-paint marks are set and the browser is idle; returns a cancel. */
function preloadAfterFirstPaint(): () => void {
  let cancelled = false;
  let observer: PerformanceObserver | undefined;
  const painted = () => FIRST_PAINT_MARKS.every((m) => performance.getEntriesByName(m, 'mark').length > 0);
  const whenIdle = () => {
    observer?.disconnect();
    const run = () => {
      if (!cancelled) preloadDrawer().catch(() => undefined);
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
    else setTimeout(run, 1000);
  };
  if (painted()) whenIdle();
  else if (typeof PerformanceObserver === 'function') {
    observer = new PerformanceObserver(() => {
      if (painted()) whenIdle();
    });
    observer.observe({ type: 'mark' });
  }
  return () => {
    cancelled = true;
    observer?.disconnect();
  };
}

export function ExplainDrawer() {
  const { open } = useDrawer();
  const [wanted, setWanted] = useState(open);
  // Set during render (React's pattern for state derived from a change): from the first open on.
  if (open && !wanted) setWanted(true);
  useEffect(() => preloadAfterFirstPaint(), []);
  if (!open && !wanted) return null;
  return (
    <Suspense fallback={null}>
      <DrawerPanel />
    </Suspense>
  );
}
