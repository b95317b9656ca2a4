// A first visit does not wait for the backend speed probe: the worker starts on the provisional
// backend, trains, measures one candidate between chunks, and when another backend measured
// faster moves the session there without losing a step (TrainerController with a fake backend
// selection on TF.js's CPU backend).
import { describe, expect, it } from 'vitest';
import type { BackgroundProbe } from './backend';
import type { BackendChoice, BackendName, BackendProbe, FromTrainer } from '../shared/protocol';
import { cpuController, mnistConfig } from './controllerFixtures';

const config = mnistConfig();

const measured: BackendProbe = {
  version: 1,
  measuredAt: '2026-12-03T00:00:00.000Z',
  agent: 'UA',
  batch: 128,
  hidden: [512, 256],
  results: [
    { backend: 'wasm', imagesPerSec: 900, threads: 2 },
    { backend: 'cpu', imagesPerSec: 300 },
  ],
};

function harness(candidates: number, fail = false) {
  const calls: Array<{ choice: BackendChoice; remembered: BackendProbe | null; defer: boolean }> = [];
  const advancedOn: BackendName[] = [];
  let left = candidates;
  const pending: BackgroundProbe = {
    async advance(current) {
      advancedOn.push(current);
      if (fail) throw new Error('WebGL context could not be created');
      return --left > 0 ? null : { probe: measured, threads: 1 };
    },
  };
  const h = cpuController({
    train: 200,
    test: 300,
    select: (choice, remembered = null, _onProbe, defer = false) => {
      calls.push({ choice, remembered, defer });
      // The first visit: provisional CPU and the probe still to run; once measured: its fastest.
      if (remembered === null && defer) return { backend: 'cpu', tried: [{ backend: 'cpu', ok: true }], pendingProbe: pending };
      const backend = remembered?.results[0]?.backend ?? 'cpu';
      return { backend, threads: 2, tried: [{ backend, ok: true }] };
    },
  });
  return { ...h, calls, advancedOn };
}

const steps = (msgs: FromTrainer[]) => msgs.flatMap((m) => (m.type === 'metrics' && m.train.elbo.length > 0 ? [m.step] : []));

describe('the deferred first-visit probe', () => {
  it('starts at once on the provisional backend, probes between chunks, then moves to the fastest keeping the step', async () => {
    const h = harness(3);
    await h.init(config);
    // Ready without a single candidate measured: Train is usable now.
    expect(h.advancedOn).toEqual([]);
    const ready = h.sent.filter((m) => m.type === 'ready');
    expect(ready.map((m) => m.type === 'ready' && m.backend)).toEqual(['cpu']);
    expect(h.calls[0]).toEqual({ choice: 'auto', remembered: null, defer: true });

    await h.controller.handle({ type: 'play' });
    for (let i = 0; i < 5_000 && h.advancedOn.length < 3; i++) await h.controller.work();
    expect(h.advancedOn).toEqual(['cpu', 'cpu', 'cpu']);
    // Training (and its snapshots and test points) took turns with the probe, on the provisional backend.
    const before = steps(h.sent);
    expect(before.length).toBeGreaterThanOrEqual(1);
    // The probe reached the page, and the session moved to the fastest backend it measured.
    expect(h.sent.filter((m) => m.type === 'probed')).toHaveLength(1);
    expect(h.calls.at(-1)).toMatchObject({ choice: 'auto', remembered: measured });
    const last = h.sent.filter((m) => m.type === 'ready').at(-1);
    expect(last?.type === 'ready' && last.backend).toBe('wasm');
    expect(last?.type === 'ready' && last.threads).toBe(2);

    // Training goes on from the step it had reached: none lost, none repeated.
    h.sent.length = 0;
    for (let i = 0; i < 3; i++) await h.controller.work();
    const after = steps(h.sent);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]).toBeGreaterThan(before.at(-1)!);
    expect(h.controller.hasWork).toBe(true);
    await h.controller.handle({ type: 'pause' });
  });

  it('reports a probe that fails and keeps training where it is', async () => {
    const h = harness(2, true);
    await h.init(config);
    await h.controller.handle({ type: 'step', chunks: 2 });
    await h.idle(200);
    const error = h.sent.find((m) => m.type === 'error');
    expect(error?.type === 'error' && error.message).toMatch(/WebGL context could not be created/);
    expect(error?.type === 'error' && error.recoverable).toBe(true);
    expect(h.calls).toHaveLength(1);
    expect(steps(h.sent).length).toBe(2);
  });
});
