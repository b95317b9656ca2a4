import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExplainStore, SAMPLE_MS, type FocusView } from './explainStore';
import { mulberry32 } from './monteCarlo';

const focus = (mu: number[], logvar: number[] | null): FocusView => ({
  kind: 'test',
  index: 3,
  className: '7',
  x: null,
  mu: Float32Array.from(mu),
  logvar: logvar ? Float32Array.from(logvar) : null,
  dims: [0, 1],
});

afterEach(() => vi.useRealTimers());

describe('ExplainStore', () => {
  it('opens, switches and closes the drawer, telling only drawer listeners', () => {
    const store = new ExplainStore(mulberry32(1), false);
    const drawer = vi.fn();
    const other = vi.fn();
    store.subscribe('drawer', drawer);
    store.subscribe('focus', other);
    store.open('kl');
    expect(store.drawer).toEqual({ open: true, section: 'kl' });
    store.show('mc');
    store.show('mc');
    store.close();
    expect(store.drawer).toEqual({ open: false, section: 'mc' });
    expect(drawer).toHaveBeenCalledTimes(3);
    expect(other).not.toHaveBeenCalled();
  });

  it('draws z = μ + σ·ε for the code in focus, and nothing for the AE', () => {
    const store = new ExplainStore(mulberry32(2), false);
    store.setFocus(focus([1, -2], [Math.log(4), 0]));
    const s = store.sample;
    expect(s).not.toBeNull();
    expect(s?.z[0]).toBeCloseTo(1 + 2 * (s?.eps[0] ?? NaN), 5);
    expect(s?.z[1]).toBeCloseTo(-2 + (s?.eps[1] ?? NaN), 5);
    store.setFocus(focus([1, -2], null));
    expect(store.sample).toBeNull();
  });

  it('redraws ε on a timer while a code is in focus, and stops when focus goes', () => {
    vi.useFakeTimers();
    const store = new ExplainStore(mulberry32(3), true);
    store.setFocus(focus([0], [0]));
    const first = store.sample?.seq;
    vi.advanceTimersByTime(SAMPLE_MS * 2 + 1);
    expect(store.sample?.seq).toBe((first ?? 0) + 2);
    store.setFocus(null);
    expect(store.sample).toBeNull();
    vi.advanceTimersByTime(SAMPLE_MS * 3);
    expect(store.sample).toBeNull();
    store.dispose();
  });

  it('passes tab requests to the explorer', () => {
    const store = new ExplainStore(mulberry32(4), false);
    const onTab = vi.fn();
    const off = store.onTabRequest(onTab);
    store.requestTab('traversal');
    off();
    store.requestTab('traversal');
    expect(onTab).toHaveBeenCalledTimes(1);
  });
});
