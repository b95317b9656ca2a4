import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../model/checkpoint';
import { DEFAULT_HYPER, type NetworkWeights } from '../model/types';
import { initialState } from './clientState';
import type { ClientState } from './clientTypes';
import type { FromTrainer, HistoryRecord, SessionConfig } from '../shared/protocol';
import { BUSY_CAP_MS, BUSY_FACTOR, copyWeights, historyUpTo, snapshotCheckpoint, TICK_MS, TrainerSupervisor, WARMUP_LIMIT_MS, type SupervisorHost } from './trainerSupervisor';
import { MAX_RESTARTS, SILENCE_LIMIT_MS } from './watchdog';
import { HEARTBEAT_MS } from '../workers/shaderWarmup';

const model = { kind: 'vae' as const, inputDim: 784, latentDim: 2, hidden: [8] };
const config: SessionConfig = { dataset: 'mnist', model, hyper: { ...DEFAULT_HYPER, learningRate: 3e-3 }, seed: 7 };

function weights(fill: number): NetworkWeights {
  const d = (i: number, o: number) => ({ inDim: i, outDim: o, W: new Float32Array(i * o).fill(fill), b: new Float32Array(o).fill(fill / 2) });
  return { config: model, encoder: [d(784, 8)], mu: d(8, 2), logvar: d(8, 2), decoder: [d(2, 8), d(8, 784)] };
}

const history: HistoryRecord = {
  steps: [0, 1, 2, 3, 4, 5],
  elbo: [-6, -5, -4, -3, -2, -1],
  recon: [6, 5, 4, 3, 2, 1],
  kl: [0, 0, 0, 0, 0, 0],
  objective: [6, 5, 4, 3, 2, 1],
  test: [{ step: 2, full: false, count: 10, elbo: -4, recon: 4, kl: 0, objective: 4 }, { step: 5, full: false, count: 10, elbo: -1, recon: 1, kl: 0, objective: 1 }],
};

function harness(opts: { loadFails?: boolean; partnerFails?: boolean } = {}) {
  const log: string[] = [];
  const partners: ArrayBuffer[] = [];
  const loaded: ArrayBuffer[] = [];
  const notices: Array<{ level: string; message: string }> = [];
  const rewinds: number[] = [];
  let now = 0;
  let hidden = false;
  let state: ClientState = { ...initialState(config, 'wasm'), phase: 'ready', step: 5, epoch: 1 };
  const host: SupervisorHost = {
    now: () => now,
    hidden: () => hidden,
    state: () => state,
    history: () => history,
    replaceWorker: () => log.push('replace'),
    init: (c, backend) => log.push(`init ${c.seed} ${backend}`),
    load: async (bytes) => {
      log.push('load');
      loaded.push(bytes);
      if (opts.loadFails) throw new Error('the new worker refused it');
    },
    play: () => log.push('play'),
    setModelB: (settings) => log.push(`modelB ${JSON.stringify(settings)}`),
    setView: (view) => log.push(`view ${view}`),
    loadPartner: async (bytes) => {
      log.push('loadPartner');
      partners.push(bytes);
      if (opts.partnerFails) throw new Error('not a model of Model B’s layers');
    },
    rewind: (step) => rewinds.push(step),
    notice: (level, message) => notices.push({ level, message }),
  };
  const sup = new TrainerSupervisor(host);
  /** The client's order: the supervisor sees a message before the state changes. */
  const receive = (msg: FromTrainer) => {
    sup.observe(msg);
    if (msg.type === 'state') state = { ...state, running: msg.running, step: msg.step };
  };
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += TICK_MS) {
      now += TICK_MS;
      sup.tick();
    }
    await Promise.resolve();
    await Promise.resolve();
  };
  return {
    sup, log, loaded, partners, notices, rewinds, receive, advance,
    setHidden: (h: boolean) => (hidden = h),
    setState: (s: Partial<ClientState>) => (state = { ...state, ...s }),
    jump: (ms: number) => (now += ms),
  };
}

describe('historyUpTo', () => {
  it('keeps train points before the step and test points at or before it', () => {
    const h = historyUpTo(history, 3);
    expect(h.steps).toEqual([0, 1, 2]);
    expect(h.elbo).toEqual([-6, -5, -4]);
    expect(h.test.map((t) => t.step)).toEqual([2]);
    expect(historyUpTo(history, 99).steps).toHaveLength(6);
  });
});

describe('snapshotCheckpoint', () => {
  it('is a checkpoint the worker can load: same weights, step, epoch, current hyperparameters, curves up to its step', () => {
    const w = weights(0.25);
    const bytes = snapshotCheckpoint({ step: 3, epoch: 1, config, weights: w }, { ...config.hyper, beta: 2 }, history, '2026-01-01T00:00:00Z');
    const c = parseCheckpoint(bytes);
    expect(c).toMatchObject({ dataset: 'mnist', step: 3, epoch: 1, seed: 7, config: model });
    expect(c.hyper.beta).toBe(2);
    expect(Array.from(c.weights.decoder[1]!.W)).toEqual(Array.from(w.decoder[1]!.W));
    expect((c.history as HistoryRecord).steps).toEqual([0, 1, 2]);
  });
});

describe('copyWeights', () => {
  it('survives the original being transferred away (its buffers detached)', () => {
    const w = weights(0.5);
    const copy = copyWeights(w);
    structuredClone(w, { transfer: [w.encoder[0]!.W.buffer as ArrayBuffer] });
    expect(w.encoder[0]!.W.length).toBe(0);
    expect(copy.encoder[0]!.W[10]).toBe(0.5);
  });
});

describe('TrainerSupervisor', () => {
  it('restarts a crashed worker from the latest snapshot and resumes training', async () => {
    const h = harness();
    h.sup.played();
    h.receive({ type: 'weights', step: 3, weights: weights(0.1) });
    h.receive({ type: 'weights', step: 5, weights: weights(0.2) });
    expect(h.sup.crashed('boom')).toBe(true);
    await h.advance(0);
    expect(h.log).toEqual(['replace', 'init 7 wasm', 'load', 'play']);
    const c = parseCheckpoint(h.loaded[0]!);
    expect(c.step).toBe(5);
    expect(c.weights.mu.W[0]).toBeCloseTo(0.2);
    expect(h.notices.at(-1)?.message).toMatch(/stopped with an error \(boom\)\. A new worker took over from step 5, the latest snapshot; training goes on\./);
  });

  it('brings Compare back as it was: Model B’s settings, then B from its own latest weights beside A', async () => {
    const h = harness();
    h.setState({ view: 'compare', modelB: { beta: 4 } });
    h.receive({ type: 'weights', step: 5, weights: weights(0.2), model: 'a' });
    h.receive({ type: 'weights', step: 4, weights: weights(0.7), model: 'b' });
    h.sup.crashed('boom');
    await h.advance(0);
    expect(h.sup.partnerStep).toBe(4);
    expect(h.log).toEqual(['replace', 'init 7 wasm', 'load', 'modelB {"beta":4}', 'loadPartner']);
    expect(parseCheckpoint(h.loaded[0]!).weights.mu.W[0]).toBeCloseTo(0.2);
    const b = parseCheckpoint(h.partners[0]!);
    expect(b.step).toBe(4);
    expect(b.hyper.beta).toBe(4);
    expect(b.weights.mu.W[0]).toBeCloseTo(0.7);
    expect(h.notices.at(-1)?.message).toMatch(/from step 5, the latest snapshot, with Model B from its step 4;/);
  });

  it('gives Model B new weights when the new worker refuses its old ones, and outside Compare leaves B parked', async () => {
    const h = harness({ partnerFails: true });
    h.setState({ view: 'compare' });
    h.receive({ type: 'weights', step: 5, weights: weights(0.2), model: 'a' });
    h.receive({ type: 'weights', step: 5, weights: weights(0.7), model: 'b' });
    h.sup.crashed('boom');
    await h.advance(0);
    expect(h.log.slice(-2)).toEqual(['loadPartner', 'view compare']);
    expect(h.notices.at(-1)?.message).toMatch(/with Model B from new weights/);

    const alone = harness();
    alone.setState({ view: 'vae' });
    alone.receive({ type: 'weights', step: 5, weights: weights(0.2), model: 'a' });
    alone.sup.crashed('boom');
    await alone.advance(0);
    expect(alone.log).toEqual(['replace', 'init 7 wasm', 'load']);
  });

  it('forgets Model B’s weights on a load or a reset, so an old B never comes back', async () => {
    const h = harness();
    h.setState({ view: 'compare' });
    h.receive({ type: 'weights', step: 5, weights: weights(0.7), model: 'b' });
    h.receive({ type: 'loaded', id: 1, model: 'b', config, step: 0 });
    h.sup.crashed('boom');
    await h.advance(0);
    expect(h.log).not.toContain('loadPartner');
    expect(h.log.at(-1)).toBe('view compare');
  });

  it('does not resume a worker that was paused, and says so', async () => {
    const h = harness();
    h.receive({ type: 'weights', step: 4, weights: weights(0.1) });
    h.receive({ type: 'state', running: false, step: 4, epoch: 0 });
    h.sup.crashed('x');
    await h.advance(0);
    expect(h.log).not.toContain('play');
    expect(h.notices.at(-1)?.message).toMatch(/from step 4.*press Train to go on/);
  });

  it('an error before the worker was ready is not its to handle', () => {
    const h = harness();
    h.setState({ phase: 'loading' });
    expect(h.sup.crashed('script failed to load')).toBe(false);
    expect(h.log).toEqual([]);
  });

  it('restarts a worker silent for more than the limit while training, not before', async () => {
    const h = harness();
    h.receive({ type: 'weights', step: 2, weights: weights(0.1) });
    h.sup.played();
    await h.advance(SILENCE_LIMIT_MS);
    expect(h.log).toEqual([]);
    await h.advance(TICK_MS);
    expect(h.log).toEqual(['replace', 'init 7 wasm', 'load', 'play']);
    expect(h.notices.at(-1)?.message).toMatch(/stopped answering for more than 10 s/);
  });

  it('a paused worker may be silent forever; so may one whose page was hidden or asleep', async () => {
    const h = harness();
    h.receive({ type: 'state', running: false, step: 5, epoch: 0 });
    await h.advance(5 * SILENCE_LIMIT_MS);
    h.sup.played();
    h.setHidden(true);
    await h.advance(5 * SILENCE_LIMIT_MS);
    h.setHidden(false);
    // The page froze (laptop asleep): its first tick after waking finds old silence.
    h.jump(10 * SILENCE_LIMIT_MS);
    await h.advance(TICK_MS);
    expect(h.log).toEqual([]);
    await h.advance(SILENCE_LIMIT_MS + TICK_MS);
    expect(h.log[0]).toBe('replace');
  });

  it('allows a WebGL warm-up (shader compiles) up to a minute of silence', async () => {
    const h = harness();
    h.sup.played();
    h.receive({ type: 'progress', stage: 'warmup', loaded: 0, total: 1, label: 'Compiling' });
    await h.advance(WARMUP_LIMIT_MS);
    expect(h.log).toEqual([]);
    await h.advance(TICK_MS);
    expect(h.log[0]).toBe('replace');
  });

  it('after the warm-up, the ordinary limit applies again', async () => {
    const h = harness();
    h.sup.played();
    h.receive({ type: 'progress', stage: 'warmup', loaded: 0, total: 1, label: 'Compiling' });
    h.receive({ type: 'progress', stage: 'warmup', loaded: 1, total: 1, label: 'Compiled' });
    await h.advance(SILENCE_LIMIT_MS + TICK_MS);
    expect(h.log[0]).toBe('replace');
  });

  it('a worker saying alive between slow slices of extra work is busy, not hung; when it falls silent, 10 s later it is', async () => {
    const h = harness();
    h.sup.played();
    for (let i = 0; i < 30; i++) {
      await h.advance(HEARTBEAT_MS);
      h.receive({ type: 'alive' });
    }
    expect(h.log).toEqual([]);
    await h.advance(SILENCE_LIMIT_MS);
    expect(h.log).toEqual([]);
    await h.advance(TICK_MS);
    expect(h.log[0]).toBe('replace');
  });

  it('a worker that announced a unit of work as slow as its last (busyMs) may be silent a few times that, once', async () => {
    const h = harness();
    h.sup.played();
    const busyMs = 8_000;
    h.receive({ type: 'alive', busyMs });
    await h.advance(BUSY_FACTOR * busyMs);
    expect(h.log).toEqual([]);
    h.receive({ type: 'metrics', step: 6, epoch: 1, epochProgress: 0.1, train: { firstStep: 5, elbo: [-1], recon: [1], kl: [0], objective: [1] }, imagesPerSec: 8 });
    // The allowance ended with that message: the ordinary limit again.
    await h.advance(SILENCE_LIMIT_MS + TICK_MS);
    expect(h.log[0]).toBe('replace');
  });

  it('an announced unit of work is allowed no more than BUSY_CAP_MS of silence', async () => {
    const h = harness();
    h.sup.played();
    h.receive({ type: 'alive', busyMs: 10 * BUSY_CAP_MS });
    await h.advance(BUSY_CAP_MS);
    expect(h.log).toEqual([]);
    await h.advance(TICK_MS);
    expect(h.log[0]).toBe('replace');
    // The notice says how long the silence allowed was, not the ordinary 10 s.
    expect(h.notices.at(-1)?.message).toMatch(new RegExp(`stopped answering for more than ${Math.round(BUSY_CAP_MS / 1000)} s\\.`));
  });

  it('gives up after MAX_RESTARTS within the window, with an error notice', async () => {
    const h = harness();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      h.sup.crashed('again');
      await h.advance(TICK_MS);
    }
    expect(h.sup.restarts).toBe(MAX_RESTARTS);
    h.sup.crashed('again');
    await h.advance(0);
    expect(h.sup.restarts).toBe(MAX_RESTARTS);
    expect(h.notices.at(-1)).toMatchObject({ level: 'error' });
    expect(h.notices.at(-1)?.message).toMatch(/left stopped/);
  });

  it('starts from new weights (and says so) when no snapshot was taken; forgets the snapshot on Reset and on a load', async () => {
    const h = harness();
    h.receive({ type: 'weights', step: 9, weights: weights(0.1) });
    h.sup.forget();
    expect(h.sup.snapshotStep).toBeNull();
    h.receive({ type: 'weights', step: 9, weights: weights(0.1) });
    h.receive({ type: 'loaded', id: 1, config, step: 100 });
    expect(h.sup.snapshotStep).toBeNull();
    h.sup.crashed('x');
    await h.advance(0);
    expect(h.log).toEqual(['replace', 'init 7 wasm']);
    expect(h.notices.at(-1)?.message).toMatch(/new weights \(no snapshot had been taken yet\)/);
  });

  it('keeps the last finite weights, not weights gone NaN', () => {
    const h = harness();
    h.receive({ type: 'weights', step: 3, weights: weights(0.1) });
    h.receive({ type: 'weights', step: 4, weights: weights(NaN) });
    expect(h.sup.snapshotStep).toBe(3);
  });

  it('reports a new worker that refuses the snapshot as an error', async () => {
    const h = harness({ loadFails: true });
    h.receive({ type: 'weights', step: 1, weights: weights(0.1) });
    h.sup.crashed('x');
    await h.advance(0);
    expect(h.notices.at(-1)).toMatchObject({ level: 'error' });
    expect(h.notices.at(-1)?.message).toMatch(/could not take over the model: the new worker refused it/);
  });

  it('a step that goes back (weights restored in the worker) rewinds the curves; a restart does not', async () => {
    const h = harness();
    h.receive({ type: 'state', running: false, step: 3, epoch: 0 });
    expect(h.rewinds).toEqual([3]);
    h.receive({ type: 'weights', step: 3, weights: weights(0.1) });
    h.sup.crashed('x');
    h.receive({ type: 'state', running: false, step: 0, epoch: 0 });
    await h.advance(0);
    expect(h.rewinds).toEqual([3]);
  });
});
