import type { Row } from '../core/types.js';

/** A task as a running exercise keeps it: the hidden rows are copied in, so deleting the task changes nothing. */
export interface ExerciseTask {
  /** A built-in task's name (`and`) or an own task's code (`EX-7F3KQ2AB`). */
  id: string;
  kind: 'builtin' | 'custom';
  inputs: number;
  /** Rows the students never see. */
  hidden: Row[];
  /** An own task's title and statement, as the teacher typed them; built-in ones come from the locales. */
  title?: string;
  statement?: string;
}

/** One scored submission: how the perceptron did on the hidden rows, and what it took. */
export interface Attempt {
  accuracy: number;
  loss: number;
  /** Hidden rows classified wrongly: a count, never which. */
  wrong: number;
  /** Rows the student's perceptron was trained on (not the rows left when submitting). */
  rows: number;
  epochs: number;
  /** Milliseconds since the epoch. */
  at: number;
}

/** A student's standing in one exercise: their best attempt and how many they made. */
export interface Entry {
  userId: number;
  name: string;
  username?: string;
  submissions: number;
  firstAt: number;
  best: Attempt;
}
