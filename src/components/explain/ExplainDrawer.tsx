// The explanation drawer's place in the page. Its panel (DrawerPanel: the sections, their styles
// and Temml, the formula renderer) is a separate chunk, fetched when the drawer first opens, or
// a moment earlier when the pointer or focus reaches an (i): none of it is needed for the first
// paint. Once loaded it stays mounted, so it returns focus to the opener on close as before.
import { lazy, Suspense, useState, type ComponentType } from 'react';
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

export function ExplainDrawer() {
  const { open } = useDrawer();
  const [wanted, setWanted] = useState(open);
  // Set during render (React's pattern for state derived from a change): from the first open on.
  if (open && !wanted) setWanted(true);
  if (!open && !wanted) return null;
  return (
    <Suspense fallback={null}>
      <DrawerPanel />
    </Suspense>
  );
}
