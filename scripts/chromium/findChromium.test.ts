import { describe, expect, it } from 'vitest';
import { findChromium } from './findChromium.ts';

describe('findChromium', () => {
  it('prefers CHROME_PATH, then the system Chromium', () => {
    const all = (p: string) => ['/opt/chrome', '/usr/bin/chromium', '/usr/bin/chromium-browser'].includes(p);
    expect(findChromium({ CHROME_PATH: '/opt/chrome' }, all)).toMatchObject({ source: 'CHROME_PATH', executablePath: '/opt/chrome' });
    expect(findChromium({}, all)).toMatchObject({ source: 'system', executablePath: '/usr/bin/chromium' });
  });

  it('skips a CHROME_PATH that does not exist and finds Ubuntu\'s chromium-browser', () => {
    const ubuntu = (p: string) => p === '/usr/bin/chromium-browser';
    expect(findChromium({ CHROME_PATH: '/nope' }, ubuntu)).toMatchObject({ source: 'system', path: '/usr/bin/chromium-browser' });
  });

  it('leaves the executable to Playwright when only its own download exists', () => {
    const found = findChromium({}, () => false);
    // Playwright's own Chromium is found through its real path on disk, so either it is there or nothing is.
    if (found) expect(found).toMatchObject({ source: 'playwright', executablePath: undefined });
    else expect(found).toBeUndefined();
  });
});
