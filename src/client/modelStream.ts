// One model's streams on the page (modelStreams.ts keeps one per kind): what the trainer
// messages file into (trainerMessages.ts). Types only.

import type { DisentanglementSnapshot, LatentSnapshot, ReconSnapshot } from './clientTypes';
import type { MainThreadDecoder } from './mainThreadDecoder';
import type { MetricsStore } from './metricsStore';

export interface ModelStream {
  readonly metrics: MetricsStore;
  readonly decoder: MainThreadDecoder;
  latent: LatentSnapshot | null;
  recon: ReconSnapshot | null;
  /** The latest MIG of these weights (Shapes), or why there is none; null before any. */
  disentanglement: DisentanglementSnapshot | null;
  /** Step of the weights the inference worker holds for this model; −1 before the first. */
  weightsStep: number;
  /** The status line's counters, kept while another model is shown. */
  step: number;
  epoch: number;
}
