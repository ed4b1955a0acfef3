import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import { settleArrayText } from '../../src/storage/settle-document.js';
import { makeTempDir } from './store-test-kit.js';

interface RowsDoc {
  version: 1;
  rows: unknown[];
}
const isRowsDoc = (value: unknown): value is RowsDoc =>
  typeof value === 'object' && value !== null && Array.isArray((value as RowsDoc).rows);

/** Rows of any JSON, strings with commas, quotes and brackets among them. */
const row = fc.record({
  inputs: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })),
  note: fc.jsonValue(),
});
/** What the bot does to a dataset: /add, a file's rows parsed from the worker's text, /del, /undo, /clear. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), rows: fc.array(row, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('file' as const), rows: fc.array(row, { minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(60), count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('cut' as const), keep: fc.nat(60) }),
  fc.record({ kind: fc.constant('clear' as const) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(rows: readonly unknown[], change: Edit): unknown[] {
  switch (change.kind) {
    case 'add':
      return [...rows, ...change.rows];
    case 'file':
      return [...rows, ...settleArrayText(JSON.stringify(change.rows))];
    case 'delete':
      return rows.filter((_, i) => i < change.at || i >= change.at + change.count);
    case 'cut':
      return rows.slice(0, change.keep);
    case 'clear':
      return [];
  }
}

describe('a stored dataset edited row by row', () => {
  it('is on disk, after every edit, what the store holds in memory', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (edits) => {
        const dir = await makeTempDir();
        const store = createLowdbStore({ dir, validate: isRowsDoc });
        let expected: unknown[] = [];
        for (const change of edits) {
          expected = JSON.parse(JSON.stringify(apply(expected, change))) as unknown[];
          const stored = await store.update('user-1', (doc) => ({
            version: 1,
            rows: apply(doc?.rows ?? [], change),
          }));
          const onDisk = JSON.parse(await readFile(join(dir, 'user-1.json'), 'utf8')) as RowsDoc;
          expect(onDisk).toStrictEqual(JSON.parse(JSON.stringify(stored)));
          expect(onDisk.rows).toStrictEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });
});
