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
