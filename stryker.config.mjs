// Mutation testing of the numeric core (`npm run test:mutation`): each mutant is a small
// deliberate bug; a test must fail for it. Too slow for every CI run on 2 cores, so it runs on
// demand; the report goes to reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  // The loss, KL, likelihoods, Monte Carlo sampling, the disentanglement metric, checkpoints
  // (and their binary frame) and batching.
  mutate: [
    'src/model/losses.ts',
    'src/model/logpx.ts',
    'src/model/klPerDim.ts',
    'src/model/mig.ts',
    'src/model/checkpoint.ts',
    'src/model/binaryContainer.ts',
    'src/model/crc32.ts',
    'src/model/float16.ts',
    'src/data/batchSampler.ts',
    'src/data/random.ts',
  ],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  // Resumable: a rerun tests only mutants whose code or tests changed (reports/stryker-incremental.json).
  incremental: true,
  timeoutMS: 60_000,
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ['dist', 'runs', 'bench-results', 'reports', 'test-results'],
};
