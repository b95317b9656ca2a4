// Whether the device has no hover (a phone or a tablet without a mouse): hints then say "tap"
// instead of "hover" and "click". Follows the media query as it changes (a tablet's keyboard
// cover with a trackpad attached).
import { useSyncExternalStore } from 'react';

const QUERY = '(hover: none)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function snapshot(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(QUERY).matches;
}

export function useNoHover(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
