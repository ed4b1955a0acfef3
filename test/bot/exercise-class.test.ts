import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { parseResultsCsv } from '../helpers/csv.js';
import {
  askInGroup,
  createOwnTask,
  currentText,
  documentsIn,
  linkPayload,
  pollFor,
} from '../helpers/exercise-kit.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { inLanguage, type Translate, textsFor } from '../helpers/texts.js';

const BOARD_INTERVAL = 500;
const en = textsFor('en');

// The hidden rows: "is the first input larger than the second?". Their numbers are chosen to appear
// nowhere else, so that finding one in anything the bot sent would mean a leak.
const HIDDEN = [
  '0.913713 0.137137 1 -> 1',
  '0.271828 0.829829 1 -> 0',
  '0.644644 0.358358 1 -> 1',
  '0.182182 0.566566 1 -> 0',
  '0.777377 0.333133 1 -> 1',
  '0.419419 0.951951 1 -> 0',
];
const STATEMENT = 'Inputs: x1, x2 between 0 and 1, and a constant 1. Output 1 when x1 is larger than x2.';
const HIDDEN_NUMBERS = HIDDEN.flatMap((row) => row.split(' ').filter((n) => n.length > 4));

/** Training data the students make up; variant 0 teaches the rule, variant 1 too little of it. */
const VARIANTS = [
  { rows: '1 0 1 -> 1\n0 1 1 -> 0\n0.8 0.2 1 -> 1\n0.3 0.7 1 -> 0', epochs: 2000 },
  { rows: '1 1 1 -> 1\n0 0 1 -> 0', epochs: 300 },
  {
    rows: '1 0 1 -> 1\n0 1 1 -> 0\n0.9 0.4 1 -> 1\n0.4 0.9 1 -> 0\n0.6 0.5 1 -> 1\n0.5 0.6 1 -> 0',
    epochs: 5000,
  },
];

const NAMES: Record<number, string> = {
  1: 'Smith, "Jo"',
  2: '=HYPERLINK("http://evil","x")',
  3: 'Анна Петрова',
  4: '+7 999',
  5: '@here',
  6: '-minus',
};

interface Student {
  index: number;
  user: FakeUser;
  t: Translate;
  /** Works in private through the link, else in the group. */
  inPrivate: boolean;
  chat?: FakeChat;
}

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ boardIntervalMs: BOARD_INTERVAL });
});
afterAll(() => bot.stop());

/** Every edit of the announcement the bot made, in order. */
const announcementEdits = (group: FakeChat, announcement: FakeMessage) =>
  bot.api.calls.filter(
    (c) =>
      c.method === 'editMessageText' &&
      Number(c.payload.chat_id) === group.id &&
      Number(c.payload.message_id) === announcement.message_id,
  );

/** When the bot starts each edit of the group's board, as it notes them for its interval. */
function recordEditStarts(group: FakeChat): number[] {
  const starts: number[] = [];
  const edits = bot.app.deps.classroom.boardEdits;
  const note = edits.set.bind(edits);
  edits.set = (chatId, at) => {
    if (chatId === group.id) starts.push(at);
    return note(chatId, at);
  };
  return starts;
}

const isTrained = (t: Translate) => (text: string) => text.includes(t('train.outputs'));

async function workInGroup(student: Student, group: FakeChat): Promise<string> {
  const { user, t, index } = student;
  const variant = VARIANTS[index % 3] as (typeof VARIANTS)[number];
  await askInGroup(bot, user, group, `/add ${variant.rows}`);
  await askInGroup(bot, user, group, `/train ${variant.epochs}`, isTrained(t));
  return (await askInGroup(bot, user, group, '/submit')).text ?? '';
}

async function workInPrivate(student: Student, payload: string): Promise<string> {
  const { user, t, index } = student;
  const chat = student.chat as FakeChat;
  const variant = VARIANTS[index % 3] as (typeof VARIANTS)[number];
  if (index % 4 === 0) await bot.say(user, chat, '/add 0.5 -> 1');
  const joined = t('exercise.joined', {
    title: 'Larger?',
    group: 'Class 9B',
    statement: STATEMENT,
    inputs: t('units.inputs', { count: 3, n: '3' }),
  });
  expect((await bot.say(user, chat, `/start ${payload}`)).text).toBe(joined);
  await bot.say(user, chat, variant.rows);
  await bot.edited(await bot.say(user, chat, `/train ${variant.epochs}`), isTrained(t));
  return (await bot.say(user, chat, '/submit')).text ?? '';
}

describe('a whole class exercise: a teacher and 30 students', () => {
  it('runs from the task to the results file, and no hidden row ever leaves the bot', async () => {
    const group = bot.api.group(-8001, 'Class 9B', 'supergroup');
    const teacherUser = bot.api.user(500, { first_name: 'Ms Teacher', language_code: 'en' });
    const teacher = { user: teacherUser, chat: bot.api.privateChat(teacherUser) };
    bot.api.setChatMember(group.id, teacherUser, 'creator');
    const code = await createOwnTask(bot, teacher, {
      title: 'Larger?',
      statement: STATEMENT,
      rows: HIDDEN.join('\n'),
    });

    const students: Student[] = Array.from({ length: 30 }, (_, i) => {
      const index = i + 1;
      const language = index % 2 === 0 ? 'ru' : 'en';
      const user = bot.api.user(600 + index, {
        first_name: NAMES[index] ?? `Student ${index}`,
        language_code: language,
        ...(index % 5 === 0 ? { username: `student${index}` } : {}),
      });
      const inPrivate = index % 3 !== 0;
      // Some who work in the group have never opened the bot in private.
      const opened = inPrivate || index % 2 === 0;
      return {
        index,
        user,
        t: textsFor(language),
        inPrivate,
        ...(opened ? { chat: bot.api.privateChat(user) } : {}),
      };
    });

    const first = students[0] as Student;
    expect((await bot.say(first.user, group, `/exercise ${code}`)).text).toBe(first.t('exercise.notAdmin'));
    const editStarts = recordEditStarts(group);
    const announcement = await bot.say(teacherUser, group, `/exercise ${code} 1h`);
    expect(announcement.text).toContain('📝 <b>Exercise: Larger?</b>');
    expect(announcement.text).toContain('Output 1 when x1 is larger than x2.');
    expect(announcement.text).toContain(en('exercise.board.empty'));
    const payload = linkPayload(bot, announcement);
    expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    const replies = await Promise.all(
      students.map((s) => (s.inPrivate ? workInPrivate(s, payload) : workInGroup(s, group))),
    );
    for (const [i, text] of replies.entries()) {
      const s = students[i] as Student;
      expect([s.index, text]).toEqual([s.index, expect.stringMatching(/^📨 /)]);
      expect(text).toContain(s.t('exercise.submit.left', { count: 9 }));
    }
    const fromGroupWithPrivate = students.filter((s) => !s.inPrivate && s.chat);
    for (const s of fromGroupWithPrivate) {
      const details = bot.api.messages(s.user.id).map((m) => m.text ?? '');
      expect(details.some((text) => text.includes(s.t('exercise.submit.left', { count: 9 })))).toBe(true);
    }

    // The board catches up with every submission, edited at most once per interval.
    const board = await pollFor(() => {
      const text = currentText(bot, announcement);
      return text.includes(en('exercise.board.title', { count: 30 })) ? text : undefined;
    }, 'the board with 30 students');
    expect(board.split('\n').filter((line) => /^\d+\. /.test(line))).toHaveLength(10);
    expect(board).toContain(en('exercise.board.more', { count: 20 }));
    const own = await bot.say(first.user, first.chat as FakeChat, '/leaderboard');
    expect(own.text).toMatch(/Your place: \d+ of 30/);

    const ended = await bot.say(teacherUser, group, '/exercise end');
    expect(ended.text).toBe(en('exercise.end.csvSent', { name: 'Ms Teacher' }));
    await bot.settle();
    const final = currentText(bot, announcement);
    for (const medal of ['🥇', '🥈', '🥉']) expect(final).toContain(medal);
    expect(final).toContain(en('exercise.announce.ended'));
    expect(
      bot.api.buttons(
        bot.api.messages(group.id).find((m) => m.message_id === announcement.message_id) as FakeMessage,
      ),
    ).toEqual([]);

    const [csv] = documentsIn(bot, teacherUser.id);
    const [header, ...lines] = parseResultsCsv(csv ?? '');
    expect(header?.slice(0, 5)).toEqual(['Place', 'Telegram ID', 'Name', 'Username', 'Submissions']);
    expect(lines).toHaveLength(30);
    expect(lines.map((l) => Number(l[1])).sort()).toEqual(students.map((s) => s.user.id).sort());
    const byId = new Map(lines.map((l) => [Number(l[1]), l]));
    expect(byId.get(601)?.[2]).toBe('Smith, "Jo"');
    expect(byId.get(602)?.[2]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(byId.get(603)?.[2]).toBe('Анна Петрова');
    expect(byId.get(604)?.[2]).toBe(`'+7 999`);
    expect(byId.get(605)?.[3]).toBe('student5');
    // Ranked: accuracy down, then rows up, then epochs up, then the earlier best submission.
    const key = (l: string[]) => [-Number(l[5]), Number(l[7]), Number(l[8]), Date.parse(l[10] ?? '')];
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [key(lines[i - 1] as string[]), key(lines[i] as string[])];
      const order = a.findIndex((v, j) => v !== b[j]);
      if (order !== -1) expect((a[order] as number) < (b[order] as number)).toBe(true);
    }
    // Each reply said the accuracy the file has.
    for (const [i, text] of replies.entries()) {
      const student = students[i] as Student;
      const line = byId.get(student.user.id) as string[];
      const language = student.user.language_code === 'ru' ? 'ru' : 'en';
      // The file writes the percent in the teacher's language, the reply in the student's.
      const percent = inLanguage(language, (line[5] as string).replace(',', '.'));
      expect(text).toContain(`${percent}%`);
    }
    expect(new Set(lines.map((l) => l[5])).size).toBeGreaterThan(1);

    // Every edit of the announcement, the final table included, came an interval after the one before.
    const edits = announcementEdits(group, announcement);
    expect(edits.length).toBeGreaterThan(1);
    // Timed where the bot decides to edit: the fake sees the calls later by however long they queued
    // behind the group's other messages, which says nothing about the rule.
    expect(edits.length).toBeLessThanOrEqual(editStarts.length);
    const gaps = editStarts.slice(1).map((at, i) => at - (editStarts[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(BOARD_INTERVAL - 2);

    // The hidden rows: in no outgoing call (text, caption, buttons, file) and in no log line.
    const outgoing = bot.api.calls
      .filter((c) => c.method !== 'getUpdates')
      .map((c) => JSON.stringify(c.payload));
    const files = [teacherUser.id, ...students.map((s) => s.user.id)].flatMap((id) => documentsIn(bot, id));
    const logs = bot.logs.map((line) => JSON.stringify(line));
    for (const text of [...outgoing, ...files, ...logs])
      for (const number of HIDDEN_NUMBERS) expect(text.includes(number) ? number : '').toBe('');
    expect(outgoing.length).toBeGreaterThan(150);
    expect(files).toHaveLength(1);
  });
});
