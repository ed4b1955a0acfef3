// `npm run bench`: each benchmark module in turn; each prints its own table.
import { runCoreSpeedBenchmark } from './core-speed.js';

const benchmarks: Array<() => Promise<void>> = [runCoreSpeedBenchmark];
benchmarks.push(async () => (await import('./class-storm.js')).runClassStormBenchmark());
benchmarks.push(async () => (await import('./too-many-requests.js')).runTooManyRequestsBenchmark());
benchmarks.push(async () => (await import('./add-cost.js')).runAddCostBenchmark());

for (const benchmark of benchmarks) await benchmark();
