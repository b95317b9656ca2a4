// Every training-worker message on its way in: past the startup gate (pretrainedStart.ts), seen
// by the supervisor, then applied by its rule in trainerMessages.ts — state, streams, effects.
// The effects (answering requests, passing weights to the inference worker, showing a model)
// are implemented here, on the client's shared core.

import type { ClientCore } from './clientCore';
import { shownModel } from './modelStreams';
import type { PretrainedStart } from './pretrainedStart';
import { rememberProbe } from './probeStore';
import { applyTrainerMessage } from './clientState';
import { modelOf, ruleOf, type TrainerEffects, type TrainerMessage } from './trainerMessages';
import type { TrainerSupervisor } from './trainerSupervisor';
import { weightBuffers } from '../shared/transfer';
import { slotOfKind } from '../shared/modelB';
import type { BackendProbe, FromTrainer } from '../shared/protocol';

export class TrainerInbox implements TrainerEffects {
  private readonly core: ClientCore;
  private readonly supervisor: () => TrainerSupervisor;
  private readonly pretrained: () => PretrainedStart;
  /**
   * Of the message being applied: the weights step before it, and whether it is the startup's
   * load, which brings the weights already on screen (the first paint), so the picture stays.
   */
  private before = { weightsStep: -1, keepPicture: false };

  constructor(core: ClientCore, supervisor: () => TrainerSupervisor, pretrained: () => PretrainedStart) {
    this.core = core;
    this.supervisor = supervisor;
    this.pretrained = pretrained;
  }

  /** A message from the worker. */
  receive(msg: FromTrainer): void {
    // A load nobody waits for any more (a Reset overtook it) changes nothing: the reset's messages follow.
    if (msg.type === 'loaded' && !this.core.trainerPending.has(msg.id)) return;
    const gate = this.pretrained().gate;
    const keepPicture = msg.type === 'loaded' && gate.active;
    for (const m of gate.admit(msg)) this.apply(m, keepPicture);
  }

  /** One message through its rule (trainerMessages.ts). */
  apply(msg: FromTrainer, keepPicture = false): void {
    const core = this.core;
    const rule = ruleOf(msg);
    this.supervisor().observe(msg);
    this.before = { weightsStep: core.state.weightsStep, keepPicture };
    core.setState(applyTrainerMessage(core.state, msg, core.nextId()));
    const model = modelOf(msg, core.streams.active);
    // Filed first (the streams copy what the effects may transfer away), told last.
    const topic = rule.stream?.(core.streams.of(model), msg, core.state.step);
    rule.effect?.(this, msg, model === core.streams.active);
    if (topic) core.emit(topic);
  }

  settle(id: number, msg: FromTrainer): void {
    this.core.trainerPending.settle(id, msg);
  }

  fail(id: number, message: string): void {
    this.core.trainerPending.fail(id, message);
  }

  forwardWeights(msg: TrainerMessage<'weights'>, shown: boolean): void {
    const core = this.core;
    // The streams kept a copy of the decoder; the inference worker owns these buffers from now on.
    core.postInference({ type: 'weights', step: msg.step, weights: msg.weights, ...(msg.model ? { model: msg.model } : {}) }, weightBuffers(msg.weights));
    if (shown) core.setState({ ...core.state, weightsStep: msg.step });
  }

  rememberProbe(probe: BackendProbe): void {
    rememberProbe(probe);
  }

  showView(msg: TrainerMessage<'view'>): void {
    this.core.showModel(shownModel(msg.view));
  }

  sweep(msg: TrainerMessage<'sweep' | 'sweepModel'> | 'lost'): void {
    const sweeps = this.core.sweeps;
    if (msg === 'lost') sweeps.lost('The training worker restarted, so the β sweep stopped; its finished models are kept.');
    else if (msg.type === 'sweep') sweeps.progress(msg);
    else sweeps.model(msg);
  }

  replaced(msg: TrainerMessage<'loaded'>, shown: boolean): void {
    const core = this.core;
    if (!shown) {
      // Compare's Model B from a checkpoint: its curves and step; its codes and decoder follow.
      const stream = core.streams.of(msg.model ?? 'b');
      stream.metrics.clear(msg.history);
      stream.decoder.clear();
      Object.assign(stream, { latent: null, recon: null, disentanglement: null, weightsStep: -1, step: msg.step });
      for (const topic of ['metrics', 'latent', 'weights', 'disentanglement'] as const) core.emit(topic);
      return;
    }
    const { weightsStep, keepPicture } = this.before;
    // Normally a 'view' message came first; at startup the gate may have held it back.
    core.showModel(slotOfKind(msg.config.model.kind));
    core.metrics.clear(msg.history);
    core.streams.clearOthers();
    core.emit('metrics');
    if (keepPicture) core.setState({ ...core.state, weightsStep });
    else {
      core.setState({ ...core.state, pretrained: null });
      core.mainDecoder.clear();
      core.clearPicture();
    }
  }
}
