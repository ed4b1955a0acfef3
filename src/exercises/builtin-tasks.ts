import type { Row } from '../core/types.js';

export type BuiltinTaskName =
  | 'lesson'
  | 'and'
  | 'or'
  | 'nand'
  | 'not'
  | 'implies'
  | 'majority'
  | 'smileys'
  | 'xor';

/** A task the bot offers ready-made (its texts are in the locales); its hidden rows never leave the bot. */
export interface BuiltinTask {
  name: BuiltinTaskName;
  /** No single neuron can get every hidden row right (xor): the end of the exercise says why. */
  unlearnable: boolean;
  inputs: number;
  hidden: readonly Row[];
}

/** Every combination of `bits` zeros and ones, 0…0 first. */
function truthTable(bits: number): number[][] {
  return Array.from({ length: 2 ** bits }, (_, n) =>
    Array.from({ length: bits }, (_, i) => (n >> (bits - 1 - i)) & 1),
  );
}

/** The full truth table of `bits` inputs followed by a constant 1, labelled by `rule`. */
function logicRows(bits: number, rule: (x: number[]) => boolean): Row[] {
  return truthTable(bits).map((x) => ({ inputs: [...x, 1], output: rule(x) ? 1 : 0 }));
}

const at = (x: number[], i: number): number => x[i] as number;

// Features: eyes open, eyebrows raised, mouth corners up, mouth corners down, tears, constant 1.
// Faces that are not among /example smileys' training rows.
const SMILEY_FACES: Row[] = [
  { inputs: [0, 1, 1, 0, 0, 1], output: 1 }, // XD
  { inputs: [0, 0, 1, 0, 1, 1], output: 1 }, // x')
  { inputs: [0, 1, 1, 0, 1, 1], output: 1 }, // XD with tears of joy
  { inputs: [1, 1, 1, 0, 1, 1], output: 1 }, // :'D
  { inputs: [1, 1, 0, 1, 1, 1], output: 0 }, // D':
  { inputs: [0, 0, 0, 1, 1, 1], output: 0 }, // ;'(
  { inputs: [0, 1, 0, 1, 0, 1], output: 0 }, // >_<
  { inputs: [0, 1, 0, 1, 1, 1], output: 0 }, // T_T
];

const task = (name: BuiltinTaskName, inputs: number, hidden: Row[], unlearnable = false): BuiltinTask => ({
  name,
  unlearnable,
  inputs,
  hidden,
});

function freezeTask(builtin: BuiltinTask): BuiltinTask {
  for (const row of builtin.hidden) Object.freeze(Object.freeze(row).inputs);
  Object.freeze(builtin.hidden);
  return Object.freeze(builtin);
}

/** The built-in tasks, in the order /exercise shows them. Frozen. */
export const BUILTIN_TASKS: readonly BuiltinTask[] = Object.freeze(
  [
    // The lesson's four rows never have the third input at 0; these do. 0 0 0 is left out: without a
    // bias its weighted sum is always 0, an output of 0.5, so no weights could make it 0.
    task(
      'lesson',
      3,
      truthTable(3)
        .slice(1)
        .map((x) => ({ inputs: x, output: at(x, 0) })),
    ),
    task(
      'and',
      3,
      logicRows(2, (x) => at(x, 0) === 1 && at(x, 1) === 1),
    ),
    task(
      'or',
      3,
      logicRows(2, (x) => at(x, 0) === 1 || at(x, 1) === 1),
    ),
    task(
      'nand',
      3,
      logicRows(2, (x) => !(at(x, 0) === 1 && at(x, 1) === 1)),
    ),
    task(
      'not',
      2,
      logicRows(1, (x) => at(x, 0) === 0),
    ),
    task(
      'implies',
      3,
      logicRows(2, (x) => at(x, 0) === 0 || at(x, 1) === 1),
    ),
    task(
      'majority',
      4,
      logicRows(3, (x) => at(x, 0) + at(x, 1) + at(x, 2) >= 2),
    ),
    task('smileys', 6, SMILEY_FACES),
    task(
      'xor',
      3,
      logicRows(2, (x) => at(x, 0) !== at(x, 1)),
      true,
    ),
  ].map(freezeTask),
);

/** The built-in task called `name` (any letter case), or undefined. */
export function findBuiltinTask(name: string): BuiltinTask | undefined {
  const wanted = name.trim().toLowerCase();
  return BUILTIN_TASKS.find((builtin) => builtin.name === wanted);
}
