// Flags of scripts/soak.ts.

export interface SoakPlan {
  minutes: number;
  build: boolean;
  backend: 'auto' | 'webgl' | 'wasm' | 'cpu';
  batch: number;
}

export const SOAK_USAGE = `Train the built app in headless Chromium for a long time and watch for leaks and slowdowns.

usage: npm run soak -- [--minutes N] [--backend auto|webgl|wasm|cpu] [--batch N] [--no-build]

  --minutes N   how long to train (default 30); one sample per minute
  --backend B   the backend to ask for (default auto)
  --batch N     batch size (default 128)
  --no-build    serve the last build in bench-results/site instead of building again

Every minute it records tf.memory() (numTensors, numBytes, from the training worker), the JS heap
of the page and of both workers after a forced GC, the frame rate and the training throughput.
Prints one JSON object to stdout (also written to bench-results/soak-<time>.json) and a verdict
to stderr; exits 1 when the verdict finds growth beyond noise or a slowdown.`;

const BACKENDS = ['auto', 'webgl', 'wasm', 'cpu'] as const;

export type SoakArgs = { kind: 'plan'; plan: SoakPlan } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseSoakArgs(argv: readonly string[]): SoakArgs {
  const plan: SoakPlan = { minutes: 30, build: true, backend: 'auto', batch: 128 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--help' || a === '-h') return { kind: 'help' };
      else if (a === '--no-build') plan.build = false;
      else if (a === '--minutes') {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 24 * 60) throw new Error('--minutes must be a whole number from 1 to 1440');
        plan.minutes = n;
      } else if (a === '--batch') {
        const n = Number(value());
        if (![32, 64, 128, 256, 512].includes(n)) throw new Error('--batch must be one of 32, 64, 128, 256, 512');
        plan.batch = n;
      } else if (a === '--backend') {
        const b = value();
        const found = BACKENDS.find((x) => x === b);
        if (!found) throw new Error(`--backend must be one of ${BACKENDS.join(', ')}`);
        plan.backend = found;
      } else throw new Error(`unknown flag ${a}`);
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }
  return { kind: 'plan', plan };
}
