import type { Row } from './types.js';

export type ExampleName = 'lesson' | 'and' | 'or' | 'nand' | 'not' | 'xor' | 'smileys';

/** A ready-made training table the bot can load by name. */
export interface Example {
  name: ExampleName;
  rows: Row[];
  /** New cases worth predicting after training. */
  tryInputs: number[][];
  bias: boolean;
}

const TWO_INPUTS = [
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
];

/** Two inputs and a constant 1 column, labelled by a truth table in the order 00, 01, 10, 11. */
function createLogicExample(name: ExampleName, outputs: number[], tryInputs: number[][]): Example {
  const rows = TWO_INPUTS.map((inputs, i) => ({ inputs, output: outputs[i] as number }));
  return { name, rows, tryInputs, bias: false };
}

const LESSON: Example = {
  name: 'lesson',
  rows: [
    { inputs: [0, 0, 1], output: 0 },
    { inputs: [1, 1, 1], output: 1 },
    { inputs: [1, 0, 1], output: 1 },
    { inputs: [0, 1, 1], output: 0 },
  ],
  tryInputs: [[1, 1, 0]],
  bias: false,
};

const NOT: Example = {
  name: 'not',
  rows: [
    { inputs: [0, 1], output: 1 },
    { inputs: [1, 1], output: 0 },
  ],
  tryInputs: [[0.2, 1]],
  bias: false,
};

// Features: eyes open, eyebrows raised, mouth corners up, mouth corners down, tears, constant 1.
const SMILEYS: Example = {
  name: 'smileys',
  rows: [
    { inputs: [1, 0, 1, 0, 0, 1], output: 1 }, // :-)  smile
    { inputs: [0, 0, 1, 0, 0, 1], output: 1 }, // ;-)  wink
    { inputs: [1, 1, 1, 0, 0, 1], output: 1 }, // :-D  laughing
    { inputs: [1, 0, 1, 0, 1, 1], output: 1 }, // :')  tears of joy
    { inputs: [1, 0, 0, 1, 0, 1], output: 0 }, // :-(  sad
    { inputs: [1, 0, 0, 1, 1, 1], output: 0 }, // :'(  crying
    { inputs: [1, 1, 0, 1, 0, 1], output: 0 }, // D-:  dismayed
    { inputs: [0, 0, 0, 1, 0, 1], output: 0 }, // x-(  eyes shut in grief
  ],
  tryInputs: [
    [0, 1, 1, 0, 0, 1], // XD   laughing with eyes shut
    [0, 0, 1, 0, 1, 1], // x')  laughing to tears
    [1, 1, 0, 1, 1, 1], // D':  sobbing
  ],
  bias: false,
};

/** Freezes an example down to its numbers, so no caller can change it for everyone. */
function freezeExample(example: Example): Example {
  for (const row of example.rows) Object.freeze(Object.freeze(row).inputs);
  for (const inputs of example.tryInputs) Object.freeze(inputs);
  Object.freeze(example.rows);
  Object.freeze(example.tryInputs);
  return Object.freeze(example);
}

/** The tables the bot offers, the lesson first. Frozen: copy rows before changing them. */
export const EXAMPLES: readonly Example[] = Object.freeze(
  [
    LESSON,
    createLogicExample('and', [0, 0, 0, 1], [[0.9, 0.8, 1]]),
    createLogicExample('or', [0, 1, 1, 1], [[0.1, 0.9, 1]]),
    createLogicExample('nand', [1, 1, 1, 0], [[0.9, 0.8, 1]]),
    NOT,
    createLogicExample('xor', [0, 1, 1, 0], [[1, 1, 1]]),
    SMILEYS,
  ].map(freezeExample),
);

/** The example called `name` (any letter case), or undefined. */
export function findExample(name: string): Example | undefined {
  const wanted = name.trim().toLowerCase();
  return EXAMPLES.find((example) => example.name === wanted);
}
