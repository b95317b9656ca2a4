// A checkpoint from the Node CLI (`npm run train`) carries its curves as one line per epoch
// ({ epochs: [{ step, train, test, objective? }] }, scripts/train.ts), not as the page's
// per-step history. This turns them into the page's form, so a loaded CLI checkpoint (the
// shipped pretrained models among them) shows how it was trained: one train point per epoch
// (that epoch's mean) and a full test-set point at each epoch's end.

import type { HistoryRecord } from '../shared/protocol';

interface Terms {
  elbo: number;
  recon: number;
  kl: number;
}

const isTerms = (v: unknown): v is Terms =>
  typeof v === 'object' && v !== null && (['elbo', 'recon', 'kl'] as const).every((k) => Number.isFinite((v as Record<string, unknown>)[k]));

/**
 * null unless `history` is the CLI's epoch list. `testCount`: images in the dataset's test
 * split (the CLI evaluates on all of them); `beta`: weight of KL in the objective.
 */
export function historyFromEpochs(history: unknown, testCount: number, beta: number): HistoryRecord | null {
  const epochs = (history as { epochs?: unknown } | null)?.epochs;
  if (!Array.isArray(epochs) || epochs.length === 0) return null;
  const out: HistoryRecord = { steps: [], elbo: [], recon: [], kl: [], objective: [], test: [] };
  let last = -1;
  for (const e of epochs as Array<Record<string, unknown>>) {
    const step = e?.step;
    if (typeof step !== 'number' || !Number.isInteger(step) || step <= last || !isTerms(e.train) || !isTerms(e.test)) return null;
    last = step;
    const objective = e.objective as { train?: unknown; test?: unknown } | undefined;
    const train = e.train;
    out.steps.push(step);
    out.elbo.push(train.elbo);
    out.recon.push(train.recon);
    out.kl.push(train.kl);
    out.objective.push(typeof objective?.train === 'number' ? objective.train : train.recon + beta * train.kl);
    const test = e.test;
    const testObjective = typeof objective?.test === 'number' ? objective.test : test.recon + beta * test.kl;
    out.test.push({ step, elbo: test.elbo, recon: test.recon, kl: test.kl, objective: testObjective, full: true, count: testCount });
  }
  return out;
}
