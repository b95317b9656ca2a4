// The β sweep's messages in the training worker (trainerHandlers.ts calls these): start one
// (sweepJob.ts) from the primary model's config, pause, resume or cancel it, and open one of its
// models as Compare's Model B. While a sweep runs the user's models stand still (Train pauses the
// sweep instead: pauseSweepFor); they are never replaced by it.

import { inValidRange, PARAMS } from '../model/params';
import { sameConfig } from '../model/config';
import { applyModelB } from '../shared/modelB';
import type { HistoryRecord, SessionConfig, ToTrainer } from '../shared/protocol';
import { parseSweepValues, SWEEP_STEPS } from '../shared/sweepValues';
import { WorkerError } from '../shared/workerErrors';
import { withKind } from './modelSlots';
import type { SessionHost } from './sessionHost';
import { SweepJob } from './sweepJob';

type Message<K extends ToTrainer['type']> = Extract<ToTrainer, { type: K }>;

/** Starts a sweep of the primary's config (as a VAE); the shown models pause. Refuses bad lists and a second sweep. */
export function startSweep(host: SessionHost, { sweepId, values, steps }: Message<'sweepStart'>): void {
  if (host.sweep && !host.sweep.finished) throw new WorkerError('internal', 'A β sweep is already running: cancel it before starting another.', true);
  const checked = parseSweepValues(values.join(','));
  if ('error' in checked || checked.values.length !== values.length) throw new WorkerError('internal', `The β sweep's values are not a valid list: ${values.join(', ')}.`, true);
  if (!inValidRange({ ...PARAMS.rampSteps, ...SWEEP_STEPS }, steps)) throw new WorkerError('internal', `The β sweep's steps per model must be a whole number from ${SWEEP_STEPS.valid.min} to ${SWEEP_STEPS.valid.max}, got ${steps}.`, true);
  const shown = host.requireSession().config;
  if (shown.hyper.objective === 'capacity') throw new WorkerError('internal', 'The β sweep varies β, which the capacity objective does not use: choose the β objective first.', true);
  const data = host.data.data;
  if (!data) throw new WorkerError('internal', 'No data is loaded yet.', true);
  for (const loop of host.shownLoops()) if (loop.training) loop.pause();
  host.sweep = new SweepJob({ sweepId, values: checked.values, steps, config: shown.model.kind === 'vae' ? shown : withKind(shown, 'vae') }, data, (msg, transfer) => host.post(msg, transfer));
  host.post({ type: 'sweep', sweepId, phase: 'training', index: 0, of: values.length, step: 0, steps });
}

export function controlSweep(host: SessionHost, { action }: Message<'sweepControl'>): void {
  const sweep = host.sweep;
  if (!sweep) return;
  if (action === 'pause') sweep.pause();
  else if (action === 'cancel') sweep.cancel();
  else {
    // The sweep and the user's training take turns: resuming it pauses theirs.
    for (const loop of host.shownLoops()) if (loop.training) loop.pause();
    sweep.resume();
  }
}

/** Train or Step while a sweep runs: the sweep pauses (it says so), and the user's model trains. */
export function pauseSweepFor(host: SessionHost): void {
  if (host.sweep?.hasWork) host.sweep.pause();
}

/**
 * Compare, with Model B from a sweep's weights: B's settings are the sweep model's (those that
 * differ from A's), so its map, decoder and legends are that model's. Model A stays as it is.
 * B stands at A's step (Compare trains the two in lockstep), with the sweep's test point as its
 * curve. A model of other layers or data than A's now is refused, and nothing changes.
 */
export function openSweepModel(host: SessionHost, { id, settings, config, weights, test }: Message<'openSweepModel'>): void {
  const fits = (a: SessionConfig) => {
    const b = applyModelB(a, settings);
    const ok = b.dataset === config.dataset && sameConfig(b.model, config.model) && sameConfig(weights.config, b.model);
    if (!ok) throw new WorkerError('checkpoint', 'That sweep model was trained on other data or with other layers than Model A has now; Model A and Model B are unchanged.', true);
    return b;
  };
  // Checked before anything moves; the AE view shows Model B, so A's config is known only after the switch.
  if (host.slots.primaryTag === 'a') fits(host.requireSession().config);
  if (host.slots.view !== 'compare' || host.slots.primaryTag !== 'a') host.setView('compare');
  const a = host.requireSession();
  const b = fits(a.config);
  host.setModelB(settings);
  const start = { weights, step: a.step, epoch: a.epoch };
  host.setView('compare', start);
  const history: HistoryRecord = { steps: [], elbo: [], recon: [], kl: [], objective: [], test: [{ ...test, step: a.step }] };
  host.post({ type: 'loaded', id, model: 'b', config: b, step: a.step, history });
}
