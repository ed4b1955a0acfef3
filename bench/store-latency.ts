import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPerceptronDoc, isPerceptronDoc, type PerceptronDoc } from '../src/bot/kit/state/documents.js';
import { NumpyRandom } from '../src/core/numpy-random.js';
import { createLowdbStore } from '../src/storage/lowdb-store.js';
import { openPostgresDatabase } from '../src/storage/postgres/postgres-database.js';
import type { DocumentStore } from '../src/storage/store-types.js';
import { formatMs, formatTable, percentile } from './latency-stats.js';

const ROWS = 950;
const INPUTS = 32;
const UPDATES = 200;
const MEMBERS = 100;
/** The server the benchmark makes its own database on (dropped after). */
const SERVER = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A member's perceptron of 950 rows x 32 decimals, as a class dataset near MAX_ROWS would be. */
function bigDocument(seed: number): PerceptronDoc {
  const random = new NumpyRandom(seed);
  const rows = Array.from({ length: ROWS }, () => ({
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

async function timeEach(count: number, step: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await step(i);
    times.push(performance.now() - started);
  }
  return times;
}

/** Update and read times on one key of 950 x 32, then the heap after every member's document was read. */
async function measure(store: DocumentStore<PerceptronDoc>) {
  await store.update('chat-1-user-1', () => bigDocument(1));
  const cpuBefore = process.cpuUsage();
  const updates = await timeEach(UPDATES, (i) => store.update('chat-1-user-1', addRow(i)));
  const cpu = process.cpuUsage(cpuBefore);
  const updateCpuMs = (cpu.user + cpu.system) / 1000 / UPDATES;
  const reads = await timeEach(UPDATES, () => store.read('chat-1-user-1'));
  for (let m = 2; m <= MEMBERS + 1; m++) await store.update(`chat-${m}-user-${m}`, () => bigDocument(m));
  for (let m = 2; m <= MEMBERS + 1; m++) await store.read(`chat-${m}-user-${m}`);
  globalThis.gc?.();
  return { updates, updateCpuMs, reads, heapMiB: process.memoryUsage().heapUsed / 2 ** 20 };
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
  try {
    results.push(['lowdb files', await measure(createLowdbStore({ dir, validate: isPerceptronDoc }))]);
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
    `\nStore latency: one key holding ${ROWS} rows x ${INPUTS} decimals (${(JSON.stringify(bigDocument(1)).length / 1024).toFixed(0)} KB of JSON); ${UPDATES} updates adding one row each, one at a time, then ${UPDATES} reads; heap after ${MEMBERS} more such members were written and read`,
  );
  const header = [
    'store',
    'update p50',
    'update p95',
    'bot CPU per update',
    'read p50',
    'read p95',
    'heap after',
  ];
  const rows = results.map(([label, r]) => [
    label,
    formatMs(percentile(r.updates, 50)),
    formatMs(percentile(r.updates, 95)),
    formatMs(r.updateCpuMs),
    formatMs(percentile(r.reads, 50)),
    formatMs(percentile(r.reads, 95)),
    `${r.heapMiB.toFixed(0)} MiB`,
  ]);
  console.log(formatTable(header, rows));
}
