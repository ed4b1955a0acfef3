import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPerceptronDoc,
  isPerceptronDoc,
  type PerceptronDoc,
} from '../../../../src/bot/kit/state/documents.js';
import { appendOnce, REMEMBERED_UPDATES, updateOnce } from '../../../../src/bot/kit/state/update-once.js';
import { createLowdbStore, type RowsAppend, type RowsView } from '../../../../src/storage/index.js';
import { createDataDir } from '../../../helpers/test-bot.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(dir = createDataDir()) {
  folders.push(dir);
  return { dir, store: createLowdbStore<PerceptronDoc>({ dir, validate: isPerceptronDoc }) };
}

/** The store as the bot opens its perceptrons: rows in a rows file, which append adds to. */
function openRowsStore(dir = createDataDir()) {
  if (!folders.includes(dir)) folders.push(dir);
  return createLowdbStore<PerceptronDoc>({ dir, validate: isPerceptronDoc, rowsField: 'rows' });
}

const KEY = 'chat1-user2';
const addRow = (doc: PerceptronDoc): PerceptronDoc => ({
  ...doc,
  rows: [...doc.rows, { inputs: [doc.rows.length], output: 1 }],
});
const update = (id: number) => ({ id, create: createPerceptronDoc });
const appendRow = (view: RowsView<PerceptronDoc>): RowsAppend<PerceptronDoc> => ({
  head: view.head,
  rows: [{ inputs: [view.count], output: 1 }],
});

describe('updateOnce', () => {
  it('applies an update once: delivered again, it changes nothing and says it is a duplicate', async () => {
    const { store } = openStore();
    const first = await updateOnce(store, KEY, update(7), addRow);
    let called = false;
    const again = await updateOnce(store, KEY, update(7), (doc) => {
      called = true;
      return addRow(doc);
    });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ doc: first.doc, duplicate: true });
    expect(called).toBe(false);
    expect(again.doc.rows).toHaveLength(1);
  });

  it('stores the change and the update id in one write, so that a restarted bot still knows the update', async () => {
    const { dir, store } = openStore();
    await updateOnce(store, KEY, update(7), addRow);
    const reopened = createLowdbStore<PerceptronDoc>({ dir, validate: isPerceptronDoc });
    const again = await updateOnce(reopened, KEY, update(7), addRow);
    expect(again.duplicate).toBe(true);
    expect(again.doc.rows).toHaveLength(1);
  });

  it(`remembers the last ${REMEMBERED_UPDATES} updates of a document and forgets older ones`, async () => {
    const { store } = openStore();
    for (let id = 1; id <= REMEMBERED_UPDATES + 1; id++) await updateOnce(store, KEY, update(id), addRow);
    const remembered = await updateOnce(store, KEY, update(2), addRow);
    expect(remembered.duplicate).toBe(true);
    expect(remembered.doc.recentUpdateIds).toHaveLength(REMEMBERED_UPDATES);
    const forgotten = await updateOnce(store, KEY, update(1), addRow);
    expect(forgotten.duplicate).toBe(false);
    expect(forgotten.doc.rows).toHaveLength(REMEMBERED_UPDATES + 2);
  });

  it('remembers a whole batch of 100 updates to one document, as Telegram may send one again', async () => {
    const { store } = openStore();
    for (let id = 1; id <= 100; id++) await updateOnce(store, KEY, update(id), addRow);
    const again = await Promise.all(
      Array.from({ length: 100 }, (_, i) => updateOnce(store, KEY, update(i + 1), addRow)),
    );
    expect(again.every((result) => result.duplicate)).toBe(true);
    expect((await store.read(KEY))?.rows).toHaveLength(100);
  });

  it('writes nothing for a change that leaves the document as it was, and does not remember that update', async () => {
    const { dir, store } = openStore();
    const unchanged = await updateOnce(store, KEY, update(3), addRow);
    // The store writes a temporary file and renames it over the old one: a write gives a new inode.
    const file = join(dir, readdirSync(dir).find((name) => name.endsWith('.json')) ?? '');
    const inode = statSync(file).ino;
    const same = await updateOnce(store, KEY, update(4), (doc) => doc);
    expect(same).toEqual({ doc: unchanged.doc, duplicate: false });
    expect(statSync(file).ino).toBe(inode);
    expect((await updateOnce(store, KEY, update(4), addRow)).doc.rows).toHaveLength(2);
  });
});

describe('appendOnce', () => {
  it('adds rows once: delivered again, the update changes nothing and is a duplicate, also after a restart', async () => {
    const dir = createDataDir();
    const store = openRowsStore(dir);
    const first = await appendOnce(store, KEY, update(7), appendRow);
    let called = false;
    const again = await appendOnce(openRowsStore(dir), KEY, update(7), (view) => {
      called = true;
      return appendRow(view);
    });
    expect(first.duplicate).toBe(false);
    expect(first.view.count).toBe(1);
    expect(again).toEqual({ view: first.view, duplicate: true });
    expect(called).toBe(false);
    expect(await openRowsStore(dir).read(KEY)).toEqual({
      ...createPerceptronDoc(),
      rows: [{ inputs: [0], output: 1 }],
      recentUpdateIds: [7],
    });
  });

  it('knows the updates updateOnce took, and updateOnce knows the ones it took', async () => {
    const store = openRowsStore();
    await updateOnce(store, KEY, update(1), addRow);
    expect((await appendOnce(store, KEY, update(1), appendRow)).duplicate).toBe(true);
    await appendOnce(store, KEY, update(2), appendRow);
    expect((await updateOnce(store, KEY, update(2), addRow)).duplicate).toBe(true);
    expect((await store.read(KEY))?.rows).toEqual([
      { inputs: [0], output: 1 },
      { inputs: [1], output: 1 },
    ]);
  });

  it('writes nothing for an append of no rows that keeps the head, and does not remember that update', async () => {
    const dir = createDataDir();
    const store = openRowsStore(dir);
    await appendOnce(store, KEY, update(3), appendRow);
    const file = join(dir, readdirSync(dir).find((name) => name.endsWith('.json')) ?? '');
    const inode = statSync(file).ino;
    const same = await appendOnce(store, KEY, update(4), (view) => ({ head: view.head, rows: [] }));
    expect(same).toEqual({ view: { ...same.view, count: 1 }, duplicate: false });
    expect(statSync(file).ino).toBe(inode);
    expect((await appendOnce(store, KEY, update(4), appendRow)).view.count).toBe(2);
  });
});
