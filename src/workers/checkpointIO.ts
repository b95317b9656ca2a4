// A session to checkpoint bytes and back, in the model layer's one format. The page's loss
// curves ride along in the checkpoint's opaque `history`.

import type { Manifest } from '../data/types';
import { parseCheckpoint, serializeCheckpoint, type Checkpoint } from '../model';
import { datasetInputProblem } from '../model/config';
import { historyFromEpochs } from './epochHistory';
import { IMAGES_DATASET } from '../shared/imageDataset';
import { isHistoryRecord } from '../shared/historyRecord';
import type { HistoryRecord, SessionConfig } from '../shared/protocol';
import type { SessionStart, TrainingSession } from './trainingSession';
import { errorText, WorkerError } from '../shared/workerErrors';

export function checkpointBytes(s: TrainingSession, history?: HistoryRecord): ArrayBuffer {
  return serializeCheckpoint({
    format: 'vae-playground',
    version: 1,
    dataset: s.config.dataset,
    config: s.config.model,
    hyper: s.hyper,
    seed: s.config.seed,
    step: s.step,
    epoch: s.epoch,
    createdAt: new Date().toISOString(),
    ...(history ? { history } : {}),
    weights: s.net.getWeights(),
  });
}

export interface Restored {
  config: SessionConfig;
  start: SessionStart;
  history?: HistoryRecord;
}

/** Throws a WorkerError('checkpoint') that says what is wrong and that nothing changed. */
export function readCheckpoint(bytes: ArrayBuffer, manifest: Manifest): Restored {
  let ckpt: Checkpoint;
  try {
    ckpt = parseCheckpoint(bytes);
  } catch (err) {
    throw new WorkerError('checkpoint', `This file is not a checkpoint the playground can read (${errorText(err)}). The current model is unchanged.`, true);
  }
  const info = manifest.datasets.find((d) => d.name === ckpt.dataset);
  if (!info && ckpt.dataset === IMAGES_DATASET) {
    throw new WorkerError(
      'checkpoint',
      'This model was trained on someone’s own images, which stay in the browser that had them: it cannot be loaded without them. The current model is unchanged.',
      true,
    );
  }
  if (!info) {
    throw new WorkerError('checkpoint', `The checkpoint was trained on "${ckpt.dataset}", a dataset this app does not have. The current model is unchanged.`, true);
  }
  // A model whose input size is not its dataset's images' (a Shapes dataset name on a 784-input model) cannot run.
  const problem = datasetInputProblem(info.name, ckpt.config.inputDim);
  if (problem) throw new WorkerError('checkpoint', `This checkpoint cannot be used: ${problem}. The current model is unchanged.`, true);
  const config: SessionConfig = { dataset: info.name, model: ckpt.config, hyper: ckpt.hyper, seed: ckpt.seed };
  const start: SessionStart = { weights: ckpt.weights, step: ckpt.step, epoch: ckpt.epoch };
  // The page's own curves, or a CLI checkpoint's epoch lines turned into them.
  const history = isHistoryRecord(ckpt.history) ? ckpt.history : historyFromEpochs(ckpt.history, info.splits.test.count, ckpt.hyper.beta);
  return history ? { config, start, history } : { config, start };
}
