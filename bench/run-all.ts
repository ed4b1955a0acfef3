// `npm run bench`: each benchmark module in turn; each prints its own table.
// `npm run bench -- storm` runs only the benchmarks whose name contains "storm".
import { runAddCostBenchmark } from './add-cost.js';
import { runAppBenchmark } from './app.js';
import { runClassStormBenchmark } from './class-storm.js';
import { runCoreSpeedBenchmark } from './core-speed.js';
import { runExerciseStormBenchmark } from './exercise-storm.js';
import { runImportBenchmark } from './import-load.js';
import { runMethodsBenchmark } from './methods.js';
import { runPacingBenchmark } from './pacing.js';
import { runScaleBenchmark } from './scale.js';
import { runSharedLimitsBenchmark } from './shared-limits.js';
import { runStoreLatencyBenchmark } from './store-latency.js';
import { runTooManyRequestsBenchmark } from './too-many-requests.js';

const benchmarks: Array<[string, () => Promise<void>]> = [
  ['core-speed', runCoreSpeedBenchmark],
  ['class-storm', runClassStormBenchmark],
  ['too-many-requests', runTooManyRequestsBenchmark],
  ['add-cost', runAddCostBenchmark],
  ['methods', runMethodsBenchmark],
  ['import', runImportBenchmark],
  ['pacing', runPacingBenchmark],
  ['exercise-storm', runExerciseStormBenchmark],
  ['store-latency', runStoreLatencyBenchmark],
  ['shared-limits', runSharedLimitsBenchmark],
  ['app', runAppBenchmark],
  ['scale', runScaleBenchmark],
];

const wanted = process.argv.slice(2);
for (const [name, benchmark] of benchmarks) {
  if (wanted.length === 0 || wanted.some((w) => name.includes(w))) await benchmark();
}
