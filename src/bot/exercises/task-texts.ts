import type { BuiltinTaskName } from '../../exercises/builtin-tasks.js';
import type { LocaleKey } from '../../i18n/locale-keys.js';

interface TaskTexts {
  title: LocaleKey;
  statement: LocaleKey;
  /** Why nobody reached 100%, shown when the exercise ends. */
  explanation?: LocaleKey;
}

/** The locale keys of each built-in task's texts. */
export const TASK_TEXTS: Readonly<Record<BuiltinTaskName, TaskTexts>> = {
  lesson: { title: 'exercise.tasks.lesson.title', statement: 'exercise.tasks.lesson.statement' },
  and: { title: 'exercise.tasks.and.title', statement: 'exercise.tasks.and.statement' },
  or: { title: 'exercise.tasks.or.title', statement: 'exercise.tasks.or.statement' },
  nand: { title: 'exercise.tasks.nand.title', statement: 'exercise.tasks.nand.statement' },
  not: { title: 'exercise.tasks.not.title', statement: 'exercise.tasks.not.statement' },
  implies: { title: 'exercise.tasks.implies.title', statement: 'exercise.tasks.implies.statement' },
  majority: { title: 'exercise.tasks.majority.title', statement: 'exercise.tasks.majority.statement' },
  smileys: { title: 'exercise.tasks.smileys.title', statement: 'exercise.tasks.smileys.statement' },
  xor: {
    title: 'exercise.tasks.xor.title',
    statement: 'exercise.tasks.xor.statement',
    explanation: 'exercise.tasks.xor.explanation',
  },
};
