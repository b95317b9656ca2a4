// Streams the explanations read, at most once per animation frame: the latest training and
// test figures, and the latest test-set codes.
import { useEffect, useRef, useState } from 'react';
import type { LatentSnapshot, MetricsHistory } from '../../client/clientTypes';
import { usePlaygroundClient, useTopic } from '../usePlayground';
import { mean } from './monteCarlo';

/** Steps averaged for the "training now" figures: one step's batch is noisy. */
export const RECENT_STEPS = 50;

export interface LiveMetrics {
  train: { elbo: number; recon: number; kl: number; objective: number; steps: number; lastStep: number } | null;
  test: { elbo: number; recon: number; kl: number; count: number; step: number } | null;
}

export function summarizeMetrics(h: MetricsHistory, recent = RECENT_STEPS): LiveMetrics {
  const n = Math.min(recent, h.steps.length);
  const tail = (a: number[]) => a.slice(a.length - n);
  const train =
    n > 0
      ? {
          elbo: mean(tail(h.elbo)),
          recon: mean(tail(h.recon)),
          kl: mean(tail(h.kl)),
          objective: mean(tail(h.objective)),
          steps: n,
          lastStep: h.steps[h.steps.length - 1],
        }
      : null;
  const last = h.test[h.test.length - 1];
  const test = last ? { elbo: last.elbo, recon: last.recon, kl: last.kl, count: last.count, step: last.step } : null;
  return { train, test };
}

function useFramed<T>(topic: 'metrics' | 'latent', read: () => T): T {
  const [value, setValue] = useState(read);
  const frame = useRef(0);
  const readRef = useRef(read);
  readRef.current = read;
  useTopic(topic, () => {
    if (!frame.current) {
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        setValue(readRef.current());
      });
    }
  });
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  return value;
}

export function useLiveMetrics(): LiveMetrics {
  const client = usePlaygroundClient();
  return useFramed('metrics', () => summarizeMetrics(client.getMetrics()));
}

export function useLatentSnapshot(): LatentSnapshot | null {
  const client = usePlaygroundClient();
  return useFramed('latent', () => client.getLatent());
}
