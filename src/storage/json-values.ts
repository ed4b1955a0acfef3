const isNumber = (item: unknown): boolean => typeof item === 'number';

/**
 * A deep copy of a value JSON.parse made, so that whoever holds the copy can change it freely. Arrays are
 * read through builtins only (see flat-rows.ts for why); an array of numbers is copied with slice(),
 * which keeps V8's unboxed form.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return (value.every(isNumber) ? value.slice() : value.map(copyJson)) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, copyJson((value as Record<string, unknown>)[key]));
  return copy as T;
}

/** Sets a property as JSON.parse does: a key "__proto__" is an own property, never the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}
