import { copyJson } from './json-values.js';
import type { DocumentHead, DocumentStore, RowOf, RowsAppend, RowsView } from './store-types.js';

/** What append shows of `doc`: its own objects, so give it a document the caller may have. */
export function viewOf<T>(doc: T): RowsView<T> {
  const { rows, ...head } = doc as T & { rows?: RowOf<T>[] };
  return { head: head as DocumentHead<T>, count: rows?.length ?? 0, first: rows?.[0] };
}

/** The document an append makes: `change`'s head, with the rows of `current` and then the rows added. */
export function appended<T>(current: T | undefined, change: RowsAppend<T>): T {
  const stored = (current as { rows?: RowOf<T>[] } | undefined)?.rows ?? [];
  return { ...change.head, rows: [...stored, ...change.rows] } as T;
}

/** append() as one update: for a store that keeps no rows apart, at the cost of an update. */
export async function appendThroughUpdate<T>(
  store: Pick<DocumentStore<T>, 'update'>,
  key: string,
  fn: (current: RowsView<T> | undefined) => RowsAppend<T> | Promise<RowsAppend<T>>,
): Promise<RowsView<T>> {
  const doc = await store.update(key, async (current) => {
    if (current === undefined) return appended(current, await fn(undefined));
    // The first row is one of the rows kept: fn gets a copy of its own.
    const view = viewOf(current);
    return appended(current, await fn({ ...view, first: copyJson(view.first) }));
  });
  return viewOf(doc);
}
