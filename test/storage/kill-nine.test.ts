import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMP_FILE_PATTERN } from '../../src/storage/atomic-file.js';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import type { RecoveryEvent } from '../../src/storage/store-types.js';
import { createRandom } from '../robustness/kit/temp.js';
import { isNumberRowsDoc, numbersOf, type WriterLayout } from './numbers-doc.js';
import { makeTempDir, openNumbersStore } from './store-test-kit.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRITER_SOURCE = fileURLToPath(new URL('./fixtures/ack-writer.ts', import.meta.url));
const ROUNDS = 21;
const LAYOUTS: WriterLayout[] = ['json', 'append', 'rewrite'];

/**
 * Compiles the writer once with tsc, so each round starts plain node (about 0.1 s) instead of tsx
 * (about 0.5 s); node_modules is linked next to the output so 'lowdb' resolves.
 */
async function compileWriter(buildDir: string): Promise<string> {
  const outDir = join(buildDir, 'out');
  await mkdir(outDir);
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
  await symlink(join(ROOT, 'node_modules'), join(outDir, 'node_modules'));
  const compilerOptions = {
    noEmit: false,
    outDir,
    rootDir: ROOT,
    typeRoots: [join(ROOT, 'node_modules/@types')],
  };
  const config = {
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions,
    include: [],
    files: [WRITER_SOURCE],
  };
  await writeFile(join(buildDir, 'tsconfig.json'), JSON.stringify(config));
  const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(buildDir, 'tsconfig.json')], {
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`tsc could not compile the writer: ${tsc.stdout}${tsc.stderr}`);
  return join(outDir, 'test/storage/fixtures/ack-writer.js');
}

/** Runs the writer, kills it with SIGKILL a little after its first ack and returns the acked numbers. */
function runWriterUntilKilled(
  writer: string,
  dir: string,
  key: string,
  layout: WriterLayout,
  killDelayMs: number,
): Promise<number[]> {
  const child = spawn(process.execPath, [writer, dir, key, layout], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    if (stdout === '') setTimeout(() => child.kill('SIGKILL'), killDelayMs);
    stdout += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended with code ${code}: ${stderr}`));
      // Only whole lines count: a line cut short by the kill may not be an ack yet.
      const lines = stdout.split('\n').slice(0, -1);
      resolve(lines.map((line) => Number(/^ack (\d+)$/.exec(line)?.[1] ?? Number.NaN)));
    });
  });
}

describe('a writer killed with SIGKILL at a random moment', () => {
  let buildDir = '';
  let writer = '';
  beforeAll(async () => {
    buildDir = await mkdtemp(join(tmpdir(), 'perceptron-writer-'));
    writer = await compileWriter(buildDir);
  });
  afterAll(() => rm(buildDir, { recursive: true, force: true }));

  it(`loses no acked update in ${ROUNDS} rounds (JSON files, rows appended, rows written anew), and the store always opens`, async () => {
    const dir = await makeTempDir();
    const random = createRandom(20_240_601);
    const ackedByKey = new Map<string, { layout: WriterLayout; numbers: number[] }>();
    let staleTempFiles = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const key = `round-${round}`;
      const layout = LAYOUTS[round % LAYOUTS.length] as WriterLayout;
      const folder = join(dir, layout);
      await mkdir(folder, { recursive: true });
      const acked = await runWriterUntilKilled(writer, folder, key, layout, Math.floor(random() * 40));
      expect(acked.length).toBeGreaterThan(0);
      expect(acked).toEqual(acked.map((_, i) => i));
      ackedByKey.set(key, { layout, numbers: acked });
      staleTempFiles += (await readdir(folder)).filter((name) => TEMP_FILE_PATTERN.test(name)).length;

      const recovered: RecoveryEvent[] = [];
      const json = openNumbersStore(join(dir, 'json'));
      const rows = (layoutDir: string) =>
        createLowdbStore({
          dir: join(dir, layoutDir),
          validate: isNumberRowsDoc,
          rowsField: 'rows',
          onRecovered: (event) => recovered.push(event),
        });
      const stores = { append: rows('append'), rewrite: rows('rewrite') };
      for (const [storedKey, { layout: storedLayout, numbers }] of ackedByKey) {
        const doc =
          storedLayout === 'json'
            ? await json.store.read(storedKey)
            : await stores[storedLayout].read(storedKey);
        const values = numbersOf(storedLayout, doc);
        // Every acked number is there, in order; at most one more update landed without its ack.
        expect(values.slice(0, numbers.length)).toEqual(numbers);
        expect(values.length - numbers.length).toBeLessThanOrEqual(1);
        expect(values).toEqual(values.map((_, i) => i));
      }
      expect([...json.recovered, ...recovered]).toEqual([]);
    }
    const total = [...ackedByKey.values()].reduce((sum, { numbers }) => sum + numbers.length, 0);
    console.info(
      `kill -9: ${ROUNDS} rounds, ${total} acked updates, ${staleTempFiles} stale temp files seen`,
    );
  });
});
