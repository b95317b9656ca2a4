// The β sweeps on the page: each sweep's progress and its finished models (their test figures
// and weights as plain Float32Arrays), within a stated bound — at most MAX_KEPT_MODELS models and
// MAX_KEPT_BYTES of weights over all kept sweeps. A sweep that would not fit is refused before
// it starts (the user discards an older one first); nothing kept is ever dropped but by the user.
// Pure (no workers): the client files the worker's messages here, React reads snapshots.

import { parameterCount } from '../model/layerPlan';
import type { NetworkWeights } from '../model/types';
import type { SessionConfig, SweepModelResult, SweepProgress } from '../shared/protocol';

/** At most this many sweep models are kept, all sweeps together (a sweep has at most 12 values). */
export const MAX_KEPT_MODELS = 12;
/** And at most this many bytes of their weights, 128 MB (12 models of the default 512-256 MLP take 51 MB). */
export const MAX_KEPT_BYTES = 128e6;

/** A finished model as the page keeps it: the worker's result, and the bytes its weights take. */
export type SweepModel = Omit<SweepModelResult, 'sweepId'> & { bytes: number };

export interface KeptSweep {
  id: number;
  /** 1, 2, …: the sweep's name on screen ("Sweep 2"). */
  number: number;
  values: number[];
  steps: number;
  models: SweepModel[];
  /** The latest progress; 'done' or 'cancelled' once it stopped. */
  progress: SweepProgress;
}

export interface SweepSnapshot {
  sweeps: readonly KeptSweep[];
  /** The sweep still training (or paused), if any. */
  active: KeptSweep | null;
  keptModels: number;
  keptBytes: number;
  /** Why the last sweep stopped early, when the user did not cancel it (the dataset or backend changed, the worker restarted). */
  note: string | null;
}

/** Why a sweep cannot start: what is kept, and what it would need. */
export type SweepRefusal =
  | { reason: 'running' }
  | { reason: 'models'; kept: number; adding: number; max: number }
  | { reason: 'bytes'; keptBytes: number; addingBytes: number; maxBytes: number };

const bytesOf = (w: NetworkWeights): number =>
  [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder].reduce((sum, l) => sum + l.W.byteLength + l.b.byteLength, 0);

export const isRunning = (p: SweepProgress): boolean => p.phase !== 'done' && p.phase !== 'cancelled';

export class SweepStore {
  private snapshot: SweepSnapshot = { sweeps: [], active: null, keptModels: 0, keptBytes: 0, note: null };
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private nextNumber = 1;

  get(): SweepSnapshot {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a sweep of these values with this config fits beside what is kept; null when it does. */
  refusal(values: readonly number[], config: SessionConfig): SweepRefusal | null {
    const s = this.snapshot;
    if (s.active) return { reason: 'running' };
    if (s.keptModels + values.length > MAX_KEPT_MODELS) return { reason: 'models', kept: s.keptModels, adding: values.length, max: MAX_KEPT_MODELS };
    const addingBytes = values.length * 4 * parameterCount({ ...config.model, kind: 'vae' });
    if (s.keptBytes + addingBytes > MAX_KEPT_BYTES) return { reason: 'bytes', keptBytes: s.keptBytes, addingBytes, maxBytes: MAX_KEPT_BYTES };
    return null;
  }

  /** A new sweep, before the worker starts it; returns its id. */
  begin(values: readonly number[], steps: number): number {
    const id = this.nextId++;
    this.snapshot = { ...this.snapshot, note: null };
    const progress: SweepProgress = { sweepId: id, phase: 'training', index: 0, of: values.length, step: 0, steps };
    const sweep: KeptSweep = { id, number: this.nextNumber++, values: [...values], steps, models: [], progress };
    this.update([...this.snapshot.sweeps, sweep]);
    return id;
  }

  progress(p: SweepProgress): void {
    if (p.phase === 'cancelled' && p.note) this.snapshot = { ...this.snapshot, note: p.note };
    this.change(p.sweepId, (s) => ({ ...s, progress: p }));
  }

  /** A finished model; its weights are kept as they came (plain arrays). */
  model(m: SweepModelResult): void {
    const { sweepId: _id, weights, ...rest } = m;
    this.change(m.sweepId, (s) => ({ ...s, models: [...s.models, { ...rest, weights, bytes: bytesOf(weights) }] }));
  }

  /** The worker is gone (restarted): a sweep still running there stopped; its finished models stay. */
  lost(note: string): void {
    const active = this.snapshot.active;
    if (active) this.progress({ ...active.progress, phase: 'cancelled', note });
  }

  /** Frees a sweep's models (the user's Discard sweep); a running sweep is not discarded. */
  discard(id: number): void {
    this.update(this.snapshot.sweeps.filter((s) => s.id !== id || isRunning(s.progress)));
  }

  find(id: number, index: number): SweepModel | null {
    return this.snapshot.sweeps.find((s) => s.id === id)?.models.find((m) => m.index === index) ?? null;
  }

  private change(id: number, f: (s: KeptSweep) => KeptSweep): void {
    if (!this.snapshot.sweeps.some((s) => s.id === id)) return;
    this.update(this.snapshot.sweeps.map((s) => (s.id === id ? f(s) : s)));
  }

  private update(all: KeptSweep[]): void {
    // A sweep that stopped without a finished model has nothing to keep.
    const sweeps = all.filter((s) => isRunning(s.progress) || s.models.length > 0);
    const models = sweeps.flatMap((s) => s.models);
    this.snapshot = {
      sweeps,
      active: sweeps.find((s) => isRunning(s.progress)) ?? null,
      keptModels: models.length,
      keptBytes: models.reduce((sum, m) => sum + m.bytes, 0),
      note: this.snapshot.note,
    };
    for (const l of this.listeners) l();
  }
}
