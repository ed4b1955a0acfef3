import { type Constraint, type Model, solve } from 'yalps';
import type { Activation, Row } from './types.js';

export interface SeparabilityOptions {
  bias: boolean;
  /** Decides which side a sum of exactly 0 falls on; defaults to the lesson's sigmoid. */
  activation?: Activation;
}

type Coefficients = [number, number][];

/**
 * Whether some weights (and a bias, if on) put every row on its class's side, as `predict` labels it.
 * Without a bias the boundary passes through the origin. Solved as a linear feasibility problem.
 */
export function isLinearlySeparable(rows: readonly Row[], options: SeparabilityOptions): boolean {
  if (rows.length === 0) return true;
  const width = (rows[0] as Row).inputs.length;
  if (rows.some((row) => row.inputs.length !== width)) throw new RangeError('rows must have the same width');
  const columns = width + (options.bias ? 1 : 0);
  const constraints = rows.map((row, i) => [i, constrainRow(row, options.activation ?? 'sigmoid')] as const);
  const variables: [number, Coefficients][] = [];
  for (let c = 0; c < columns; c++) {
    const column: Coefficients = [];
    rows.forEach((row, i) => {
      const value = c < width ? (row.inputs[c] as number) : 1;
      if (value !== 0) column.push([i, value]);
    });
    // yalps has no free variables: each weight is a positive part minus a negative part.
    variables.push([2 * c, column], [2 * c + 1, column.map(([i, value]): [number, number] => [i, -value])]);
  }
  const model: Model<number, number> = { constraints, variables };
  const { status } = solve(model);
  if (status === 'cycled' || status === 'timedout') throw new Error(`separability check ${status}`);
  return status !== 'infeasible';
}

// As in predict, a sum of exactly 0 (an all-zero row without bias) is class 1 for sigmoid and 0 for step.
function constrainRow(row: Row, activation: Activation): Constraint {
  const positive = row.output >= 0.5;
  if (activation === 'sigmoid') return positive ? { min: 0 } : { max: -1 };
  return positive ? { min: 1 } : { max: 0 };
}
