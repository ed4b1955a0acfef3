import { describe, expect, it } from 'vitest';
import { copyRow, isFlatRow, sameRow } from '../../src/storage/flat-rows.js';
import { copyJson } from '../../src/storage/json-values.js';

/** The own property "__proto__" (reading `.__proto__` would give the prototype). */
const ownProto = <T>(value: object): T => Object.getOwnPropertyDescriptor(value, '__proto__')?.value as T;

describe('flat rows', () => {
  it('are objects of null, booleans, numbers, strings and arrays of numbers, nothing deeper', () => {
    expect(isFlatRow({ inputs: [0.5, -1, 2], output: 1, name: 'a', seen: true, gap: null })).toBe(true);
    expect(isFlatRow({})).toBe(true);
    for (const row of [null, 5, 'row', [1, 2], { inputs: [1, null] }, { inputs: [[1]] }, { at: { x: 1 } }]) {
      expect(isFlatRow(row)).toBe(false);
    }
  });

  it('are copied so that changing the copy leaves the row as it was, a "__proto__" key included', () => {
    const row = JSON.parse('{"inputs":[1,2],"output":1,"__proto__":[3]}') as Record<string, unknown>;
    const copy = copyRow(row);
    (copy.inputs as number[]).push(9);
    ownProto<number[]>(copy).push(9);
    copy.output = 0;
    expect(row).toEqual(JSON.parse('{"inputs":[1,2],"output":1,"__proto__":[3]}'));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['inputs', 'output', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')).toMatchObject({
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });

  it('are the same when their keys and values are, in any key order, -0 the same as 0', () => {
    const stored = { inputs: [1, 0, 2.5], output: 1 };
    expect(sameRow({ output: 1, inputs: [1, -0, 2.5] }, stored)).toBe(true);
    expect(sameRow(5, {})).toBe(false);
    for (const other of [
      { inputs: [1, 0, 2.5], output: 0 },
      { inputs: [1, 0], output: 1 },
      { inputs: [1, 0, 2.5, 3], output: 1 },
      { inputs: [1, 0, Number.NaN], output: 1 },
      { inputs: [1, 0, 2.5], output: 1, extra: undefined },
      { inputs: [1, 0, 2.5] },
      { inputs: '1,0,2.5', output: 1 },
      [1, 0, 2.5],
      null,
      // The output is inherited, not its own: JSON never makes such a row.
      Object.assign(Object.create({ output: 1 }), { inputs: [1, 0, 2.5], other: 1 }),
    ]) {
      expect(sameRow(other, stored)).toBe(false);
    }
  });
});

describe('copyJson', () => {
  it('copies any JSON value deeply, keeping a "__proto__" key an own property', () => {
    const value = JSON.parse('{"a":[1,{"b":[2,3]}],"__proto__":{"c":4},"n":null}') as Record<string, unknown>;
    const copy = copyJson(value);
    expect(copy).toEqual(value);
    ((copy.a as unknown[])[1] as { b: number[] }).b.push(5);
    ownProto<{ c: number }>(copy).c = 5;
    expect(value).toEqual(JSON.parse('{"a":[1,{"b":[2,3]}],"__proto__":{"c":4},"n":null}'));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')).toMatchObject({
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(copyJson(7)).toBe(7);
  });
});
