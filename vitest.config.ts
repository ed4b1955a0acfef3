import { defineConfig } from 'vitest/config';
import tiers from './test/tiers.json' with { type: 'json' };

// Each tier of test/tiers.json is a vitest project (`vitest run --project unit`); a file matched by the
// process tier belongs to it alone. scripts/run-tests.mjs runs the tiers in turn.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: Object.entries(tiers).map(([name, include]) => ({
      extends: true,
      // Unit test files share no global state (no mocks, fake timers or env changes): reusing a worker
      // for several of them halves the tier's time.
      // Process-tier files time real processes (SIGTERM within SHUTDOWN_SECONDS, resident memory after a
      // hundred pictures): run one at a time, so that no file's load decides another's deadline. Browser-tier
      // files each drive a Chromium: one at a time too.
      test: {
        name,
        include,
        exclude:
          name === 'process' ? tiers.scale : name === 'scale' ? [] : [...tiers.process, ...tiers.scale],
        isolate: name !== 'unit',
        fileParallelism: name === 'unit' || name === 'bot',
      },
    })),
  },
});
