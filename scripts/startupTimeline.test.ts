import { describe, expect, it } from 'vitest';
import { finishedBy, medians, msAfter, summarizeRun, type Finished } from './startupTimeline';

const responses: Finished[] = [
  { url: 'http://h/', endMs: 12, bytes: 800 },
  { url: 'http://h/assets/index.js', endMs: 150, bytes: 160_000 },
  { url: 'http://h/pretrained/mnist-vae-2d.vaefp', endMs: 300, bytes: 530_000 },
  { url: 'http://h/assets/training.worker.js', endMs: 900, bytes: 450_000 },
];

describe('startup timeline', () => {
  it('puts wall-clock times on the page timeline', () => {
    expect(msAfter(1_700_000_000_000.5, 1_700_000_000_250.75)).toBeCloseTo(250.25, 6);
  });

  it('counts only what had arrived by the moment, the moment itself included', () => {
    expect(finishedBy(responses, 300).map((r) => r.bytes)).toEqual([800, 160_000, 530_000]);
    expect(finishedBy(responses, 299)).toHaveLength(2);
  });

  it('a run is draggable when both the map and the decoded image are there, and sums what came before', () => {
    const run = summarizeRun(450, 520.04, responses);
    expect(run).toMatchObject({ firstMapMs: 450, firstDecodeMs: 520, draggableMs: 520, bytesBeforeDraggable: 690_800, requestsBeforeDraggable: 3 });
    expect(run.largest[0]).toEqual({ path: '/pretrained/mnist-vae-2d.vaefp', bytes: 530_000 });
    expect(summarizeRun(450, null, responses)).toMatchObject({ draggableMs: null, bytesBeforeDraggable: null, largest: [] });
  });

  it('medians over the runs that got there, and how many did', () => {
    const runs = [summarizeRun(400, 500, responses), summarizeRun(600, 700, responses), summarizeRun(500, 550, responses), summarizeRun(null, 300, responses)];
    expect(medians(runs)).toEqual({ complete: 3, firstMapMs: 500, firstDecodeMs: 525, draggableMs: 550, bytesBeforeDraggable: 690_800 });
  });
});
