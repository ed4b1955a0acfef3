import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { createPerceptronDoc, isPerceptronDoc, type PerceptronDoc } from '../src/bot/kit/state/documents.js';
import { NumpyRandom } from '../src/core/numpy-random.js';
import { STORE_KINDS } from '../src/document-stores.js';
import { createLowdbStore, viewOf } from '../src/storage/index.js';
import { openPostgresDatabase } from '../src/storage/postgres/postgres-database.js';
import type { DocumentStore, RowsAppend, RowsView } from '../src/storage/store-types.js';
import { formatMs, formatTable, percentile } from './latency-stats.js';

const ROWS = 950;
const INPUTS = 32;
const UPDATES = 200;
const MEMBERS = 100;
/** Datasets of 1,000 x 32 held at once to weigh one. */
const HELD = 60;
/** The field the bot's perceptron store keeps in rows files, as src/document-stores.ts opens it. */
const ROWS_FIELD = (STORE_KINDS.perceptrons as { rowsField?: string }).rowsField;
/** The server the benchmark makes its own database on (dropped after). */
const SERVER = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A member's perceptron of 950 rows x 32 decimals, as a class dataset near MAX_ROWS would be. */
function bigDocument(seed: number, rowCount = ROWS): PerceptronDoc {
  const random = new NumpyRandom(seed);
  const rows = Array.from({ length: rowCount }, () => ({
    inputs: Array.from({ length: INPUTS }, () => random.random() * 20 - 10),
    output: random.random() < 0.5 ? 0 : 1,
  }));
  return { ...createPerceptronDoc(), rows };
}

/** What /add does to the document: one more row and the update's id. */
const addRow = (n: number) => (doc: PerceptronDoc | undefined) => {
  const current = doc ?? createPerceptronDoc();
  return {
    ...current,
    rows: [...current.rows, { inputs: Array.from({ length: INPUTS }, (_, i) => (n + i) / 7), output: n % 2 }],
    recentUpdateIds: [...current.recentUpdateIds, n].slice(-50),
  };
};

/** The same /add through append, as the bot makes it: the stored rows unseen. */
const appendRow =
  (n: number) =>
  (view: RowsView<PerceptronDoc> | undefined): RowsAppend<PerceptronDoc> => {
    const { head } = view ?? viewOf(createPerceptronDoc());
    return {
      head: { ...head, recentUpdateIds: [...head.recentUpdateIds, n].slice(-50) },
      rows: [{ inputs: Array.from({ length: INPUTS }, (_, i) => (n + i) / 7), output: n % 2 }],
    };
  };

async function timeEach(count: number, step: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await step(i);
    times.push(performance.now() - started);
  }
  return times;
}

/** The main thread's busy time (event-loop utilisation's active part) while `work` runs, in ms. */
async function eventLoopMs(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(before).active;
}

/** Hundredths of a millisecond below ten: the costs per call are fractions of one. */
const formatFine = (ms: number): string => (ms < 10 ? `${ms.toFixed(2)} ms` : formatMs(ms));

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The heap that `count` datasets of 1,000 x 32 take, each held by the store after an update, an /add (an append) and a read. */
async function heapPerDataset(store: DocumentStore<PerceptronDoc>, count: number): Promise<number> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (let m = 0; m < count; m++) {
    await store.update(`chat-9${m}-user-9${m}`, () => bigDocument(1000 + m, 999));
    await store.append(`chat-9${m}-user-9${m}`, appendRow(m));
    await store.read(`chat-9${m}-user-9${m}`);
  }
  collectGarbage();
  return (process.memoryUsage().heapUsed - before) / count;
}

/** Blocks of /adds per path, and /adds per block. */
const BLOCKS = 10;
const BLOCK = 20;

interface AddCost {
  loopMs: number;
  cpuMs: number;
}

/**
 * The main thread's busy time and CPU per /add on 950 x 32, through update (the whole document) and
 * through append, in alternating blocks on two keys reset to 950 rows before each, so that the machine's
 * load weighs on both alike.
 */
async function compareAddPaths(
  store: DocumentStore<PerceptronDoc>,
): Promise<Record<'update' | 'append', AddCost>> {
  const cost = { update: { loopMs: 0, cpuMs: 0 }, append: { loopMs: 0, cpuMs: 0 } };
  const time = async (path: keyof typeof cost, work: () => Promise<unknown>) => {
    const cpuBefore = process.cpuUsage();
    cost[path].loopMs += await eventLoopMs(work);
    const cpu = process.cpuUsage(cpuBefore);
    cost[path].cpuMs += (cpu.user + cpu.system) / 1000;
  };
  const adds = async (add: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < BLOCK; i++) await add(i);
  };
  for (let block = -1; block < BLOCKS; block++) {
    await store.update('chat-1-user-11', () => bigDocument(11));
    await store.update('chat-1-user-12', () => bigDocument(12));
    // Block -1 warms both paths up, untimed.
    if (block < 0) {
      await adds((i) => store.update('chat-1-user-11', addRow(i)));
      await adds((i) => store.append('chat-1-user-12', appendRow(i)));
      continue;
    }
    await time('update', () => adds((i) => store.update('chat-1-user-11', addRow(block * BLOCK + i))));
    await time('append', () => adds((i) => store.append('chat-1-user-12', appendRow(block * BLOCK + i))));
  }
  const per = ({ loopMs, cpuMs }: AddCost) => ({
    loopMs: loopMs / (BLOCKS * BLOCK),
    cpuMs: cpuMs / (BLOCKS * BLOCK),
  });
  return { update: per(cost.update), append: per(cost.append) };
}

/** Update and read times on one key of 950 x 32, then the heap after every member's document was read. */
async function measure(store: DocumentStore<PerceptronDoc>, held?: DocumentStore<PerceptronDoc>) {
  await store.update('chat-1-user-1', () => bigDocument(1));
  for (let i = 0; i < 20; i++) await store.update('chat-1-user-1', addRow(-1 - i));
  const cpuBefore = process.cpuUsage();
  let updates: number[] = [];
  const updateLoopMs = await eventLoopMs(async () => {
    updates = await timeEach(UPDATES, (i) => store.update('chat-1-user-1', addRow(i)));
  });
  const cpu = process.cpuUsage(cpuBefore);
  const updateCpuMs = (cpu.user + cpu.system) / 1000 / UPDATES;
  let reads: number[] = [];
  const readLoopMs = await eventLoopMs(async () => {
    reads = await timeEach(UPDATES, () => store.read('chat-1-user-1'));
  });
  const datasetBytes = held ? await heapPerDataset(held, HELD) : Number.NaN;
  for (let m = 2; m <= MEMBERS + 1; m++) await store.update(`chat-${m}-user-${m}`, () => bigDocument(m));
  for (let m = 2; m <= MEMBERS + 1; m++) await store.read(`chat-${m}-user-${m}`);
  globalThis.gc?.();
  return {
    updates,
    updateCpuMs,
    updateLoopMs: updateLoopMs / UPDATES,
    reads,
    readLoopMs: readLoopMs / UPDATES,
    datasetBytes,
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

async function runOnServer(work: (url: string) => Promise<void>): Promise<void> {
  const name = `perceptron_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: SERVER });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    await work(url.toString());
  } finally {
    await admin(`DROP DATABASE ${name} WITH (FORCE)`);
  }
}

/** One member's perceptron of 950 rows x 32 inputs: an update (/add) and a read, lowdb files against PostgreSQL. */
export async function runStoreLatencyBenchmark(): Promise<void> {
  const results: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
  const dir = await mkdtemp(join(tmpdir(), 'perceptron-store-latency-'));
  let paths: Awaited<ReturnType<typeof compareAddPaths>> | undefined;
  try {
    const open = (name: string, maxCachedBytes?: number) =>
      createLowdbStore({
        dir: join(dir, name),
        validate: isPerceptronDoc,
        ...(ROWS_FIELD === undefined ? {} : { rowsField: ROWS_FIELD }),
        ...(maxCachedBytes === undefined ? {} : { maxCachedBytes }),
      });
    // The second store holds every dataset it is given (a cache as large as they are), to weigh them.
    results.push(['lowdb files', await measure(open('perceptrons'), open('held', 2 ** 30))]);
    paths = await compareAddPaths(open('paths'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await runOnServer(async (url) => {
    const database = openPostgresDatabase({ url, logger: console });
    try {
      results.push(['PostgreSQL (loopback)', await measure(database.store('perceptrons', isPerceptronDoc))]);
    } finally {
      await database.close();
    }
  });
  console.log(
    `\nStore latency: one key holding ${ROWS} rows x ${INPUTS} decimals (${(JSON.stringify(bigDocument(1)).length / 1024).toFixed(0)} KB of JSON); ${UPDATES} updates adding one row each, one at a time, then ${UPDATES} reads; heap after ${MEMBERS} more such members were written and read. Event loop: the main thread's busy time per call (an update here adds a row to a copy of the whole document; the bot's /add appends, as the last table shows). Heap per dataset: ${HELD} datasets of 1,000 x 32 held by a store whose cache takes them all, after a full collection.`,
  );
  const header = [
    'store',
    'update p50',
    'update p95',
    'bot CPU per update',
    'event loop per update',
    'read p50',
    'read p95',
    'event loop per read',
    'heap after',
    'heap per 1,000 x 32 dataset',
  ];
  const rows = results.map(([label, r]) => [
    label,
    formatMs(percentile(r.updates, 50)),
    formatMs(percentile(r.updates, 95)),
    formatFine(r.updateCpuMs),
    formatFine(r.updateLoopMs),
    formatMs(percentile(r.reads, 50)),
    formatMs(percentile(r.reads, 95)),
    formatFine(r.readLoopMs),
    `${r.heapMiB.toFixed(0)} MiB`,
    Number.isNaN(r.datasetBytes) ? '-' : `${(r.datasetBytes / 1e6).toFixed(2)} MB`,
  ]);
  console.log(formatTable(header, rows));
  if (!paths) return;
  console.log(
    `\n/add on ${ROWS} x ${INPUTS} in the lowdb store, through update and through append, in ${BLOCKS} alternating blocks of ${BLOCK} (budget: 0.5 ms of the event loop):`,
  );
  const pathRows = Object.entries(paths).map(([path, cost]) => [
    path,
    formatFine(cost.loopMs),
    formatFine(cost.cpuMs),
  ]);
  console.log(formatTable(['path', 'event loop per /add', 'bot CPU per /add'], pathRows));
}
