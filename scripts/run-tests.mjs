// Runs the test tiers of test/tiers.json in turn (unit, bot, process, browser, scale, or those named first) and ends with
// the plain "N passed, N failed" line that CI reads. Other arguments go to vitest: files, -t 'name', ...
// A full run also fails when a test file on disk belongs to no tier, since no tier would ever run it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const tiers = JSON.parse(readFileSync('test/tiers.json', 'utf8'));
const args = process.argv.slice(2);
const named = args.filter((arg) => arg in tiers);
const vitestArgs = args.filter((arg) => !(arg in tiers));
const chosen = named.length > 0 ? named : Object.keys(tiers);

const totals = { passed: 0, failed: 0, skipped: 0 };
const filesRun = new Set();
let exitCode = 0;
for (const tier of chosen) {
  const report = join('test-results', `${tier}.json`);
  rmSync(report, { force: true });
  const started = performance.now();
  const extra = vitestArgs.length > 0 ? ['--passWithNoTests', ...vitestArgs] : [];
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--project', tier, `--outputFile.json=${report}`, ...extra],
    {
      stdio: 'inherit',
    },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const counts = countResults(report, filesRun);
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  if (counts.failed > 0) exitCode = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  console.log(`${tier} tier: ${counts.passed} passed, ${counts.failed} failed in ${seconds} s`);
}

if (named.length === 0 && vitestArgs.length === 0) {
  const orphans = listTestFiles('test').filter((file) => !filesRun.has(file));
  for (const file of orphans) console.log(`${file} is in no tier of test/tiers.json, so nothing runs it`);
  if (orphans.length > 0) {
    totals.failed += orphans.length;
    exitCode = 1;
  }
}
const { passed, failed, skipped } = totals;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode);

/** Counts one vitest JSON report; a file that fails to load has no failed test of its own: count it once. */
function countResults(report, files) {
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    for (const file of json.testResults) files.add(file.name.slice(process.cwd().length + 1));
    const brokenFiles = json.testResults.filter(
      (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
    ).length;
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests + brokenFiles,
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function listTestFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(dir, name));
}
