// The main-thread client against fake workers: what it sends, how replies settle requests,
// and what listeners see. No TF.js here: the client must not need it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HYPER, DEFAULT_MODEL, type NetworkWeights } from '../model/types';
import { createPlaygroundClient, type WorkerPlaygroundClient } from './client';
import type { FromInference, FromTrainer, SessionConfig } from '../shared/protocol';

class FakeWorker {
  static made: FakeWorker[] = [];
  readonly url: string;
  sent: Array<{ msg: { type: string } & Record<string, unknown>; transfer: Transferable[] }> = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  constructor(url: URL) {
    this.url = url.href;
    FakeWorker.made.push(this);
  }
  postMessage(msg: { type: string }, transfer: Transferable[] = []): void {
    this.sent.push({ msg: msg as { type: string } & Record<string, unknown>, transfer });
  }
  reply(data: FromTrainer | FromInference): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const config: SessionConfig = { dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 };
const weights = (): NetworkWeights => {
  const d = (i: number, o: number) => ({ inDim: i, outDim: o, W: new Float32Array(i * o), b: new Float32Array(o) });
  return { config: { ...DEFAULT_MODEL, hidden: [4] }, encoder: [d(784, 4)], mu: d(4, 2), logvar: d(4, 2), decoder: [d(2, 4), d(4, 784)] };
};

let client: WorkerPlaygroundClient;
let trainer: FakeWorker;
let inference: FakeWorker;

beforeEach(() => {
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('fetch', () => Promise.reject(new Error('offline in tests')));
  client = createPlaygroundClient(config, { backend: 'wasm', baseUrl: 'http://example.test/' });
  [trainer, inference] = FakeWorker.made as [FakeWorker, FakeWorker];
});
afterEach(() => {
  client.dispose();
  vi.unstubAllGlobals();
});

describe('createPlaygroundClient', () => {
  it('starts both module workers and sends init with the backend and base URL', () => {
    expect(trainer.url).toMatch(/training\.worker\.ts$/);
    expect(inference.url).toMatch(/inference\.worker\.ts$/);
    // No remembered speed probe in this test's (storage-less) world: the worker measures.
    expect(trainer.sent[0]?.msg).toEqual({ type: 'init', config, backend: 'wasm', baseUrl: 'http://example.test/', probe: null });
    expect(client.getState()).toMatchObject({ phase: 'starting', backendChoice: 'wasm', weightsStep: -1 });
  });

  it('hands weights to the inference worker by transfer and records their step', () => {
    const onWeights = vi.fn();
    client.subscribe('weights', onWeights);
    const w = weights();
    trainer.reply({ type: 'weights', step: 42, weights: w });
    const forwarded = inference.sent[0]!;
    expect(forwarded.msg).toMatchObject({ type: 'weights', step: 42 });
    expect(forwarded.transfer).toContain(w.encoder[0]!.W.buffer);
    expect(forwarded.transfer).toHaveLength(10);
    expect(client.getState().weightsStep).toBe(42);
    expect(onWeights).toHaveBeenCalledTimes(1);
  });

  it('decode and encode resolve by id, and an inferenceError rejects only its own request', async () => {
    const a = client.decode(new Float32Array([0, 0]), 1);
    const b = client.decode(new Float32Array([1, 1]), 1);
    const [ida, idb] = inference.sent.map((s) => s.msg.id as number);
    expect(ida).not.toBe(idb);
    inference.reply({ type: 'inferenceError', id: idb!, message: 'no weights yet' });
    const pixels = new Float32Array(784).fill(0.5);
    inference.reply({ type: 'decoded', id: ida!, n: 1, step: 3, pixels });
    await expect(a).resolves.toBe(pixels);
    await expect(b).rejects.toThrow('no weights yet');
    const enc = client.encode(new Float32Array(784), 1);
    const id = inference.sent[2]!.msg.id as number;
    inference.reply({ type: 'encoded', id, n: 1, step: 3, mu: new Float32Array(2), logvar: null, recon: pixels });
    await expect(enc).resolves.toMatchObject({ logvar: null, recon: pixels });
  });

  it('appends each chunk to the metrics history and tells metrics listeners, state follows', () => {
    const onMetrics = vi.fn();
    client.subscribe('metrics', onMetrics);
    trainer.reply({ type: 'ready', backend: 'wasm', tried: [{ backend: 'wasm', ok: true }], config });
    const train = { firstStep: 0, elbo: [-540, -530], recon: [530, 520], kl: [10, 10], objective: [540, 530] };
    trainer.reply({ type: 'metrics', step: 2, epoch: 0, epochProgress: 0.004, train, imagesPerSec: 900 });
    const test = { elbo: -520, recon: 510, kl: 10, objective: 520, full: false, count: 1000 };
    trainer.reply({ type: 'metrics', step: 2, epoch: 0, epochProgress: 0.004, train: { ...train, firstStep: 2, elbo: [], recon: [], kl: [], objective: [] }, test, imagesPerSec: 900 });
    const h = client.getMetrics();
    expect(h.steps).toEqual([0, 1]);
    expect(h.test).toEqual([{ ...test, step: 2 }]);
    expect(onMetrics).toHaveBeenCalledTimes(2);
    expect(client.getState()).toMatchObject({ phase: 'ready', backend: 'wasm', step: 2, imagesPerSec: 900 });
  });

  it('reset sends the config, clears curves and snapshots at once', () => {
    trainer.reply({ type: 'latent', step: 1, kind: 'vae', dim: 2, count: 1, mu: new Float32Array(2), logvar: new Float32Array(2), labels: new Uint8Array(1) });
    expect(client.getLatent()).not.toBeNull();
    const next = { ...config, model: { ...DEFAULT_MODEL, latentDim: 8 } };
    client.reset(next);
    expect(trainer.sent.at(-1)?.msg).toEqual({ type: 'reset', config: next });
    expect(client.getLatent()).toBeNull();
    expect(client.getState().config).toEqual(next);
  });

  it('save sends the curves along; load settles with the new config and restores saved curves', async () => {
    const saving = client.save();
    const save = trainer.sent.at(-1)!.msg;
    expect(save).toMatchObject({ type: 'save', history: { steps: [] } });
    const bytes = new ArrayBuffer(8);
    trainer.reply({ type: 'saved', id: save.id as number, bytes });
    await expect(saving).resolves.toBe(bytes);

    const loading = client.load(new ArrayBuffer(4));
    const load = trainer.sent.at(-1)!.msg;
    const history = { steps: [0], elbo: [-500], recon: [490], kl: [10], objective: [500], test: [] };
    trainer.reply({ type: 'loaded', id: load.id as number, config, step: 1, history });
    await expect(loading).resolves.toEqual({ config, step: 1 });
    expect(client.getMetrics().steps).toEqual([0]);
  });

  it('a failed load rejects with the worker message, and leaves the notice to the caller', async () => {
    const loading = client.load(new ArrayBuffer(4));
    const id = trainer.sent.at(-1)!.msg.id as number;
    trainer.reply({ type: 'error', code: 'checkpoint', message: 'not a checkpoint', recoverable: true, id });
    await expect(loading).rejects.toThrow('not a checkpoint');
    expect(client.getState().notices.filter((n) => n.code === 'checkpoint')).toEqual([]);
  });

  it('a training worker that fails to start puts the page in the error phase with the reason', () => {
    const event = { message: 'SyntaxError in training.worker.js', preventDefault: vi.fn() } as unknown as ErrorEvent;
    trainer.onerror?.(event);
    expect(client.getState().phase).toBe('error');
    expect(client.getState().notices.at(-1)?.message).toMatch(/training worker failed: SyntaxError/);
  });

  it('dispose terminates the workers and rejects what is still pending', async () => {
    const pending = client.decode(new Float32Array(2), 1);
    client.dispose();
    await expect(pending).rejects.toThrow(/closed/);
    expect(trainer.terminated && inference.terminated).toBe(true);
  });
});
