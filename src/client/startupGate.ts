// While a pretrained model's first paint is on screen, the training worker starts (init builds
// fresh weights) and then loads the pretrained checkpoint. What it says about the fresh
// weights in between (step 0, their codes, their decoder) must not replace the pretrained
// picture, and Train must not be offered before the checkpoint is in. The gate decides which
// trainer messages the client applies (each message's rule: trainerMessages.ts). Pure, so it
// is tested without workers.

import type { FromTrainer } from '../shared/protocol';
import { TRAINER_MESSAGES } from './trainerMessages';

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
    const rule = TRAINER_MESSAGES[msg.type].startup;
    if (rule === 'apply') return [msg];
    if (rule === 'release') return [...this.release(), msg];
    if (rule === 'hold') this.held = msg as Ready;
    return [];
  }

  /** Opens the gate; returns the held 'ready', if any, to apply now. */
  release(): FromTrainer[] {
    this.holding = false;
    const held = this.held;
    this.held = null;
    return held ? [held] : [];
  }
}
