// For the image in focus: R repeats of L samples z = μ + σ·ε, decoded by the inference
// worker in one batch, each scored with the page's likelihood. Redrawn when the image, L,
// the likelihood, the weights or `nonce` (the "draw again" button) change; at most one
// batch in flight.
import { useEffect, useRef, useState } from 'react';
import { LatestOnly } from '../latentShared/latestOnly';
import { usePlaygroundClient } from '../usePlayground';
import type { FocusView } from './explainStore';
import { mulberry32, sampleCodes, summarizeMc, type McSummary } from './monteCarlo';
import { scoreDecodings, type LikelihoodChoice } from './reconLogLik';

/** Repeats of the L-sample estimate, enough to see its spread. */
export const MC_REPEATS = 8;

interface McRequest {
  focus: FocusView;
  L: number;
  h: LikelihoodChoice;
  seed: number;
}

export function useMonteCarlo(focus: FocusView | null, L: number, h: LikelihoodChoice, weightsStep: number, nonce: number): McSummary | null {
  const client = usePlaygroundClient();
  const [result, setResult] = useState<{ req: McRequest; summary: McSummary } | null>(null);
  const queue = useRef<LatestOnly<McRequest, McSummary> | null>(null);
  queue.current ??= new LatestOnly<McRequest, McSummary>(
    async (req) => {
      const { focus: f, L: l } = req;
      if (!f.logvar || !f.x) throw new Error('no code to sample');
      const count = l * MC_REPEATS;
      const { z } = sampleCodes(f.mu, f.logvar, count, mulberry32(req.seed));
      const images = await client.decode(z, count);
      return summarizeMc(scoreDecodings(f.x, images, count, req.h), l, MC_REPEATS);
    },
    (summary, req) => setResult({ req, summary }),
    () => {},
  );

  const usable = focus && focus.logvar && focus.x && weightsStep >= 0 ? focus : null;
  const { likelihood, sigmaX } = h;
  useEffect(() => {
    if (!usable) return;
    queue.current?.request({ focus: usable, L, h: { likelihood, sigmaX }, seed: (nonce * 7919 + weightsStep) >>> 0 });
  }, [usable, L, likelihood, sigmaX, weightsStep, nonce]);

  if (!usable || !result || result.req.focus !== usable || result.req.L !== L) return null;
  return result.summary;
}
