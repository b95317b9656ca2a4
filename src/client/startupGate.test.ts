import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, DEFAULT_MODEL } from '../model/types';
import type { FromTrainer, SessionConfig } from '../shared/protocol';
import { StartupGate } from './startupGate';

const config: SessionConfig = { dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 };
const ready: FromTrainer = { type: 'ready', backend: 'wasm', tried: [], config };
const progress: FromTrainer = { type: 'progress', stage: 'download', loaded: 1, total: 2, label: 'Downloading' };
const fresh: FromTrainer[] = [
  { type: 'state', running: false, step: 0, epoch: 0 },
  { type: 'latent', step: 0, kind: 'vae', dim: 2, count: 0, mu: new Float32Array(), logvar: null, labels: new Uint8Array() },
  { type: 'recon', step: 0, count: 0, inputs: new Float32Array(), outputs: new Float32Array() },
];
const loaded: FromTrainer = { type: 'loaded', id: 4, config, step: 2345 };

describe('StartupGate', () => {
  it('lets everything through while it does not hold', () => {
    const gate = new StartupGate();
    for (const m of [ready, progress, ...fresh, loaded]) expect(gate.admit(m)).toEqual([m]);
  });

  it("while holding: passes progress, drops the fresh weights' messages, keeps ready for the load", () => {
    const gate = new StartupGate();
    gate.hold();
    expect(gate.admit(progress)).toEqual([progress]);
    expect(gate.admit(ready)).toEqual([]);
    for (const m of fresh) expect(gate.admit(m)).toEqual([]);
    expect(gate.active).toBe(true);
    // The checkpoint is in: ready first, then the load; from then on everything passes.
    expect(gate.admit(loaded)).toEqual([ready, loaded]);
    expect(gate.active).toBe(false);
    expect(gate.admit(fresh[0])).toEqual([fresh[0]]);
  });

  it('hands the held ready back when released early (Reset during the startup), and only once', () => {
    const gate = new StartupGate();
    gate.hold();
    gate.admit(ready);
    expect(gate.release()).toEqual([ready]);
    expect(gate.release()).toEqual([]);
    expect(gate.admit(loaded)).toEqual([loaded]);
  });

  it('passes errors while holding: a failure to start must reach the page', () => {
    const gate = new StartupGate();
    gate.hold();
    const err: FromTrainer = { type: 'error', code: 'dataset', message: 'HTTP 404', recoverable: false };
    expect(gate.admit(err)).toEqual([err]);
  });
});
