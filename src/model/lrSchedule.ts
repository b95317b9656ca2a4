// Learning-rate schedules: the rate at a given step as a multiple of the chosen (base) rate.
// Pure arithmetic, shared by the trainer and the study behind the default (scripts/lr-study.ts).

export interface Schedule {
  /** Multiple of the base rate at the start. */
  peak: number;
  /** Steps held at the peak. */
  hold: number;
  /** Steps of the cosine from the peak back down to the base rate. */
  decay: number;
}

/**
 * The "Fast start" of the app (Hyper.warmStart): 4× the base rate for 300 steps, back to it by
 * step 1,000. On the 2-D MNIST VAE it brings the test −ELBO below 170 nats in about half the
 * steps of a constant rate, and ends 10 epochs no worse (the figures are in scripts/lr-study.ts).
 */
export const FAST_START: Schedule = { peak: 4, hold: 300, decay: 700 };

/** The schedules scripts/lr-study.ts compares. */
export const STUDIED: Record<string, Schedule> = {
  constant: { peak: 1, hold: 0, decay: 0 },
  boost2: { peak: 2, hold: 300, decay: 700 },
  boost3: { peak: 3, hold: 300, decay: 700 },
  boost4: FAST_START,
  boost5: { peak: 5, hold: 200, decay: 800 },
};

/** The rate at `step` (updates applied so far): peak × base, held, then a cosine down to base. */
export function learningRateAt(s: Schedule, base: number, step: number): number {
  if (step < s.hold) return s.peak * base;
  if (step >= s.hold + s.decay) return base;
  const t = (step - s.hold) / s.decay;
  return base * (1 + ((s.peak - 1) * (1 + Math.cos(Math.PI * t))) / 2);
}
