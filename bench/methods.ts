// `npm run bench -- methods`: epochs and time to 100% accuracy for gd, rprop and genetic side by side on
// the examples and a 1,000 x 32 separable case, and RProp's time per epoch against gd's (goal: 1.5x).
import { findExample } from '../src/core/examples.js';
import { createModel } from '../src/core/model.js';
import { NumpyRandom } from '../src/core/numpy-random.js';
import { trainModel } from '../src/core/train.js';
import { DEFAULT_SETTINGS, type Row, TRAINING_METHODS, type TrainingMethod } from '../src/core/types.js';

const RPROP_GOAL = 1.5;

interface Case {
  name: string;
  rows: Row[];
  /** Most epochs tried for gd and rprop, and for the genetic algorithm (a generation costs 50 passes). */
  limit: number;
  geneticLimit: number;
  learningRate?: number;
}

/**
 * 1,000 rows of 32 inputs (0 or 1) labelled by a random plane through their middle, rows closer to it
 * than 0.2 left out: separable with a margin, so that 100% is within reach.
 */
function makeSeparableCase(seed: number): Row[] {
  const random = new NumpyRandom(seed);
  const plane = Array.from({ length: 32 }, () => 2 * random.random() - 1);
  const middle = plane.reduce((sum, w) => sum + w, 0) / 2;
  const rows: Row[] = [];
  while (rows.length < 1000) {
    const inputs = Array.from({ length: 32 }, () => (random.random() < 0.5 ? 0 : 1));
    const z = inputs.reduce((sum: number, x, i) => sum + x * (plane[i] as number), 0) - middle;
    if (Math.abs(z) >= 0.2) rows.push({ inputs, output: z > 0 ? 1 : 0 });
  }
  return rows;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
};

/** Epochs to accuracy 100% (stopping there) and the median time over `repeats` runs after a warm-up. */
function timeToAllRight(
  rows: Row[],
  method: TrainingMethod,
  limit: number,
  repeats: number,
  learningRate = 1,
) {
  const model = createModel({ ...DEFAULT_SETTINGS, method, learningRate }, (rows[0] as Row).inputs.length);
  const run = () => trainModel(model, rows, { epochs: limit, stop: { allRight: true } });
  const first = run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return { epochs: first.reachedTarget ? first.epochsRun : undefined, ms: median(times) };
}

/**
 * Median milliseconds per epoch of `epochs` epochs without a stop rule, for two methods measured in
 * turn (gd, rprop, gd, rprop, …), so that both see the same load on a shared machine.
 */
function timePerEpoch(rows: Row[], methods: TrainingMethod[], epochs: number, repeats: number): number[] {
  const models = methods.map((method) =>
    createModel({ ...DEFAULT_SETTINGS, method }, (rows[0] as Row).inputs.length),
  );
  for (const model of models) trainModel(model, rows, { epochs: Math.min(epochs, 100), stop: false });
  const times = models.map((): number[] => []);
  for (let i = 0; i < repeats; i++) {
    models.forEach((model, m) => {
      const start = performance.now();
      trainModel(model, rows, { epochs, stop: false });
      times[m]?.push((performance.now() - start) / epochs);
    });
  }
  return times.map(median);
}

function printRace(cases: Case[]): void {
  const header = ['case', ...TRAINING_METHODS.map((m) => `${m}: epochs, ms to 100%`)];
  console.log(`| ${header.map((h, i) => h.padEnd(i === 0 ? 12 : 28)).join(' | ')} |`);
  console.log(`|${header.map((_, i) => '-'.repeat((i === 0 ? 12 : 28) + 2)).join('|')}|`);
  for (const c of cases) {
    const cells = TRAINING_METHODS.map((method) => {
      const limit = method === 'genetic' ? c.geneticLimit : c.limit;
      const repeats = c.rows.length > 100 ? 1 : 5;
      const { epochs, ms } = timeToAllRight(c.rows, method, limit, repeats, c.learningRate);
      const reached = epochs === undefined ? `not in ${limit}` : String(epochs);
      return `${reached}, ${ms.toFixed(ms < 10 ? 2 : 0)} ms`.padEnd(28);
    });
    console.log(`| ${c.name.padEnd(12)} | ${cells.join(' | ')} |`);
  }
}

function printEpochCost(cases: { name: string; rows: Row[]; epochs: number }[]): void {
  console.log(
    '\nRProp against gd, time per epoch (wasm kernel, no stop rule, measured in turn, median of 15 runs, of 2,001 for 40 epochs):',
  );
  for (const c of cases) {
    const repeats = c.epochs < 100 ? 2001 : 15;
    const [gd = Number.NaN, rprop = Number.NaN] = timePerEpoch(c.rows, ['gd', 'rprop'], c.epochs, repeats);
    const ratio = rprop / gd;
    const verdict = ratio <= RPROP_GOAL ? 'met' : 'MISSED';
    console.log(
      `  ${c.name.padEnd(10)} gd ${(gd * 1000).toFixed(3)} µs, rprop ${(rprop * 1000).toFixed(3)} µs: ${ratio.toFixed(2)}x (goal <= ${RPROP_GOAL}x ${verdict})`,
    );
  }
  const [genetic = Number.NaN] = timePerEpoch(cases.at(-1)?.rows ?? [], ['genetic'], 50, 3);
  console.log(`  1000 x 32: one generation of 50 individuals ${genetic.toFixed(2)} ms (for information)`);
}

export async function runMethodsBenchmark(): Promise<void> {
  const example = (name: string) => (findExample(name)?.rows ?? []).map((row) => ({ ...row }));
  const separable = makeSeparableCase(2024);
  console.log(
    '\n## Methods: epochs and time to accuracy 100% (seed 1, default settings, median of 5; 1,000 x 32: one run)\n',
  );
  const small = ['lesson', 'and', 'or', 'nand', 'smileys'].map((name) => ({
    name,
    rows: example(name),
    limit: 20_000,
    geneticLimit: 20_000,
  }));
  printRace([
    ...small,
    { name: '1000 x 32', rows: separable, limit: 20_000, geneticLimit: 2000 },
    { name: '…lr 0.01', rows: separable, limit: 20_000, geneticLimit: 2000, learningRate: 0.01 },
  ]);
  console.log(
    '(1000 x 32 rows are separable with a margin of 0.2; "…lr 0.01" is the same with /set lr 0.01,',
  );
  console.log(' which only gd uses: its summed gradient over 1,000 rows overshoots at the default rate 1.)');
  printEpochCost([
    { name: 'lesson 40', rows: example('lesson'), epochs: 40 },
    { name: 'lesson 20k', rows: example('lesson'), epochs: 20_000 },
    { name: '1000 x 32', rows: separable, epochs: 2000 },
  ]);
  console.log(
    "  (After some 100 epochs RProp drives the lesson's outputs to 1e-300 and below, where doubles are",
  );
  console.log(
    '   subnormal and every multiplication is far slower on x86: "lesson 20k" measures that, not the update.)',
  );
}
