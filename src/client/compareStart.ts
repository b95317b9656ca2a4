// AE vs VAE, fairly: Compare shows the two models at the same training step, always. Entering
// it keeps the pair when both already stand at one step; otherwise both start from their
// shipped checkpoints where the app has a VAE and an AE of this dataset and shape (MNIST 2-D),
// or both from new weights where it has not (Fashion-MNIST has no shipped AE). Pure: the
// client (client.ts) carries the plan out and the page asks before training is thrown away.

import type { PretrainedEntry } from '../model/pretrainedIndex';
import type { SessionConfig } from '../shared/protocol';

/** Where Compare's two models start from, as the page says it. */
/** Where Compare's two models came from; 'sweep': Model B opened from a β sweep's point. */
export type CompareOrigin = 'shipped' | 'fresh' | 'same' | 'sweep';

export type ComparePlan =
  /** Both models already stand at `step`: nothing changes. */
  | { kind: 'keep'; step: number; asks: false; lost: number }
  /** Both from the shipped checkpoints; `vae` null when the VAE on screen already is that checkpoint. */
  | { kind: 'shipped'; vae: PretrainedEntry | null; ae: PretrainedEntry; step: number; asks: boolean; lost: number }
  /** Both from new weights at step 0. */
  | { kind: 'fresh'; step: 0; asks: boolean; lost: number };

export interface CompareFacts {
  config: SessionConfig;
  /** Training steps of each model now (a model never shown has 0). */
  vaeStep: number;
  aeStep: number;
  /** The shipped model the session started from (clientState's `pretrained`), if any. */
  pretrained: string | null;
  /** Whether the training worker holds what the page shows (false while the startup's checkpoint is still on its way). */
  settled: boolean;
  models: readonly PretrainedEntry[];
}

/** The shipped VAE and AE of this dataset and shape, at one step; null when the app has no such pair. */
export function shippedPair(models: readonly PretrainedEntry[], config: SessionConfig): { vae: PretrainedEntry; ae: PretrainedEntry } | null {
  const fits = (m: PretrainedEntry) =>
    m.dataset === config.dataset &&
    (m.arch ?? 'mlp') === (config.model.arch ?? 'mlp') &&
    m.latent === config.model.latentDim &&
    m.hidden.length === config.model.hidden.length &&
    m.hidden.every((h, i) => h === config.model.hidden[i]);
  const vae = models.find((m) => m.model === 'vae' && fits(m));
  const ae = models.find((m) => m.model === 'ae' && fits(m) && vae !== undefined && m.step === vae.step);
  return vae && ae ? { vae, ae } : null;
}

export function planCompare(f: CompareFacts): ComparePlan {
  if (f.vaeStep === f.aeStep && f.settled) return { kind: 'keep', step: f.vaeStep, asks: false, lost: 0 };
  // A shipped model as it came is no training of the user's own: replacing it loses nothing.
  const shipped = f.models.find((m) => m.id === f.pretrained);
  const own = (kind: 'vae' | 'ae', step: number) => (shipped?.model === kind && shipped.step === step ? 0 : step);
  const lost = own('vae', f.vaeStep) + own('ae', f.aeStep);
  const pair = shippedPair(f.models, f.config);
  if (pair) {
    const vaeAsShipped = f.settled && f.pretrained === pair.vae.id && f.vaeStep === pair.vae.step;
    return { kind: 'shipped', vae: vaeAsShipped ? null : pair.vae, ae: pair.ae, step: pair.ae.step, asks: lost > 0, lost };
  }
  return { kind: 'fresh', step: 0, asks: lost > 0, lost };
}
