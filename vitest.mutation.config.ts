// The unit tests StrykerJS runs against each mutant (stryker.config.mjs): the model's and the
// data's, which test the mutated files directly. The two tests that evaluate whole datasets
// (pretrainedFigures, trainer.mnist) are left out: minutes each on 2 cores, and lossReference's
// float64 reference already pins the ELBO's scale on a fixed batch.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/model/**/*.test.ts', 'src/data/**/*.test.ts'],
    exclude: ['src/model/pretrainedFigures.test.ts', 'src/model/trainer.mnist.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
