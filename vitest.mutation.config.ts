import { defineConfig } from 'vitest/config';

// The unit tests that `npm run mutation` (stryker.config.mjs) runs against each mutant: those of the pure
// layers, which mirror src/. The list lives here and not in Stryker's testFiles: a mutant in a module-level
// constant (run with `--ignoreStatic false`) is judged by rerunning whole files, and only this list reaches it.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    // A mutant is switched on at run time, so the test files of a worker share one module graph (as the
    // unit tier does) instead of loading it again for every mutant: a third less time. A run that tests
    // static mutants (MUTATION_STATIC=1, see stryker.config.mjs) needs the modules loaded again.
    isolate: process.env.MUTATION_STATIC === '1',
    hookTimeout: 30_000,
    include: [
      'test/{core,exercises,files}/**/*.test.ts',
      // Of the pictures, only the tests that check the SVG markup and geometry piece by piece, from small
      // hand-made models, in milliseconds. The others draw every picture case in both languages, several
      // while their files load (before Stryker sets the mutant, so that drawing cannot see one), or render
      // PNGs and GIFs: rerun for each of the folder's 1,675 mutants they took hours. They stay in `npm test`.
      'test/pictures/{svg-builders,loss-parts,neuron-parts,plane-parts,activation-parts,picture-svg}.test.ts',
      'test/pictures/{encode,text-outline}.test.ts',
      'test/telegram/{token-bucket,send-window}.test.ts',
      'test/storage/**/*.test.ts',
    ],
    // The process tier's kill -9 test runs the built bot as a child: it cannot see a mutant.
    exclude: ['**/node_modules/**', 'test/storage/kill-nine.test.ts'],
  },
});
