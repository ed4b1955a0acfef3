// A class on the scaled-out bot: two dist/main.js instances in webhook mode on one PostgreSQL database and
// two dist/worker/main.js workers on one Redis prefix, behind a round-robin dispatcher that delivers the
// fake Bot API's updates as Telegram does (a chat's in sequence, again to the next instance until one
// answers 2xx). 30 students send rows, train, press Stop and predict; a teacher runs an exercise. In the
// middle one instance and one worker are killed with SIGKILL, and started again later.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { FakeBotApi, FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { parseResultsCsv } from '../helpers/csv.js';
import {
  botMessages,
  killAndRestart,
  pollFor,
  resultCalls,
  startCluster,
  useClusterServers,
} from './kit/cluster.js';
import { makeTempDir, startFake } from './kit/temp.js';
import { jobsStarted } from './kit/worker-process.js';

const STUDENTS = 30;
const ROW_MESSAGES = 4;
const ROWS_PER_MESSAGE = 5;
/** The most MAX_EPOCHS allows: Stop comes while the training waits in the queue or runs. */
const LONG_EPOCHS = 1_000_000;
const WAIT_MS = 45_000;
const HIDDEN = ['0.91 0.13 1 -> 1', '0.27 0.82 1 -> 0', '0.64 0.35 1 -> 1', '0.18 0.56 1 -> 0'];
const EXERCISE_ROWS = '1 0 1 -> 1\n0 1 1 -> 0\n0.8 0.2 1 -> 1\n0.3 0.7 1 -> 0';

const servers = useClusterServers();

interface Student {
  /** Its rows' first input: no other student's rows have it. */
  marker: number;
  user: FakeUser;
  chat: FakeChat;
  /** Presses Stop on a long training. */
  stops: boolean;
  trainings: number;
  /** The /predict reply. */
  predicted?: string;
  /** Why the student's work stopped short: a reply that never came. */
  stuck?: string;
  stuckInExercise?: string;
  submitted?: string;
}

/** Row r of message m of a student: the marker, the row's place, a constant 1, and an output. */
const rowOf = (marker: number, m: number, r: number) => ({
  inputs: [marker, m * ROWS_PER_MESSAGE + r, 1],
  output: (m + r) % 2,
});
const rowText = ({ inputs, output }: { inputs: number[]; output: number }) =>
  `${inputs.join(' ')} -> ${output}`;

const lastId = (api: FakeBotApi, chat: FakeChat) => api.messages(chat.id).at(-1)?.message_id ?? 0;

/** What a chat shows, for a failure's message. */
const chatLog = (api: FakeBotApi, chat: FakeChat) =>
  api
    .messages(chat.id)
    .map((m) => `${m.from?.is_bot ? 'bot' : 'user'} ${m.message_id}: ${(m.text ?? '[file]').slice(0, 60)}`)
    .join('\n');

/** Sends a text and resolves with the bot's first later message that matches. */
async function ask(api: FakeBotApi, s: { user: FakeUser; chat: FakeChat }, text: string, match: RegExp) {
  const after = lastId(api, s.chat);
  api.sendText(s.chat, s.user, text);
  return pollFor(
    () => botMessages(api, s.chat, after, (t) => match.test(t))[0],
    () => `a reply to «${text.slice(0, 30)}»; the chat:\n${chatLog(api, s.chat)}`,
    WAIT_MS,
  );
}

/** The processes' log lines about a chat, for a failure's message. */
let logsAbout: (chatId: number) => string = () => '';

/** Waits for one more result than the chat had `before`. */
const waitResult = (api: FakeBotApi, s: Student, before: number) =>
  pollFor(
    () => (resultCalls(api, s.chat).length > before ? true : undefined),
    () =>
      `result ${before + 1} of student ${s.marker}; the chat:\n${chatLog(api, s.chat)}\nlogs:\n${logsAbout(s.chat.id)}`,
    WAIT_MS,
  );

async function studentLife(api: FakeBotApi, s: Student): Promise<void> {
  for (let m = 0; m < ROW_MESSAGES; m++) {
    const rows = Array.from({ length: ROWS_PER_MESSAGE }, (_, r) => rowText(rowOf(s.marker, m, r)));
    api.sendText(s.chat, s.user, rows.join('\n'));
  }
  api.sendText(s.chat, s.user, '/train 2000');
  s.trainings += 1;
  await waitResult(api, s, 0);
  if (s.stops) {
    const before = resultCalls(api, s.chat).length;
    // A million epochs of 20 rows can end within a poll: the progress message may already be the result.
    const progress = await ask(api, s, `/train ${LONG_EPOCHS}`, /^(🧠|✅ Trained|⏹)/u);
    s.trainings += 1;
    await sleep(300);
    const stop = api.buttons(progress).find((b) => b.text === '⏹ Stop');
    // The training may already be over (the button gone): then there is nothing to press.
    const current = api.messages(s.chat.id).find((m) => m.message_id === progress.message_id) as FakeMessage;
    if (stop?.callback_data && api.buttons(current).some((b) => b.callback_data === stop.callback_data))
      api.pressButton(current, stop.callback_data, s.user);
    await waitResult(api, s, before);
  }
  s.predicted = (await ask(api, s, `/predict ${s.marker} 7 1`, /^🔮/u)).text ?? '';
}

interface StoredPerceptron {
  rows: Array<{ inputs: number[]; output: number }>;
}

async function storedPerceptrons(): Promise<Map<string, StoredPerceptron>> {
  const { rows } = await servers.database.query(`SELECT key, doc FROM documents WHERE store = 'perceptrons'`);
  return new Map(rows.map((row: { key: string; doc: StoredPerceptron }) => [row.key, row.doc]));
}

describe('a class on two instances and two workers, one of each killed and started again', () => {
  it('stores every acknowledged row once and in order, ends every training once, mixes nobody, completes the exercise', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const cluster = await startCluster(api, cwd, {
      instances: 2,
      workers: 2,
      shared: servers.env({ MAX_EPOCHS: String(LONG_EPOCHS) }),
    });
    logsAbout = cluster.logsAbout;
    const students: Student[] = Array.from({ length: STUDENTS }, (_, i) => {
      const user = api.user(700 + i, { first_name: `Student ${i + 1}`, language_code: 'en' });
      return { marker: i + 1, user, chat: api.privateChat(user), stops: i % 3 === 0, trainings: 0 };
    });

    // Phase 1: rows, trainings, Stop, /predict; the kill comes once a third of the class has a result.
    const firstResults = () => students.filter((s) => resultCalls(api, s.chat).length > 0).length;
    const killing = killAndRestart(cluster, () => firstResults() >= STUDENTS / 3, WAIT_MS);
    await Promise.all(
      students.map(async (s, i) => {
        await sleep(i * 60);
        await studentLife(api, s).catch((error: Error) => {
          s.stuck = error.message;
        });
      }),
    );
    const kill = await killing;
    // A student whose reply never came is a failure of its own; the others go on, to show every failure.
    expect.soft(students.flatMap((s) => s.stuck ?? []).join('\n\n'), 'replies that never came').toBe('');

    // Phase 2: a class exercise, every student working on it in private through the link.
    const teacherUser = api.user(500, { first_name: 'Ms Teacher', language_code: 'en' });
    const teacher = { user: teacherUser, chat: api.privateChat(teacherUser) };
    const group = api.group(-8001, 'Class 9B', 'supergroup');
    api.setChatMember(group.id, teacherUser, 'creator');
    await ask(api, teacher, '/newexercise', /./);
    await ask(api, teacher, 'Larger?', /./);
    await ask(api, teacher, 'Output 1 when x1 is larger than x2.', /./);
    await ask(api, teacher, HIDDEN.join('\n'), /./);
    const done = await ask(api, teacher, '/done', /EX-[0-9A-Z]{8}/);
    const code = /EX-[0-9A-Z]{8}/.exec(done.text ?? '')?.[0];
    const announcement = await ask(
      api,
      { user: teacherUser, chat: group },
      `/exercise ${code} 1h`,
      /Exercise/,
    );
    const link = api.buttons(announcement).find((b) => b.url)?.url ?? '';
    const payload = new URL(link).searchParams.get('start') ?? '';
    await Promise.all(
      students.map(async (s, i) => {
        await sleep(i * 40);
        try {
          await ask(api, s, `/start ${payload}`, /Your current task/);
          await ask(api, s, EXERCISE_ROWS, /Added 4 rows/);
          const before = resultCalls(api, s.chat).length;
          api.sendText(s.chat, s.user, '/train 500');
          s.trainings += 1;
          await waitResult(api, s, before);
          s.submitted = (await ask(api, s, '/submit', /^📨/u)).text ?? '';
          await ask(api, s, '/exercise leave', /./);
        } catch (error) {
          s.stuckInExercise = (error as Error).message;
        }
      }),
    );
    expect
      .soft(students.flatMap((s) => s.stuckInExercise ?? []).join('\n\n'), 'exercise replies that never came')
      .toBe('');
    await ask(api, { user: teacherUser, chat: group }, '/exercise end', /./);
    const csv = await pollFor(
      () => {
        const document = api.messages(teacher.chat.id).find((m) => m.document);
        return document ? api.fileBytes(document).toString('utf8') : undefined;
      },
      "the teacher's results file",
      WAIT_MS,
    );
    await cluster.dispatcher.idle();
    await sleep(3000);

    // The kill happened mid-class: deliveries failed and went elsewhere; the restarted ones took work.
    expect.soft(cluster.dispatcher.stats.failed).toBeGreaterThan(0);
    expect.soft(cluster.dispatcher.stats.byTarget[0]).toBeGreaterThan(kill.deliveredAtKill);
    expect.soft(kill.killedJobs.length).toBeGreaterThan(0);
    expect.soft(jobsStarted(cluster.workers[kill.worker] as never).length).toBeGreaterThan(0);

    // Every row stored exactly once and in order, each student's own: read back from PostgreSQL.
    const stored = await storedPerceptrons();
    // Rows are compared as "marker:place" lists, which a failure prints whole.
    const places = (rows: StoredPerceptron['rows'] = []) =>
      rows.map(({ inputs, output }) => `${inputs[0]}:${inputs[1]}${inputs[2] === 1 ? '' : '?'}>${output}`);
    for (const s of students) {
      const doc = stored.get(`chat-${s.user.id}-user-${s.user.id}`);
      const expected = Array.from({ length: ROW_MESSAGES }, (_, m) =>
        Array.from({ length: ROWS_PER_MESSAGE }, (_, r) => rowOf(s.marker, m, r)),
      ).flat();
      expect
        .soft(places(doc?.rows).join(' '), `student ${s.marker}'s stored rows`)
        .toBe(places(expected).join(' '));
    }
    // No other document holds a student's rows (the exercise perceptrons hold the exercise's rows only).
    for (const [key, doc] of stored) {
      const owner = students.find((s) => key === `chat-${s.user.id}-user-${s.user.id}`);
      for (const row of doc.rows)
        if (!owner) expect.soft([key, row.inputs.length, (row.inputs[0] ?? 99) <= 1]).toEqual([key, 3, true]);
    }

    // Every training ended in exactly one result, on its own progress message; nobody's data mixed.
    for (const s of students) {
      const results = resultCalls(api, s.chat);
      expect.soft([s.marker, results.length]).toEqual([s.marker, s.trainings]);
      expect.soft(new Set(results.map((r) => r.messageId)).size).toBe(s.trainings);
      // Each result's table of rows shows the student's own rows only; the first, sent after all 20
      // rows, trained on all of them.
      const rowLines = (text: string) => text.split('\n').filter((line) => /^(<pre>)?\s*\d+│/u.test(line));
      // The table shows the first rows and says how many more there are.
      const rowsSeen = (text: string) =>
        rowLines(text).length + Number(/…and (\d+) more rows/u.exec(text)?.[1] ?? 0);
      for (const { text } of results.slice(0, -1))
        for (const line of rowLines(text))
          expect
            .soft(line, `student ${s.marker}`)
            .toMatch(new RegExp(`^(<pre>)?\\s*\\d+│\\s+${s.marker}\\s`, 'u'));
      expect
        .soft(rowsSeen(results[0]?.text ?? ''), `rows student ${s.marker}'s first training saw`)
        .toBe(ROW_MESSAGES * ROWS_PER_MESSAGE);
      expect.soft(s.predicted ?? '').toMatch(new RegExp(`^🔮 ${s.marker} 7 1 → `, 'u'));
      expect.soft(s.submitted ?? '').toMatch(/^📨 /u);
      // No training was cut off: the workers and the other instance carried every one to its end.
      const cutOff = api.messages(s.chat.id).filter((m) => m.text?.startsWith('⚠️ This training was cut off'));
      expect.soft(cutOff.length, `cut-off notices to student ${s.marker}`).toBe(0);
    }
    const stoppers = students.filter((s) => s.stops);
    const stopped = stoppers.filter((s) => resultCalls(api, s.chat).some((r) => r.text.startsWith('⏹')));
    expect.soft(stopped.length).toBeGreaterThan(0);

    // The exercise's results: one line per student, everyone who submitted.
    const [header, ...lines] = parseResultsCsv(csv);
    expect.soft(header?.slice(0, 2)).toEqual(['Place', 'Telegram ID']);
    const inFile = new Set(lines.map((l) => Number(l[1])));
    expect
      .soft(
        students.filter((s) => !inFile.has(s.user.id)).map((s) => s.user.id),
        'students missing from the results file',
      )
      .toEqual([]);
    expect.soft(lines).toHaveLength(STUDENTS);
  }, 300_000);
});
