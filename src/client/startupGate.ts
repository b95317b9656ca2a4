// While a pretrained model's first paint is on screen, the training worker starts (init builds
// fresh weights) and then loads the pretrained checkpoint. What it says about the fresh
// weights in between (step 0, their codes, their decoder) must not replace the pretrained
// picture, and Train must not be offered before the checkpoint is in. The gate decides which
// trainer messages the client applies. Pure, so it is tested without workers.

import type { FromTrainer } from '../shared/protocol';

type Ready = Extract<FromTrainer, { type: 'ready' }>;

export class StartupGate {
  private holding = false;
  private held: Ready | null = null;

  get active(): boolean {
    return this.holding;
  }

  /** From now until release() or a 'loaded', the fresh session's messages are held back. */
  hold(): void {
    this.holding = true;
  }

  /**
   * The messages to apply now, in order, for one arriving message: none (dropped, or 'ready'
   * kept for later), the message itself, or at 'loaded' the held 'ready' followed by it.
   */
  admit(msg: FromTrainer): FromTrainer[] {
    if (!this.holding) return [msg];
    switch (msg.type) {
      case 'ready':
        this.held = msg;
        return [];
      case 'loaded':
        return [...this.release(), msg];
      // Download progress and failures belong to whatever the page shows; answers to requests too.
      case 'progress':
      case 'probed':
      case 'error':
      case 'evaluated':
      case 'saved':
        return [msg];
      // The fresh weights' state, curves, codes, reconstructions and decoder.
      case 'state':
      case 'metrics':
      case 'latent':
      case 'recon':
      case 'weights':
      case 'view':
        return [];
    }
  }

  /** Opens the gate; returns the held 'ready', if any, to apply now. */
  release(): FromTrainer[] {
    this.holding = false;
    const held = this.held;
    this.held = null;
    return held ? [held] : [];
  }
}
