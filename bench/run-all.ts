// `npm run bench`: each benchmark module in turn; each prints its own table.
import { runCoreSpeedBenchmark } from './core-speed.js';

const benchmarks: Array<() => Promise<void>> = [runCoreSpeedBenchmark];

for (const benchmark of benchmarks) await benchmark();
