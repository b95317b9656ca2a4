// Threads on hosts that cannot send COOP/COEP headers (GitHub Pages): coi-serviceworker's
// service worker (copied into the build by vite.config.ts) adds both headers to every response
// of the site, so after one reload the page is cross-origin isolated and WASM trains on helper
// threads. Nothing is loaded where the page is isolated already (the host sends the headers, or
// the worker is in place). Where service workers are missing or refused, or the reload did not
// help, the app starts single-threaded as before and the backend menu says so.

/** The service worker's file, next to index.html: its folder is the worker's scope. */
export const SERVICE_WORKER_FILE = 'coi-serviceworker.js';
/** Set just before our reload, so a reload that did not isolate the page is not repeated. */
export const RELOADED_KEY = 'vae-playground.isolation-reload';
/** How long the first visit waits for the worker to take over before starting without it. */
export const ACTIVATION_WAIT_MS = 5_000;

export type Isolation =
  | { state: 'isolated' }
  /** The page is reloading under the service worker; starting the app now would be thrown away. */
  | { state: 'reloading' }
  | { state: 'single'; reason: string };

/** What the decision reads from the page (the window in the app; a stand-in in tests). */
export interface IsolationHost {
  crossOriginIsolated: boolean;
  isSecureContext: boolean;
  serviceWorker?: Pick<ServiceWorkerContainer, 'controller' | 'register' | 'ready'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  reload(): void;
}

export function windowHost(): IsolationHost {
  return {
    crossOriginIsolated: window.crossOriginIsolated,
    isSecureContext: window.isSecureContext,
    // Absent in some private modes and on insecure origins.
    serviceWorker: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
    // Read on use: merely touching window.sessionStorage throws where storage is refused.
    sessionStorage: {
      getItem: (key) => window.sessionStorage.getItem(key),
      setItem: (key, value) => window.sessionStorage.setItem(key, value),
      removeItem: (key) => window.sessionStorage.removeItem(key),
    },
    reload: () => window.location.reload(),
  };
}

/**
 * Makes the page cross-origin isolated through the service worker when it is not already:
 * registers it (in `baseUrl`'s folder), waits until it is active and reloads the page once.
 * Resolves with what happened; never throws.
 */
export async function isolateThroughServiceWorker(baseUrl: string, host: IsolationHost = windowHost(), waitMs = ACTIVATION_WAIT_MS): Promise<Isolation> {
  const reloaded = readFlag(host);
  if (reloaded) writeFlag(host, false);
  if (host.crossOriginIsolated) return { state: 'isolated' };
  if (reloaded) return { state: 'single', reason: 'the service worker’s reload did not make the page cross-origin isolated' };
  if (!host.isSecureContext) return { state: 'single', reason: 'service workers need HTTPS (or localhost)' };
  const container = host.serviceWorker;
  if (!container) return { state: 'single', reason: 'service workers are unavailable in this browser or mode' };
  // Served through the worker and still not isolated: reloading again would not help.
  if (container.controller) return { state: 'single', reason: 'the service worker is in place but the page is not cross-origin isolated' };
  try {
    const registration = await container.register(new URL(SERVICE_WORKER_FILE, baseUrl).href);
    // A blocked registration can resolve with nothing instead of failing.
    if (!registration) return { state: 'single', reason: 'the service worker was not registered (blocked)' };
    const active = await Promise.race([container.ready.then(() => true), new Promise<false>((done) => setTimeout(() => done(false), waitMs))]);
    if (!active) return { state: 'single', reason: `the service worker did not start within ${waitMs / 1000} s` };
  } catch (err) {
    return { state: 'single', reason: `the service worker could not be registered (${err instanceof Error ? err.message : String(err)})` };
  }
  // Without the flag a reload that does not isolate the page could repeat forever.
  if (!writeFlag(host, true)) return { state: 'single', reason: 'this page cannot keep session storage, which the reload needs' };
  host.reload();
  return { state: 'reloading' };
}

function readFlag(host: IsolationHost): boolean {
  try {
    return host.sessionStorage.getItem(RELOADED_KEY) !== null;
  } catch {
    return false;
  }
}

/** False when storage is refused (sandboxed frames, some privacy settings). */
function writeFlag(host: IsolationHost, on: boolean): boolean {
  try {
    if (on) host.sessionStorage.setItem(RELOADED_KEY, '1');
    else host.sessionStorage.removeItem(RELOADED_KEY);
    return true;
  } catch {
    return false;
  }
}
