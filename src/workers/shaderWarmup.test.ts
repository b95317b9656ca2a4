// The warm-up announcements and the heartbeat alone, with a fake clock: what reaches the page
// around each unit of work, so its watchdog tells a compiling or busy worker from a hung one.
import { describe, expect, it } from 'vitest';
import type { FromTrainer } from '../shared/protocol';
import { BUSY_MS, HEARTBEAT_MS, ShaderWarmup } from './shaderWarmup';

function harness() {
  const sent: FromTrainer[] = [];
  const clock = { t: 0 };
  const w = new ShaderWarmup((m) => sent.push(m), () => clock.t);
  const take = () => sent.splice(0, sent.length).map((m) => (m.type === 'progress' ? `${m.stage} ${m.loaded}/${m.total}` : m.type === 'alive' && m.busyMs !== undefined ? JSON.stringify(m) : m.type));
  return { w, clock, take };
}

/** The messages taken, parsed back where they were written whole. */
const sent = (take: () => string[]) => take().map((s) => (s.startsWith('{') ? (JSON.parse(s) as unknown) : s));

describe('ShaderWarmup', () => {
  it('announces the first unit of each key as a warm-up, and closes it when the unit is done', () => {
    const { w, take } = harness();
    expect(w.begin('test:250', 'Compiling')).toBe(true);
    expect(take()).toEqual(['warmup 0/1']);
    w.done();
    expect(take()).toEqual(['warmup 1/1']);
    // The same shapes again are compiled already: no warm-up, and nothing to say after a short unit.
    expect(w.begin('test:250', 'Compiling')).toBe(false);
    w.done();
    expect(take()).toEqual([]);
    // Another slice size is another set of shapes.
    expect(w.begin('test:100', 'Compiling')).toBe(true);
    w.done();
    expect(take()).toEqual(['warmup 0/1', 'warmup 1/1']);
  });

  it('opens one warm-up for new keys met inside it (a slice, then its job\'s last part)', () => {
    const { w, take } = harness();
    w.begin('snapshot:500', 'Compiling');
    expect(w.begin('snapshot:finish', 'Compiling')).toBe(true);
    w.done();
    expect(take()).toEqual(['warmup 0/1', 'warmup 1/1']);
    expect(w.begin('snapshot:finish', 'Compiling')).toBe(false);
  });

  it('says alive after a unit of work only when the page heard nothing for HEARTBEAT_MS', () => {
    const { w, clock, take } = harness();
    clock.t = HEARTBEAT_MS - 1;
    w.done();
    expect(take()).toEqual([]);
    clock.t = HEARTBEAT_MS;
    w.done();
    expect(take()).toEqual(['alive']);
    // Any message counts as heard: the silence starts again from it.
    clock.t += HEARTBEAT_MS - 1;
    w.done();
    expect(take()).toEqual([]);
    clock.t += 1;
    w.post({ type: 'state', running: true, step: 4, epoch: 0 });
    clock.t += HEARTBEAT_MS - 1;
    w.done();
    expect(take()).toEqual(['state']);
  });

  it('before a unit whose key took BUSY_MS or more last time, says how long that was (warm-ups included)', () => {
    const { w, clock, take } = harness();
    const unit = (key: string, ms: number) => {
      w.begin(key, 'Compiling');
      clock.t += ms;
      w.done();
    };
    unit('train:64', 20_000); // the compile
    take();
    w.begin('train:64', 'Compiling');
    expect(sent(take)).toEqual([{ type: 'alive', busyMs: 20_000 }]);
    clock.t += 12_000;
    w.done();
    take();
    w.begin('train:64', 'Compiling');
    expect(sent(take)).toEqual([{ type: 'alive', busyMs: 12_000 }]);
    clock.t += BUSY_MS - 1;
    w.done();
    take();
    // Fast again: nothing announced.
    w.begin('train:64', 'Compiling');
    expect(take()).toEqual([]);
    // A unit that opened with a slice and ended with its job's last part counts for the slice.
    unit('test:250', 10);
    w.begin('snapshot:500', 'Compiling');
    clock.t += 3_000;
    w.done();
    take();
    w.begin('snapshot:500', 'Compiling');
    expect(sent(take)).toEqual([{ type: 'alive', busyMs: 3_000 }]);
  });

  it('forget: a new session compiles its own shapes, and a warm-up left open is closed', () => {
    const { w, take } = harness();
    w.begin('train:128', 'Compiling');
    w.forget();
    expect(take()).toEqual(['warmup 0/1', 'warmup 1/1']);
    expect(w.begin('train:128', 'Compiling')).toBe(true);
  });
});
