import { describe, expect, it } from 'vitest';
import { isolateThroughServiceWorker, RELOADED_KEY, SERVICE_WORKER_FILE, type IsolationHost } from './crossOriginIsolation';

const BASE = 'https://user.github.io/repo/';

/** A page as the decision sees it; `worker` says what registering does. */
function fakeHost(options: {
  isolated?: boolean;
  secure?: boolean;
  worker?: 'registers' | 'rejects' | 'blocked' | 'never-active' | 'missing';
  controlled?: boolean;
  storage?: 'ok' | 'refused';
  reloadedBefore?: boolean;
}) {
  const calls = { registered: [] as string[], reloads: 0 };
  const store = new Map<string, string>(options.reloadedBefore ? [[RELOADED_KEY, '1']] : []);
  const refuse = () => {
    throw new DOMException('denied', 'SecurityError');
  };
  const worker = options.worker ?? 'registers';
  const host: IsolationHost = {
    crossOriginIsolated: options.isolated ?? false,
    isSecureContext: options.secure ?? true,
    serviceWorker:
      worker === 'missing'
        ? undefined
        : ({
            controller: options.controlled ? ({} as ServiceWorker) : null,
            register: async (url: string | URL) => {
              calls.registered.push(String(url));
              if (worker === 'rejects') throw new DOMException('Failed to register a ServiceWorker: The user denied permission.', 'SecurityError');
              return (worker === 'blocked' ? undefined : {}) as ServiceWorkerRegistration;
            },
            ready: worker === 'never-active' ? new Promise<ServiceWorkerRegistration>(() => {}) : Promise.resolve({} as ServiceWorkerRegistration),
          } as unknown as Pick<ServiceWorkerContainer, 'controller' | 'register' | 'ready'>),
    sessionStorage:
      options.storage === 'refused'
        ? { getItem: refuse, setItem: refuse, removeItem: refuse }
        : { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
    reload: () => {
      calls.reloads++;
    },
  };
  return { host, calls, store };
}

describe('cross-origin isolation through the service worker', () => {
  it('registers the worker beside index.html under a sub-path, waits for it, and reloads once', async () => {
    const { host, calls, store } = fakeHost({});
    expect(await isolateThroughServiceWorker(BASE, host)).toEqual({ state: 'reloading' });
    expect(calls.registered).toEqual([`https://user.github.io/repo/${SERVICE_WORKER_FILE}`]);
    expect(calls.reloads).toBe(1);
    expect(store.has(RELOADED_KEY)).toBe(true);
  });

  it('does nothing where the page is isolated already, and clears the reload mark', async () => {
    const { host, calls, store } = fakeHost({ isolated: true, reloadedBefore: true });
    expect(await isolateThroughServiceWorker(BASE, host)).toEqual({ state: 'isolated' });
    expect(calls.registered).toEqual([]);
    expect(calls.reloads).toBe(0);
    expect(store.has(RELOADED_KEY)).toBe(false);
  });

  it('never reloads twice: after a reload that did not isolate, or when the worker already serves the page', async () => {
    for (const options of [{ reloadedBefore: true }, { controlled: true }]) {
      const { host, calls } = fakeHost(options);
      const result = await isolateThroughServiceWorker(BASE, host);
      expect(result.state).toBe('single');
      expect(calls.reloads).toBe(0);
      expect(calls.registered).toEqual([]);
    }
  });

  it('starts single-threaded, saying why, where service workers are missing, refused, blocked or slow', async () => {
    const cases = [
      [{ secure: false }, /HTTPS/],
      [{ worker: 'missing' }, /unavailable/],
      [{ worker: 'rejects' }, /could not be registered \(Failed to register a ServiceWorker: The user denied permission\.\)/],
      [{ worker: 'blocked' }, /not registered \(blocked\)/],
      [{ worker: 'never-active' }, /did not start within 0\.05 s/],
      [{ storage: 'refused' }, /session storage/],
    ] as const;
    for (const [options, reason] of cases) {
      const { host, calls } = fakeHost(options);
      const result = await isolateThroughServiceWorker(BASE, host, 50);
      expect(result.state).toBe('single');
      expect(result.state === 'single' ? result.reason : '').toMatch(reason);
      expect(calls.reloads).toBe(0);
    }
  });
});
