import { describe, expect, it } from 'vitest';
import { NumpyRandom } from '../../src/core/numpy-random.js';
import { isLinearlySeparable } from '../../src/core/separability.js';
import type { Row } from '../../src/core/types.js';

/** Rows for the truth table 00, 01, 10, 11, with a constant 1 column when asked. */
function truthTable(outputs: number[], constant: boolean): Row[] {
  return [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map((inputs, i) => ({ inputs: constant ? [...inputs, 1] : inputs, output: outputs[i] as number }));
}

const AND = [0, 0, 0, 1];
const OR = [0, 1, 1, 1];
const NAND = [1, 1, 1, 0];
const XOR = [0, 1, 1, 0];

/** Random 0/1 rows; labelled by a hidden plane through the origin, or at random. */
function randomRows(count: number, width: number, byPlane: boolean): Row[] {
  const random = new NumpyRandom(2024);
  const plane = Array.from({ length: width }, () => random.random() - 0.5);
  return Array.from({ length: count }, () => {
    const inputs = Array.from({ length: width }, (): number => (random.random() < 0.5 ? 0 : 1));
    const sum = inputs.reduce((total, value, i) => total + value * (plane[i] as number), 0);
    return { inputs, output: (byPlane ? sum > 0 : random.random() < 0.5) ? 1 : 0 };
  });
}

describe('isLinearlySeparable', () => {
  it.each([
    ['and', AND],
    ['or', OR],
    ['nand', NAND],
  ])('finds %s with a constant 1 column separable', (_name, outputs) => {
    expect(isLinearlySeparable(truthTable(outputs, true), { bias: false })).toBe(true);
  });

  it('finds xor not separable, with or without a bias', () => {
    expect(isLinearlySeparable(truthTable(XOR, true), { bias: false })).toBe(false);
    expect(isLinearlySeparable(truthTable(XOR, false), { bias: true })).toBe(false);
  });

  it('needs a bias or a constant column for and, whose boundary misses the origin', () => {
    expect(isLinearlySeparable(truthTable(AND, false), { bias: false })).toBe(false);
    expect(isLinearlySeparable(truthTable(AND, false), { bias: true })).toBe(true);
  });

  it('finds contradictory rows not separable', () => {
    const rows: Row[] = [
      { inputs: [1, 0], output: 1 },
      { inputs: [1, 0], output: 0 },
    ];
    expect(isLinearlySeparable(rows, { bias: true })).toBe(false);
  });

  it('puts an all-zero row without a bias on the side predict gives it', () => {
    const zeroIsOne: Row[] = [
      { inputs: [0, 0], output: 1 },
      { inputs: [1, 1], output: 0 },
    ];
    const zeroIsZero: Row[] = [
      { inputs: [0, 0], output: 0 },
      { inputs: [1, 1], output: 1 },
    ];
    expect(isLinearlySeparable(zeroIsOne, { bias: false })).toBe(true);
    expect(isLinearlySeparable(zeroIsZero, { bias: false })).toBe(false);
    expect(isLinearlySeparable(zeroIsOne, { bias: false, activation: 'step' })).toBe(false);
    expect(isLinearlySeparable(zeroIsZero, { bias: false, activation: 'step' })).toBe(true);
  });

  it('rejects rows of different widths', () => {
    const rows: Row[] = [
      { inputs: [1, 0], output: 1 },
      { inputs: [1], output: 0 },
    ];
    expect(() => isLinearlySeparable(rows, { bias: false })).toThrow(RangeError);
  });

  it('decides the largest allowed table, 1000 rows of 32 inputs', () => {
    expect(isLinearlySeparable(randomRows(1000, 32, true), { bias: false })).toBe(true);
    expect(isLinearlySeparable(randomRows(1000, 32, false), { bias: true })).toBe(false);
  });

  it('finds no rows separable', () => {
    expect(isLinearlySeparable([], { bias: false })).toBe(true);
  });

  it('says why rows of different widths are refused', () => {
    const rows: Row[] = [
      { inputs: [1, 0], output: 1 },
      { inputs: [1, 0, 1], output: 0 },
    ];
    expect(() => isLinearlySeparable(rows, { bias: true })).toThrow(
      new RangeError('rows must have the same width'),
    );
  });

  it('counts a target of 0.5 as class 1, as classify does', () => {
    // 0.5 at the origin and 0 at 1: only "0 is class 1" separates them without a bias.
    const half: Row[] = [
      { inputs: [0], output: 0.5 },
      { inputs: [1], output: 0 },
    ];
    expect(isLinearlySeparable(half, { bias: false })).toBe(true);
    expect(isLinearlySeparable(half, { bias: false, activation: 'step' })).toBe(false);
    const below: Row[] = [
      { inputs: [1], output: 0.49 },
      { inputs: [2], output: 0.5 },
      { inputs: [3], output: 0.51 },
    ];
    expect(isLinearlySeparable(below, { bias: true })).toBe(true);
    expect(isLinearlySeparable([below[1], below[0], below[2]] as Row[], { bias: true })).toBe(true);
    expect(
      isLinearlySeparable(
        [
          { inputs: [1], output: 0.5 },
          { inputs: [1], output: 0.49 },
        ],
        { bias: true },
      ),
    ).toBe(false);
  });

  it('needs the bias column to move a boundary off the origin, for sigmoid and step alike', () => {
    // Class 1 only at 2: the boundary sits between 1 and 2.
    const rows: Row[] = [
      { inputs: [1], output: 0 },
      { inputs: [2], output: 1 },
    ];
    for (const activation of ['sigmoid', 'step'] as const) {
      expect(isLinearlySeparable(rows, { bias: false, activation }), activation).toBe(false);
      expect(isLinearlySeparable(rows, { bias: true, activation }), activation).toBe(true);
    }
    // Class 1 only at -2 and 1 at the origin needs a bias that is positive and a negative weight.
    const negative: Row[] = [
      { inputs: [-2], output: 1 },
      { inputs: [0], output: 1 },
      { inputs: [3], output: 0 },
    ];
    expect(isLinearlySeparable(negative, { bias: true, activation: 'step' })).toBe(true);
    expect(isLinearlySeparable(negative, { bias: false, activation: 'step' })).toBe(false);
  });

  it('puts a row whose sum is 0 on the side of its activation, also with a bias', () => {
    // With weights (1, -1) and no bias every row of equal inputs sums to 0.
    const equal: Row[] = [
      { inputs: [1, 1], output: 1 },
      { inputs: [2, 2], output: 1 },
      { inputs: [1, 0], output: 1 },
      { inputs: [0, 1], output: 0 },
    ];
    expect(isLinearlySeparable(equal, { bias: false })).toBe(true);
    const step: Row[] = [
      { inputs: [1, 1], output: 0 },
      { inputs: [2, 2], output: 0 },
      { inputs: [1, 0], output: 1 },
      { inputs: [0, 1], output: 0 },
    ];
    expect(isLinearlySeparable(step, { bias: false, activation: 'step' })).toBe(true);
  });
});
