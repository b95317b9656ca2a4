import type { Browser } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { runInChromium, type BuildMode, type FrameParts } from './runInChromium';

/** Stand-ins for the build, the preview and the browser that write down what happened, in order. */
function fakeParts(opts: { exists: boolean; failAt?: 'build' | 'preview' | 'launch' }) {
  const events: string[] = [];
  let interrupt: (() => void) | null = null;
  const parts: FrameParts = {
    siteExists: () => opts.exists,
    buildSite: () => {
      events.push('build');
      if (opts.failAt === 'build') throw new Error('build failed');
      return 1234;
    },
    startPreview: async () => {
      events.push('preview');
      if (opts.failAt === 'preview') throw new Error('preview failed');
      return { url: 'http://127.0.0.1:5000/', stop: () => events.push('preview stopped') };
    },
    launchChromium: async () => {
      events.push('launch');
      if (opts.failAt === 'launch') throw new Error('launch failed');
      const browser = { close: async () => void events.push('browser closed') } as unknown as Browser;
      return { browser, executable: '/usr/bin/chromium', version: '140.0' };
    },
    onInterrupt: (stop) => {
      interrupt = stop;
      events.push('listening');
      return () => {
        interrupt = null;
        events.push('not listening');
      };
    },
  };
  return { parts, events, interrupt: () => interrupt };
}

const run = (build: BuildMode, f: ReturnType<typeof fakeParts>, measure: () => Promise<void> = async () => {}) =>
  runInChromium({ root: '/repo', build, log: () => {} }, measure, f.parts);

describe('runInChromium', () => {
  it('builds when asked or when no build is there, and only then', async () => {
    const cases: Array<[BuildMode, boolean, boolean]> = [
      ['always', true, true],
      ['always', false, true],
      ['if-missing', true, false],
      ['if-missing', false, true],
      ['never', true, false],
    ];
    for (const [mode, exists, builds] of cases) {
      const f = fakeParts({ exists });
      const outcome = await run(mode, f);
      expect(f.events.includes('build'), `${mode}, site ${exists ? 'there' : 'missing'}`).toBe(builds);
      expect(outcome).toEqual({ buildMs: builds ? 1234 : null, error: null });
    }
  });

  it('refuses to run without a build when told never to build, starting nothing', async () => {
    const f = fakeParts({ exists: false });
    const outcome = await run('never', f);
    expect(String(outcome.error)).toMatch(/no built site/);
    expect(f.events).toEqual(['listening', 'not listening']);
  });

  it('hands the served url and the browser to the measurement, then closes both', async () => {
    const f = fakeParts({ exists: true });
    let seen = '';
    await run('if-missing', f, async () => {
      f.events.push('measure');
      seen = 'seen';
    });
    expect(seen).toBe('seen');
    expect(f.events).toEqual(['listening', 'preview', 'launch', 'measure', 'browser closed', 'preview stopped', 'not listening']);
  });

  it('passes the frame itself to the measurement', async () => {
    const f = fakeParts({ exists: true });
    const frames: Array<{ url: string; executable: string; version: string }> = [];
    await runInChromium({ root: '/repo', build: 'if-missing', log: () => {} }, async ({ url, executable, version }) => void frames.push({ url, executable, version }), f.parts);
    expect(frames).toEqual([{ url: 'http://127.0.0.1:5000/', executable: '/usr/bin/chromium', version: '140.0' }]);
  });

  it('returns a failure of the measurement after cleaning up, keeping the build time', async () => {
    const f = fakeParts({ exists: false });
    const outcome = await run('if-missing', f, async () => {
      throw new Error('Train stayed disabled');
    });
    expect(outcome.buildMs).toBe(1234);
    expect((outcome.error as Error).message).toBe('Train stayed disabled');
    expect(f.events.slice(-3)).toEqual(['browser closed', 'preview stopped', 'not listening']);
  });

  it('stops the preview when Chromium does not launch', async () => {
    const f = fakeParts({ exists: true, failAt: 'launch' });
    const outcome = await run('if-missing', f);
    expect((outcome.error as Error).message).toBe('launch failed');
    expect(f.events).toEqual(['listening', 'preview', 'launch', 'preview stopped', 'not listening']);
  });

  it('listens for Ctrl-C only while the frame runs', async () => {
    const f = fakeParts({ exists: true });
    let during: unknown = null;
    await run('if-missing', f, async () => void (during = f.interrupt()));
    expect(typeof during).toBe('function');
    expect(f.interrupt()).toBeNull();
  });
});
