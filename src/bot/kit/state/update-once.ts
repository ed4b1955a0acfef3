import type { DocumentStore, RowsAppend, RowsView } from '../../../storage/index.js';
import { viewOf } from '../../../storage/index.js';

/**
 * Update ids each document remembers, so that an update delivered again changes it once. An update comes
 * again only after a restart: replayed from the journal when the crash fell between its change and the
 * journal's removal of it, or re-sent by Telegram when the crash fell before the next getUpdates
 * confirmed its batch. A batch holds at most 100 updates (getUpdates' default, which the poller keeps),
 * and all of them may concern one document (a group's, or one busy member's): 200 covers a whole batch
 * and the journal's leftovers, for about 2 KB per document.
 */
export const REMEMBERED_UPDATES = 200;

/** A document that remembers the updates applied to it. */
export interface RemembersUpdates {
  recentUpdateIds: readonly number[];
}

/** The update at hand: its id, and the document a key without one starts as. */
export interface OnceUpdate<T> {
  id: number;
  create: () => T;
}

/** The stored document after the update, and whether it had taken that update before. */
export interface UpdatedOnce<T> {
  doc: T;
  duplicate: boolean;
}

/**
 * The one way an update changes a document at most once. The change and the update's id are stored in
 * one write; a document that already took the update stays as it is and `duplicate` says so. A change
 * that leaves the document as it was is not remembered (nothing is written): should that update come
 * again, it is handled as one that came late.
 */
export async function updateOnce<T extends RemembersUpdates>(
  store: DocumentStore<T>,
  key: string,
  update: OnceUpdate<T>,
  change: (doc: T) => T | Promise<T>,
): Promise<UpdatedOnce<T>> {
  let duplicate = false;
  const doc = await store.update(key, async (stored) => {
    const current = stored ?? update.create();
    if (current.recentUpdateIds.includes(update.id)) {
      duplicate = true;
      return current;
    }
    const changed = await change(current);
    return changed === current ? current : rememberUpdate(changed, update.id);
  });
  return { doc, duplicate };
}

/** What the document is after an append, and whether it had taken that update before. */
export interface AppendedOnce<T> {
  view: RowsView<T>;
  duplicate: boolean;
}

/**
 * updateOnce for a change that adds rows at the end (see DocumentStore.append): it sees the document
 * without its rows, and costs what the rows it adds cost, not the rows stored.
 */
export async function appendOnce<T extends RemembersUpdates>(
  store: DocumentStore<T>,
  key: string,
  update: OnceUpdate<T>,
  change: (current: RowsView<T>) => RowsAppend<T> | Promise<RowsAppend<T>>,
): Promise<AppendedOnce<T>> {
  let duplicate = false;
  const view = await store.append(key, async (stored) => {
    const current = stored ?? viewOf(update.create());
    if (current.head.recentUpdateIds.includes(update.id)) {
      duplicate = true;
      return { head: current.head, rows: [] };
    }
    const changed = await change(current);
    const same = changed.head === current.head && changed.rows.length === 0;
    return same ? changed : { ...changed, head: rememberUpdate(changed.head, update.id) };
  });
  return { view, duplicate };
}

/** The document with `updateId` among the ids it remembers, the oldest dropped past REMEMBERED_UPDATES. */
function rememberUpdate<D extends RemembersUpdates>(doc: D, updateId: number): D {
  return { ...doc, recentUpdateIds: [...doc.recentUpdateIds, updateId].slice(-REMEMBERED_UPDATES) };
}
