// The speed probe, remembered per browser in localStorage, so it runs on the first visit only.
// Storage may be missing, full or disabled (private windows): then the probe simply runs again.

import { usableProbe } from '../shared/backendPlan';
import type { BackendProbe } from '../shared/protocol';

const KEY = 'vae-playground.backend-probe';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The probe measured earlier in this browser, when there is a usable one. */
export function rememberedProbe(): BackendProbe | null {
  try {
    const raw = storage()?.getItem(KEY);
    return raw ? usableProbe(JSON.parse(raw), navigator.userAgent) : null;
  } catch {
    return null;
  }
}

export function rememberProbe(probe: BackendProbe): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(probe));
  } catch {
    // Not remembered: the next visit measures again.
  }
}

/** Forgets the probe, so the next start measures again. */
export function forgetProbe(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
