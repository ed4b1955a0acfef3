/** The document the storage tests keep: a version and a list of numbers. */
export interface NumbersDoc {
  version: 1;
  values: number[];
}

export function isNumbersDoc(value: unknown): value is NumbersDoc {
  const doc = value as NumbersDoc | null;
  return (
    typeof doc === 'object' &&
    doc !== null &&
    doc.version === 1 &&
    Array.isArray(doc.values) &&
    doc.values.every((v) => typeof v === 'number')
  );
}

export function appendValue(value: number): (doc: NumbersDoc | undefined) => NumbersDoc {
  return (doc) => ({ version: 1, values: [...(doc?.values ?? []), value] });
}

/** The same numbers as rows, `{ n }` each, for a store that keeps them in a rows file. */
export interface NumberRowsDoc {
  version: 1;
  rows: { n: number }[];
}

export function isNumberRowsDoc(value: unknown): value is NumberRowsDoc {
  const doc = value as NumberRowsDoc | null;
  return (
    typeof doc === 'object' &&
    doc !== null &&
    doc.version === 1 &&
    Array.isArray(doc.rows) &&
    doc.rows.every((row) => typeof row?.n === 'number')
  );
}

/** How the kill -9 writer stores its numbers: one JSON file, rows appended (by append and update in turn), or rows written anew each time. */
export type WriterLayout = 'json' | 'append' | 'rewrite';

/** The numbers a document of the layout holds, in the order they were written. */
export function numbersOf(layout: WriterLayout, doc: NumbersDoc | NumberRowsDoc | undefined): number[] {
  if (doc === undefined) return [];
  if ('values' in doc) return doc.values;
  const numbers = doc.rows.map((row) => row.n);
  // Newest first: every update puts its row at the start, so the rows file is written anew.
  return layout === 'rewrite' ? numbers.reverse() : numbers;
}
