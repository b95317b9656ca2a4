// The explain store as React context, and hooks that re-render on one of its topics only.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { LatentPointStore } from '../latentShared/latentPoint';
import { ExplainStore, type DrawerState, type FocusView, type LogpxRun, type SampleView } from './explainStore';

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

// Components rendered without a provider (alone, in a test) get a store of their own that no
// drawer reads: their (i) buttons do nothing rather than throw.
const fallback = new ExplainStore(Math.random, false);
const ExplainContext = createContext<ExplainStore>(fallback);

export function ExplainProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new ExplainStore(Math.random, !reducedMotion()));
  useEffect(() => () => store.dispose(), [store]);
  return <ExplainContext.Provider value={store}>{children}</ExplainContext.Provider>;
}

export function useExplain(): ExplainStore {
  return useContext(ExplainContext);
}

export function useDrawer(): DrawerState {
  const store = useExplain();
  return useSyncExternalStore(
    (l) => store.subscribe('drawer', l),
    () => store.drawer,
  );
}

export function useFocus(): FocusView | null {
  const store = useExplain();
  return useSyncExternalStore(
    (l) => store.subscribe('focus', l),
    () => store.focus,
  );
}

/** The explorer's draggable point, once the explorer is on the page. */
export function usePointStore(): LatentPointStore | null {
  const store = useExplain();
  return useSyncExternalStore(
    (l) => store.subscribe('point', l),
    () => store.point,
  );
}

export function useSample(): SampleView | null {
  const store = useExplain();
  return useSyncExternalStore(
    (l) => store.subscribe('sample', l),
    () => store.sample,
  );
}

export function useLogpxRun(): LogpxRun | null {
  const store = useExplain();
  return useSyncExternalStore(
    (l) => store.subscribe('logpx', l),
    () => store.logpx,
  );
}
