// `npm run mutation`: StrykerJS mutates the pure layers and runs the unit tests that import each mutated
// file (vitest's related files, from the list in vitest.mutation.config.ts). Survivors judged equivalent
// are listed in docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/core/**/*.ts',
    'src/exercises/**/*.ts',
    'src/files/**/*.ts',
    'src/pictures/**/*.ts',
    'src/telegram/token-bucket.ts',
    'src/telegram/send-window.ts',
    // The lowdb store and the PostgreSQL store with its journal: their unit tests run on real files and the
    // PostgreSQL of the unit tier. index.ts and store-types.ts hold only exports and types, no mutant.
    'src/storage/**/*.ts',
    '!src/**/*.generated.ts',
  ],
  // Stryker rewrites the tsconfig it is pointed at through the TypeScript API, which TypeScript 7 no longer
  // has; the project's tsconfig needs no rewrite (no `extends` or `references`), so point it at none.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  ignorePatterns: ['dist', 'data', 'bench', 'docs', 'test-results', 'reports', 'coverage'],
  // A mutant that runs only while modules load or in a beforeAll (the pictures drawn once per test file, the
  // lesson trained once) would rerun every related test file in a fresh environment: about half of the
  // mutants, hours of work. Such a mutant that some test also reaches is tested by those tests instead; one
  // that no test reaches is reported as ignored (docs/mutation.md counts them). MUTATION_STATIC=1 tests them
  // too, for a run on a file whose tests are cheap.
  ignoreStatic: process.env.MUTATION_STATIC !== '1',
  concurrency: 2,
  // A mutant's tests take well under a second; past their time by this much, the mutant made a loop endless
  // (each such one costs this wait and a new test worker).
  timeoutMS: 3_000,
  // Reruns only the mutants whose code or tests changed since the last run; `-- --force` reruns all.
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
};
