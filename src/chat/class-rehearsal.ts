import type { Row } from '../core/types.js';
import type { FakeBotApi, FakeChat, FakeUser } from '../dev/fake-bot-api.js';

/** A simulated student: typed as `@handle` in the terminal. */
export interface SimulatedStudent {
  handle: string;
  user: FakeUser;
  /** Their private chat with the bot, when they have started it (results in private need that). */
  chat?: FakeChat;
}

/** The class of `npm run chat -- --group`: a group whose admin is the person at the terminal, and students. */
export interface ClassRehearsal {
  readonly group: FakeChat;
  readonly students: readonly SimulatedStudent[];
  /** The student with this handle (`masha`), if any. */
  find(handle: string): SimulatedStudent | undefined;
}

// Different languages on purpose: Ana's (es) is neither of the bot's, so she gets DEFAULT_LANGUAGE.
const STUDENTS = [
  { handle: 'masha', first_name: 'Masha', language_code: 'ru', startedBot: true },
  { handle: 'tom', first_name: 'Tom', language_code: 'en', startedBot: true },
  { handle: 'ana', first_name: 'Ana', language_code: 'es', startedBot: false },
] as const;
const FIRST_STUDENT_ID = 2001;

/** Makes the group, with `teacher` as its creator, and the students as plain members. */
export function createClassRehearsal(api: FakeBotApi, teacher: FakeUser, title: string): ClassRehearsal {
  const group = api.group(-1_001_000_000_001, title, 'supergroup');
  api.setChatMember(group.id, teacher, 'creator');
  const students = STUDENTS.map(({ handle, first_name, language_code, startedBot }, i) => {
    const user = api.user(FIRST_STUDENT_ID + i, { first_name, language_code });
    return { handle, user, ...(startedBot ? { chat: api.privateChat(user) } : {}) };
  });
  return { group, students, find: (handle) => students.find((s) => s.handle === handle) };
}

/** What one student does with an exercise: which rows they send, how long they train, and where. */
export interface StudentPlan {
  rows: Row[];
  epochs: number;
  inPrivate: boolean;
}

/**
 * The class's work on a task's rows, one plan per student in order: the first learns every row in private
 * (as a big class should), the second half of the rows in the group, the third every row in the group but
 * one with the wrong answer. The standings come out in that order on a task one neuron can learn.
 */
export function planClasswork(rows: readonly Row[]): StudentPlan[] {
  const all = [...rows];
  return [
    { rows: all, epochs: 2000, inPrivate: true },
    { rows: all.filter((_, i) => i % 2 === 0), epochs: 300, inPrivate: false },
    {
      rows: all.map((row, i) => (i === 0 ? { ...row, output: 1 - row.output } : row)),
      epochs: 1000,
      inPrivate: false,
    },
  ];
}

/** Rows as a student types them: `0 1 1 -> 1`, one per line. */
export const formatRows = (rows: readonly Row[]): string =>
  rows.map((row) => `${row.inputs.join(' ')} -> ${row.output}`).join('\n');
