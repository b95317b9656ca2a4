// The client's instant start and `Load pretrained`, against fake workers and the real shipped
// files (public/pretrained) served by a stubbed fetch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HYPER, DEFAULT_MODEL } from '../model/types';
import { createPlaygroundClient, type WorkerPlaygroundClient } from './client';
import type { FromTrainer, SessionConfig } from '../shared/protocol';

type Sent = { msg: { type: string } & Record<string, unknown>; transfer: Transferable[] };

class FakeWorker {
  static made: FakeWorker[] = [];
  readonly url: string;
  sent: Sent[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor(url: URL) {
    this.url = url.href;
    FakeWorker.made.push(this);
  }
  postMessage(msg: Sent['msg'], transfer: Transferable[] = []): void {
    this.sent.push({ msg, transfer });
  }
  reply(data: FromTrainer): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  terminate(): void {}
}

const BASE = 'http://example.test/';
const PUBLIC = join(process.cwd(), 'public');
const config: SessionConfig = { dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 };
const index = JSON.parse(readFileSync(join(PUBLIC, 'pretrained/index.json'), 'utf8')) as { models: Array<{ id: string; step: number }> };
const STEP = index.models[0].step;

let fetched: string[];
let client: WorkerPlaygroundClient;
const workers = (kind: 'training' | 'inference') => FakeWorker.made.filter((w) => w.url.includes(`${kind}.worker`));
const trainer = () => {
  const [w] = workers('training');
  if (!w) throw new Error('the training worker has not started');
  return w;
};
const lastTo = (w: FakeWorker, type: string) => [...w.sent].reverse().find((s) => s.msg.type === type)?.msg;

function start(cfg: SessionConfig, missing: string[] = []): void {
  fetched = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url).pathname;
    fetched.push(path);
    if (missing.some((m) => path.endsWith(m))) return new Response('gone', { status: 404 });
    return new Response(readFileSync(join(PUBLIC, path)));
  });
  client = createPlaygroundClient(cfg, { backend: 'wasm', baseUrl: BASE, instantStart: true });
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  client.dispose();
  vi.unstubAllGlobals();
});

describe('instant start', () => {
  beforeEach(() => start(config));

  it('draws the first paint and hands its decoder over before the training worker exists', async () => {
    expect(workers('training')).toHaveLength(0);
    await vi.waitFor(() => expect(client.getLatent()?.count).toBe(10_000));
    // Requested when the client was made, not after the index.
    expect(fetched.slice(0, 3)).toContain('/pretrained/mnist-vae-2d.vaefp');
    expect(client.getState()).toMatchObject({ step: STEP, weightsStep: STEP, pretrained: 'mnist-vae-2d', phase: 'starting' });
    const decoder = lastTo(workers('inference')[0], 'decoder');
    expect(decoder).toMatchObject({ type: 'decoder', step: STEP, config: DEFAULT_MODEL });
    // Then the training worker: started with the config, given the shipped checkpoint.
    await vi.waitFor(() => expect(lastTo(trainer(), 'load')).toBeDefined());
    expect(trainer().sent[0].msg).toMatchObject({ type: 'init', config });
    expect(fetched.indexOf('/pretrained/mnist-vae-2d.vaeckpt')).toBeGreaterThan(fetched.indexOf('/pretrained/mnist-vae-2d.vaefp'));
  });

  it("keeps the fresh weights' messages from the page until the checkpoint is in; the picture stays", async () => {
    await vi.waitFor(() => expect(lastTo(trainer(), 'load')).toBeDefined());
    const firstPaint = client.getLatent();
    const w = trainer();
    w.reply({ type: 'progress', stage: 'download', loaded: 5, total: 10, label: 'Downloading MNIST' });
    w.reply({ type: 'ready', backend: 'wasm', tried: [], config });
    w.reply({ type: 'state', running: false, step: 0, epoch: 0 });
    w.reply({ type: 'latent', step: 0, kind: 'vae', dim: 2, count: 1, mu: new Float32Array(2), logvar: new Float32Array(2), labels: new Uint8Array(1) });
    expect(client.getState()).toMatchObject({ phase: 'loading', step: STEP, progress: { loaded: 5 } });
    expect(client.getLatent()).toBe(firstPaint);

    const id = lastTo(w, 'load')?.id as number;
    const history = { steps: [STEP], elbo: [-150], recon: [145], kl: [5], objective: [150], test: [] };
    w.reply({ type: 'loaded', id, config, step: STEP, history });
    expect(client.getState()).toMatchObject({ phase: 'ready', backend: 'wasm', step: STEP, weightsStep: STEP });
    expect(client.getLatent()).toBe(firstPaint);
    expect(client.getMetrics().steps).toEqual([STEP]);
    // From now on the worker's own snapshot replaces the first paint.
    w.reply({ type: 'latent', step: STEP, kind: 'vae', dim: 2, count: 1, mu: new Float32Array(2), logvar: new Float32Array(2), labels: new Uint8Array(1) });
    expect(client.getLatent()?.count).toBe(1);
  });

  it('Reset during the startup wins: fresh weights, and the late checkpoint reply changes nothing', async () => {
    await vi.waitFor(() => expect(lastTo(trainer(), 'load')).toBeDefined());
    const w = trainer();
    const id = lastTo(w, 'load')?.id as number;
    w.reply({ type: 'ready', backend: 'wasm', tried: [], config });
    client.reset(config);
    expect(client.getState()).toMatchObject({ phase: 'ready', step: 0, pretrained: null });
    expect(client.getLatent()).toBeNull();
    w.reply({ type: 'loaded', id, config, step: STEP });
    expect(client.getState().step).toBe(0);
    expect(lastTo(w, 'reset')).toEqual({ type: 'reset', config });
  });

  it('a checkpoint the worker refuses: a notice, and new weights instead of a map that no longer holds', async () => {
    await vi.waitFor(() => expect(lastTo(trainer(), 'load')).toBeDefined());
    const w = trainer();
    w.reply({ type: 'ready', backend: 'wasm', tried: [], config });
    w.reply({ type: 'error', code: 'checkpoint', message: 'not a checkpoint', recoverable: true, id: lastTo(w, 'load')?.id as number });
    await vi.waitFor(() => expect(lastTo(w, 'reset')).toEqual({ type: 'reset', config }));
    expect(client.getState()).toMatchObject({ phase: 'ready', step: 0, pretrained: null });
    expect(client.getState().notices.at(-1)?.message).toMatch(/could not be loaded for training \(not a checkpoint\)/);
    expect(client.getLatent()).toBeNull();
  });

  it('Load pretrained replaces the session with another shipped model', async () => {
    await vi.waitFor(() => expect(lastTo(trainer(), 'load')).toBeDefined());
    const w = trainer();
    w.reply({ type: 'loaded', id: lastTo(w, 'load')?.id as number, config, step: STEP });
    expect((await client.listPretrained()).map((m) => m.title)).toEqual(['MNIST VAE 2-D', 'MNIST AE 2-D', 'Fashion-MNIST VAE 2-D', 'Shapes VAE 6-D β = 1', 'Shapes VAE 6-D β = 4', 'Shapes VAE 6-D capacity C max = 10', 'MNIST conv VAE 2-D']);
    const switching = client.loadPretrained('mnist-ae-2d');
    await vi.waitFor(() => expect(fetched).toContain('/pretrained/mnist-ae-2d.vaeckpt'));
    await vi.waitFor(() => expect(w.sent.filter((s) => s.msg.type === 'load')).toHaveLength(2));
    const ae = { ...config, model: { ...DEFAULT_MODEL, kind: 'ae' as const } };
    w.reply({ type: 'loaded', id: lastTo(w, 'load')?.id as number, config: ae, step: STEP });
    await expect(switching).resolves.toEqual({ config: ae, step: STEP });
    expect(client.getState()).toMatchObject({ pretrained: 'mnist-ae-2d', config: ae, weightsStep: -1 });
    await expect(client.loadPretrained('no-such-model')).rejects.toThrow(/no pretrained model/);
    expect(client.getState().notices.at(-1)?.level).toBe('error');
  });
});

describe('instant start that does not apply', () => {
  it('a link asking for other settings starts the training worker at once from new weights', async () => {
    start({ ...config, seed: 7 });
    await vi.waitFor(() => expect(workers('training')).toHaveLength(1));
    expect(client.getLatent()).toBeNull();
    expect(client.getState()).toMatchObject({ step: 0, weightsStep: -1 });
    expect(client.getState().pretrained ?? null).toBeNull();
    expect(trainer().sent.map((s) => s.msg.type)).toEqual(['init']);
  });

  it('a first-paint file that is not there: a notice, and the model starts from new weights', async () => {
    start(config, ['mnist-vae-2d.vaefp']);
    await vi.waitFor(() => expect(workers('training')).toHaveLength(1));
    expect(client.getState().notices.at(-1)?.message).toMatch(/pretrained model could not be shown \(HTTP 404/);
    expect(client.getLatent()).toBeNull();
    trainer().reply({ type: 'ready', backend: 'wasm', tried: [], config });
    expect(client.getState().phase).toBe('ready');
  });
});
