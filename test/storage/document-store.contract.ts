// What every DocumentStore promises (src/storage/store-types.ts), as one suite that each implementation
// runs with a factory of its own: lowdb-contract.test.ts and postgres-contract.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentStore, RowsAppend, RowsView } from '../../src/storage/store-types.js';

export interface TableRow {
  inputs: number[];
  output: number | null;
}

/** The document the suite stores: a version, a note, scores, and rows like a perceptron's. */
export interface TableDoc {
  version: 1;
  note?: string;
  scores?: (number | null)[];
  rows: TableRow[];
}

export function isTableDoc(value: unknown): value is TableDoc {
  const doc = value as TableDoc | null;
  return (
    typeof doc === 'object' &&
    doc !== null &&
    doc.version === 1 &&
    (doc.note === undefined || typeof doc.note === 'string') &&
    Array.isArray(doc.rows) &&
    doc.rows.every((row) => typeof row === 'object' && row !== null && Array.isArray(row.inputs))
  );
}

/** A store on a place of its own (a folder, a store name), and the same place opened afresh. */
export interface StorePlace {
  store: DocumentStore<TableDoc>;
  reopen(): DocumentStore<TableDoc>;
}

const row = (inputs: number[], output = 1): TableRow => ({ inputs, output });
const table = (rows: TableRow[], note?: string): TableDoc => ({
  version: 1,
  rows,
  ...(note === undefined ? {} : { note }),
});
const addRow =
  (added: TableRow) =>
  (doc: TableDoc | undefined): TableDoc => ({ ...(doc ?? table([])), rows: [...(doc?.rows ?? []), added] });

/** An append's change: the note set (when given) and `rows` added, whatever is stored. */
const appendRows =
  (rows: TableRow[], note?: string) =>
  (view: RowsView<TableDoc> | undefined): RowsAppend<TableDoc> => ({
    head: { ...(view?.head ?? { version: 1 }), ...(note === undefined ? {} : { note }) },
    rows,
  });

/** `count` rows of `width` decimals from a small generator, the same for the same seed. */
function makeRows(count: number, width: number, seed: number): TableRow[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return (state / 2 ** 31) * 20 - 10;
  };
  return Array.from({ length: count }, () => row(Array.from({ length: width }, next), next() < 0 ? 0 : 1));
}

/** A copy as JSON writes it, to compare with what a store gives back. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The DocumentStore contract, run against the places `open` makes. */
export function describeDocumentStoreContract(label: string, open: () => Promise<StorePlace>): void {
  describe(`${label}: the DocumentStore contract`, () => {
    it('reads undefined for a key never written, and what an update stored, also once reopened', async () => {
      const { store, reopen } = await open();
      expect(await store.read('chat-1-user-2')).toBeUndefined();
      const stored = await store.update('chat-1-user-2', addRow(row([1, 2])));
      expect(stored).toEqual(table([row([1, 2])]));
      expect(await store.read('chat-1-user-2')).toEqual(stored);
      expect(await reopen().read('chat-1-user-2')).toEqual(stored);
      expect(await store.read('chat-1-user-3')).toBeUndefined();
    });

    it('loads a key, stored or not, changing nothing', async () => {
      const { store } = await open();
      await store.load('chat-1-user-9');
      const updated = store.update('chat-1-user-9', addRow(row([4])));
      await store.load('chat-1-user-9');
      expect(await store.read('chat-1-user-9')).toEqual(await updated);
    });

    it('runs 100 concurrent updates of one key one at a time, in call order, losing none', async () => {
      const { store, reopen } = await open();
      let running = 0;
      let most = 0;
      const numbers = Array.from({ length: 100 }, (_, i) => i);
      await Promise.all(
        numbers.map((n) =>
          store.update('chat--100123-user-456', async (doc) => {
            running += 1;
            most = Math.max(most, running);
            await new Promise((resolve) => setImmediate(resolve));
            running -= 1;
            return addRow(row([n]))(doc);
          }),
        ),
      );
      expect(most).toBe(1);
      const expected = numbers.map((n) => row([n]));
      expect((await store.read('chat--100123-user-456'))?.rows).toEqual(expected);
      expect((await reopen().read('chat--100123-user-456'))?.rows).toEqual(expected);
    });

    it("lets another key's update finish while a slow update of one key waits", async () => {
      const { store } = await open();
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let slowDone = false;
      const slow = store
        .update('user-1', async (doc) => {
          await gate;
          return addRow(row([1]))(doc);
        })
        .then(() => {
          slowDone = true;
        });
      await store.update('user-2', addRow(row([2])));
      expect(await store.read('user-2')).toEqual(table([row([2])]));
      expect(slowDone).toBe(false);
      release();
      await slow;
      expect(await store.read('user-1')).toEqual(table([row([1])]));
    });

    it('rejects the update whose fn throws and runs the next one on the last stored document', async () => {
      const { store } = await open();
      await store.update('user-1', addRow(row([1])));
      const failing = store.update('user-1', (doc) => {
        doc?.rows.push(row([99]));
        throw new Error('boom');
      });
      const next = store.update('user-1', addRow(row([2])));
      await expect(failing).rejects.toThrow('boom');
      expect(await next).toEqual(table([row([1]), row([2])]));
    });

    it('refuses with a TypeError a result that is not a valid document, and keeps what was stored', async () => {
      const { store, reopen } = await open();
      await store.update('user-1', addRow(row([1])));
      const wrongShape = store.update('user-1', () => ({ version: 2 }) as unknown as TableDoc);
      await expect(wrongShape).rejects.toThrow(TypeError);
      const noteOfNumber = store.update('user-1', (doc) => ({ ...(doc as TableDoc), note: 5 as never }));
      await expect(noteOfNumber).rejects.toThrow(TypeError);
      await expect(store.update('user-2', () => undefined as unknown as TableDoc)).rejects.toThrow(TypeError);
      expect(await store.read('user-1')).toEqual(table([row([1])]));
      expect(await reopen().read('user-1')).toEqual(table([row([1])]));
      expect(await store.read('user-2')).toBeUndefined();
    });

    it('stores what JSON writes: NaN and ±Infinity as null, -0 as 0, undefined fields left out', async () => {
      const { store, reopen } = await open();
      const odd = [1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
      const stored = await store.update('user-1', () => ({
        version: 1,
        note: undefined,
        scores: odd,
        rows: [row([2]), { inputs: [-0, 3], output: Number.NaN }],
      }));
      const expected = {
        version: 1,
        scores: [1, null, null, null, 0],
        rows: [row([2]), { inputs: [0, 3], output: null }],
      };
      // toStrictEqual tells -0 from 0, NaN from null, and an undefined field from a missing one.
      expect(stored).toStrictEqual(expected);
      expect(await store.read('user-1')).toStrictEqual(expected);
      expect(await reopen().read('user-1')).toStrictEqual(expected);
      const grown = await store.update('user-1', (doc) => addRow({ inputs: [-0], output: -0 })(doc));
      expect(grown.rows[2]).toStrictEqual({ inputs: [0], output: 0 });
      expect(await reopen().read('user-1')).toStrictEqual(grown);
    });

    it('resolves an update whose fn returns the copy it was given to what is stored', async () => {
      const { store, reopen } = await open();
      await store.update('user-1', () => table(makeRows(20, 3, 1), 'kept'));
      const same = await store.update('user-1', (doc) => doc as TableDoc);
      const equal = await store.update('user-1', (doc) => asJson(doc as TableDoc));
      expect(same).toEqual(table(asJson(makeRows(20, 3, 1)), 'kept'));
      expect(equal).toEqual(same);
      expect(await reopen().read('user-1')).toEqual(same);
    });

    it('hands out copies: changing a document read, or one an update returned, changes nothing stored', async () => {
      const { store, reopen } = await open();
      const returned = await store.update('user-1', () => table([row([1, 2]), row([3, 4])], 'first'));
      const read = (await store.read('user-1')) as TableDoc;
      for (const doc of [returned, read]) {
        (doc.rows[0] as TableRow).inputs[0] = 99;
        (doc.rows[1] as TableRow).inputs.push(5);
        doc.rows.push(row([7, 7]));
        doc.rows.reverse();
        doc.note = 'changed';
      }
      const expected = table([row([1, 2]), row([3, 4])], 'first');
      expect(await store.read('user-1')).toEqual(expected);
      // An update that changes nothing else finds the stored rows, not the changed ones.
      const next = await store.update('user-1', addRow(row([5, 6])));
      expect(next).toEqual(table([row([1, 2]), row([3, 4]), row([5, 6])], 'first'));
      expect(await reopen().read('user-1')).toEqual(next);
    });

    it('stores a change fn made in place to the copy it was given and returned', async () => {
      const { store, reopen } = await open();
      await store.update('user-1', () => table([row([1, 2]), row([3, 4])]));
      const changed = await store.update('user-1', (doc) => {
        const current = doc as TableDoc;
        (current.rows[0] as TableRow).inputs[1] = 20;
        current.rows.push(row([5, 6]));
        current.note = 'edited';
        return current;
      });
      const expected = table([row([1, 20]), row([3, 4]), row([5, 6])], 'edited');
      expect(changed).toEqual(expected);
      expect(await store.read('user-1')).toEqual(expected);
      expect(await reopen().read('user-1')).toEqual(expected);
    });

    it('is not changed by the caller changing, after the update, the rows it handed to fn', async () => {
      const { store, reopen } = await open();
      const mine = [row([1, 1]), row([2, 2])];
      await store.update('user-1', () => table(mine));
      (mine[0] as TableRow).inputs[0] = 100;
      mine.push(row([3, 3]));
      await store.update('user-1', (doc) => ({ ...(doc as TableDoc), note: 'later' }));
      const expected = table([row([1, 1]), row([2, 2])], 'later');
      expect(await store.read('user-1')).toEqual(expected);
      expect(await reopen().read('user-1')).toEqual(expected);
    });

    it('keeps 1,000 rows x 32 decimals exactly through an added row, a deleted row, a new file and a clear', async () => {
      const { store, reopen } = await open();
      const rows = makeRows(1000, 32, 7);
      let expected = asJson(rows);
      const check = async () => {
        expect((await store.read('chat-5-user-5'))?.rows).toEqual(expected);
        expect((await reopen().read('chat-5-user-5'))?.rows).toEqual(expected);
      };
      await store.update('chat-5-user-5', () => table(rows));
      await check();
      const extra = makeRows(1, 32, 8)[0] as TableRow;
      await store.update('chat-5-user-5', addRow(extra));
      expected = [...expected, asJson(extra)];
      await check();
      await store.update('chat-5-user-5', (doc) => ({
        ...(doc as TableDoc),
        rows: (doc as TableDoc).rows.filter((_, i) => i !== 500),
      }));
      expected = expected.filter((_, i) => i !== 500);
      await check();
      const replacement = makeRows(1000, 32, 9);
      await store.update('chat-5-user-5', () => table(replacement));
      expected = asJson(replacement);
      await check();
      await store.update('chat-5-user-5', (doc) => ({ ...(doc as TableDoc), rows: [] }));
      expected = [];
      await check();
    });

    it('reads back, after every edit of a random sequence, what the edits made, also when reopened', async () => {
      const { store, reopen } = await open();
      const anyRow = fc.record({
        inputs: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 4 }),
        output: fc.oneof(fc.integer(), fc.constant(null)),
      });
      const edit = fc.oneof(
        fc.record({
          kind: fc.constant('add' as const),
          rows: fc.array(anyRow, { minLength: 1, maxLength: 3 }),
        }),
        fc.record({
          kind: fc.constant('append' as const),
          rows: fc.array(anyRow, { maxLength: 3 }),
        }),
        fc.record({
          kind: fc.constant('file' as const),
          rows: fc.array(anyRow, { minLength: 1, maxLength: 40 }),
        }),
        fc.record({
          kind: fc.constant('delete' as const),
          at: fc.nat(60),
          count: fc.integer({ min: 1, max: 5 }),
        }),
        fc.record({ kind: fc.constant('cut' as const), keep: fc.nat(60) }),
        fc.record({ kind: fc.constant('note' as const), note: fc.string() }),
        fc.record({ kind: fc.constant('clear' as const) }),
      );
      type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;
      const apply = (doc: TableDoc, change: Edit): TableDoc => {
        switch (change.kind) {
          case 'add':
          case 'append':
          case 'file':
            return { ...doc, rows: [...doc.rows, ...change.rows] };
          case 'delete':
            return {
              ...doc,
              rows: doc.rows.filter((_, i) => i < change.at || i >= change.at + change.count),
            };
          case 'cut':
            return { ...doc, rows: doc.rows.slice(0, change.keep) };
          case 'note':
            return { ...doc, note: change.note };
          case 'clear':
            return { ...doc, rows: [] };
        }
      };
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 10 }), async (edits) => {
          run += 1;
          const key = `user-${run}`;
          let expected = table([]);
          for (const change of edits) {
            expected = asJson(apply(expected, change));
            if (change.kind === 'append') {
              const view = await store.append(key, appendRows(change.rows));
              const { rows, ...head } = expected;
              expect(view).toStrictEqual({ head, count: rows.length, first: rows[0] });
            } else {
              const stored = await store.update(key, (doc) => apply(doc ?? table([]), change));
              expect(stored).toStrictEqual(expected);
            }
          }
          expect(await store.read(key)).toStrictEqual(expected);
          expect(await reopen().read(key)).toStrictEqual(expected);
        }),
        { numRuns: 40 },
      );
    });

    it('lists the stored keys that start with a prefix, and none that was never stored or only refused', async () => {
      const { store } = await open();
      for (const key of ['chat-1-user-1', 'chat-1-user-2', 'chat-10-user-1', 'user-1']) {
        await store.update(key, addRow(row([1])));
      }
      await expect(store.update('chat-1-user-3', () => ({}) as TableDoc)).rejects.toThrow(TypeError);
      await store.read('chat-1-user-4');
      expect((await store.keys('chat-1-')).sort()).toEqual(['chat-1-user-1', 'chat-1-user-2']);
      expect((await store.keys('chat-1')).sort()).toEqual([
        'chat-1-user-1',
        'chat-1-user-2',
        'chat-10-user-1',
      ]);
      expect((await store.keys('')).sort()).toEqual([
        'chat-1-user-1',
        'chat-1-user-2',
        'chat-10-user-1',
        'user-1',
      ]);
      expect(await store.keys('nobody-')).toEqual([]);
    });

    it('resolves flush only after every update called before it has settled', async () => {
      const { store } = await open();
      const settled: string[] = [];
      const updates = ['user-1', 'user-2', 'user-1'].map((key, i) =>
        store.update(key, addRow(row([i]))).then(() => settled.push(key)),
      );
      await store.flush();
      expect(settled).toHaveLength(3);
      await Promise.all(updates);
    });

    it('refuses a key of other characters with a TypeError, and one of 201 characters with a RangeError', async () => {
      const { store } = await open();
      for (const key of ['', '../user-1', 'user 1', 'user.1', 'ключ']) {
        await expect(store.read(key)).rejects.toThrow(TypeError);
        await expect(store.update(key, addRow(row([1])))).rejects.toThrow(TypeError);
      }
      await expect(store.update('a'.repeat(201), addRow(row([1])))).rejects.toThrow(RangeError);
      await expect(store.update('a'.repeat(200), addRow(row([1])))).resolves.toEqual(table([row([1])]));
      expect(await store.keys('')).toEqual(['a'.repeat(200)]);
    });

    it('keeps keys apart, one a prefix of another included', async () => {
      const { store, reopen } = await open();
      await store.update('user-1', () => table(makeRows(5, 2, 1), 'one'));
      await store.update('user-10', () => table(makeRows(3, 2, 2), 'ten'));
      await store.update('user-1', addRow(row([0, 0])));
      const reopened = reopen();
      expect(await reopened.read('user-10')).toEqual(table(asJson(makeRows(3, 2, 2)), 'ten'));
      expect((await reopened.read('user-1'))?.rows).toHaveLength(6);
    });

    it('gives each fn a copy of its own: what a failed fn changed reaches neither the store nor the next fn', async () => {
      const { store } = await open();
      await store.update('user-1', () => table([row([1, 2])]));
      const seen: TableDoc[] = [];
      const failing = store.update('user-1', (doc) => {
        const current = doc as TableDoc;
        (current.rows[0] as TableRow).inputs[0] = -1;
        current.rows.length = 0;
        throw new Error('no');
      });
      const next = store.update('user-1', (doc) => {
        seen.push(asJson(doc as TableDoc));
        return doc as TableDoc;
      });
      await expect(failing).rejects.toThrow('no');
      await next;
      expect(seen).toEqual([table([row([1, 2])])]);
      expect(await store.read('user-1')).toEqual(table([row([1, 2])]));
    });
    it('appends rows to a key never written, showing fn nothing stored, and reads them back, also once reopened', async () => {
      const { store, reopen } = await open();
      const seen: (RowsView<TableDoc> | undefined)[] = [];
      const view = await store.append('chat-1-user-2', (current) => {
        seen.push(current);
        return appendRows([row([1, 2]), row([3, 4], 0)], 'new')(current);
      });
      expect(seen).toEqual([undefined]);
      expect(view).toStrictEqual({ head: { version: 1, note: 'new' }, count: 2, first: row([1, 2]) });
      const expected = table([row([1, 2]), row([3, 4], 0)], 'new');
      expect(await store.read('chat-1-user-2')).toStrictEqual(expected);
      expect(await reopen().read('chat-1-user-2')).toStrictEqual(expected);
    });

    it('shows an append the document without its rows, their count and the first, and adds rows after them', async () => {
      const { store, reopen } = await open();
      const rows = makeRows(1000, 32, 3);
      await store.update('chat-5-user-5', () => ({ ...table(rows, 'kept'), scores: [1, 2] }));
      const seen: RowsView<TableDoc>[] = [];
      const extra = makeRows(2, 32, 4);
      const view = await store.append('chat-5-user-5', (current) => {
        seen.push(asJson(current as RowsView<TableDoc>));
        return { head: { ...(current as RowsView<TableDoc>).head, note: 'grown' }, rows: extra };
      });
      expect(seen).toStrictEqual([
        { head: { version: 1, note: 'kept', scores: [1, 2] }, count: 1000, first: asJson(rows[0]) },
      ]);
      expect(view).toStrictEqual({
        head: { version: 1, note: 'grown', scores: [1, 2] },
        count: 1002,
        first: asJson(rows[0]),
      });
      const expected = { ...table(asJson([...rows, ...extra]), 'grown'), scores: [1, 2] };
      expect(await store.read('chat-5-user-5')).toStrictEqual(expected);
      expect(await reopen().read('chat-5-user-5')).toStrictEqual(expected);
      // A row deleted after the append, then another append: each sees the rows the last call left.
      await store.update('chat-5-user-5', (doc) => ({
        ...(doc as TableDoc),
        rows: (doc as TableDoc).rows.slice(1),
      }));
      const after = await store.append('chat-5-user-5', appendRows([row([9])]));
      expect(after.count).toBe(1002);
      expect(after.first).toStrictEqual(asJson(rows[1]));
      const last = await reopen().read('chat-5-user-5');
      expect(last?.rows).toStrictEqual(asJson([...rows.slice(1), ...extra, row([9])]));
    });

    it('hands an append copies: changing what fn saw, the rows it gave, or what append returned changes nothing stored', async () => {
      const { store, reopen } = await open();
      await store.update('user-1', () => table([row([1, 2])], 'first'));
      const mine = [row([3, 4])];
      const view = await store.append('user-1', (current) => {
        const seen = current as RowsView<TableDoc>;
        (seen.first as TableRow).inputs[0] = 99;
        seen.head.note = 'changed in fn';
        return { head: { version: 1, note: 'first' }, rows: mine };
      });
      (mine[0] as TableRow).inputs[0] = 100;
      mine.push(row([5, 5]));
      (view.first as TableRow).inputs.push(7);
      view.head.note = 'changed after';
      const expected = table([row([1, 2]), row([3, 4])], 'first');
      expect(await store.read('user-1')).toStrictEqual(expected);
      expect(await reopen().read('user-1')).toStrictEqual(expected);
      expect(await store.append('user-1', appendRows([]))).toStrictEqual({
        head: { version: 1, note: 'first' },
        count: 2,
        first: row([1, 2]),
      });
    });

    it('stores the rows an append adds as JSON writes them, and refuses with a TypeError rows or a head that are not valid', async () => {
      const { store, reopen } = await open();
      const odd = await store.append('user-1', appendRows([{ inputs: [-0, 3], output: Number.NaN }]));
      expect(odd.first).toStrictEqual({ inputs: [0, 3], output: null });
      const expected = table([{ inputs: [0, 3], output: null }]);
      const badRow = store.append('user-1', () => ({
        head: { version: 1 },
        rows: [{ output: 1 } as TableRow],
      }));
      await expect(badRow).rejects.toThrow(TypeError);
      const badHead = store.append('user-1', () => ({ head: { version: 2 } as never, rows: [row([1])] }));
      await expect(badHead).rejects.toThrow(TypeError);
      const notRows = store.append('user-1', () => ({ head: { version: 1 }, rows: 'rows' as never }));
      await expect(notRows).rejects.toThrow(TypeError);
      await expect(
        store.append('user-2', () => ({ head: { version: 2 } as never, rows: [] })),
      ).rejects.toThrow(TypeError);
      expect(await store.read('user-1')).toStrictEqual(expected);
      expect(await reopen().read('user-1')).toStrictEqual(expected);
      expect(await store.read('user-2')).toBeUndefined();
    });

    it('runs appends and updates of one key in call order, one at a time, losing none', async () => {
      const { store, reopen } = await open();
      let running = 0;
      let most = 0;
      const slowly = async <R>(make: () => R): Promise<R> => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return make();
      };
      const numbers = Array.from({ length: 60 }, (_, i) => i);
      const calls = numbers.map((n) =>
        n % 3 === 0
          ? store.update('user-1', (doc) => slowly(() => addRow(row([n]))(doc)))
          : store.append('user-1', (view) => slowly(() => appendRows([row([n])])(view))),
      );
      const failing = store.append('user-1', () => {
        throw new Error('boom');
      });
      const after = store.append('user-1', appendRows([row([60])]));
      await Promise.all(calls);
      await expect(failing).rejects.toThrow('boom');
      expect((await after).count).toBe(61);
      expect(most).toBe(1);
      const expected = [...numbers, 60].map((n) => row([n]));
      expect((await store.read('user-1'))?.rows).toStrictEqual(expected);
      expect((await reopen().read('user-1'))?.rows).toStrictEqual(expected);
    });
  });
}
