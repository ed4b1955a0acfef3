import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NumpyRandom } from '../src/core/numpy-random.js';
import type { FakeBotApi, FakeChat, FakeMessage, FakeUser } from '../src/dev/fake-bot-api.js';
import { startBenchBot } from './bench-bot.js';

/** One simulated student in a private chat with the bot; rows is what the bot last said they have. */
export interface Student {
  user: FakeUser;
  chat: FakeChat;
  rows: number;
}

/** The class of the storm benchmarks (class-storm, app, scale): this many students, rows of this many inputs. */
export const STUDENTS = 30;
export const INPUTS = 32;
/** The bot's default limit on one training (rows x inputs x epochs): a storm's trainings each take all of it. */
export const MAX_COST = 160_000_000;
/** How long a student of a storm thinks between two messages, at least and at most (ms). */
export const THINK_MS: [number, number] = [300, 900];

/** The limiter options that take message pacing out of the measurement: 20 ms per chat, 1000 calls/s. */
export const FAST_OUTGOING = { privateIntervalMs: 20, globalPerSecond: 1000 };

/** Students are many messages a minute in a benchmark; the flood limit is not what is measured. */
export const NO_FLOOD_LIMIT = { MESSAGES_PER_MINUTE: '10000' };

/** The project's own seeded generator (numpy's MT19937), so every run sends the same data. */
export function createRandom(seed: number): () => number {
  const generator = new NumpyRandom(seed);
  return () => generator.random();
}

export function createStudents(api: FakeBotApi, count: number, firstId: number): Student[] {
  return Array.from({ length: count }, (_, i) => {
    const user = api.user(firstId + i, { language_code: 'en' });
    return { user, chat: api.privateChat(user), rows: 0 };
  });
}

/** `n` random 0/1 inputs separated by spaces. */
export function randomBits(random: () => number, n: number): string {
  return Array.from({ length: n }, () => (random() < 0.5 ? '0' : '1')).join(' ');
}

/** Random 0/1 rows packed into as few `/add` messages as fit in maxLength characters each. */
export function makeAddMessages(
  random: () => number,
  rows: number,
  inputs: number,
  maxLength = 4096,
): string[] {
  const messages: string[] = [];
  let current = '/add';
  for (let i = 0; i < rows; i++) {
    const line = `${randomBits(random, inputs)} -> ${random() < 0.5 ? 0 : 1}`;
    if (current.length + 1 + line.length > maxLength) {
      messages.push(current);
      current = '/add';
    }
    current += `${current === '/add' ? ' ' : '\n'}${line}`;
  }
  if (current !== '/add') messages.push(current);
  return messages;
}

/** The training's own messages: its progress message and its result. */
export function isTrainingText(text: string): boolean {
  return /^(🧠|✅ Trained|⏹)/u.test(text);
}

/** Sends text as the student; resolves with the time until the bot's next message that is not a training's. */
export async function ask(
  api: FakeBotApi,
  student: Student,
  text: string,
  timeoutMs = 180_000,
): Promise<{ ms: number; text: string }> {
  const sentAt = performance.now();
  api.sendText(student.chat, student.user, text);
  // The picture that follows a training (a photo, no text) answers no probe.
  const isReply = (m: FakeMessage) => m.text !== undefined && !isTrainingText(m.text);
  const reply = await api.waitForMessage(student.chat.id, isReply, timeoutMs);
  const ms = performance.now() - sentAt;
  const total = /Rows now: (\d+)/.exec(reply.text ?? '');
  if (total) student.rows = Number(total[1]);
  return { ms, text: reply.text ?? '' };
}

/** A training's result, or the bot's refusal to start one (no data, bad epochs, too costly, already running). */
const TRAIN_OUTCOME = /^(✅ Trained|⏹|There is nothing to learn|«|That is too much work|You are training)/u;

/** Sends `/train <epochs>` and resolves with the result's text once the progress message has become it. */
export async function trainAndWait(api: FakeBotApi, student: Student, epochs: number): Promise<string> {
  api.sendText(student.chat, student.user, `/train ${epochs}`);
  const result = await api.waitForMessage(student.chat.id, (m) => TRAIN_OUTCOME.test(m.text ?? ''), 180_000);
  return result.text ?? '';
}

/**
 * A data folder where every student has `rows` random rows of `inputs` inputs and weights trained for one
 * epoch, made through the bot (fast pacing); copy it with copyDataDir for each run.
 */
export async function prepareClass(
  api: FakeBotApi,
  students: Student[],
  rows: number,
  inputs: number,
  seed: number,
): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'perceptron-bench-'));
  const bot = await startBenchBot({ api, dataDir, outgoing: FAST_OUTGOING, env: NO_FLOOD_LIMIT });
  await Promise.all(
    students.map(async (student, i) => {
      for (const message of makeAddMessages(createRandom(seed + i), rows, inputs)) {
        const { text } = await ask(api, student, message);
        if (!text.startsWith('✅ Added')) throw new Error(`setup: /add was answered ${JSON.stringify(text)}`);
      }
      const result = await trainAndWait(api, student, 1);
      if (!result.startsWith('✅ Trained'))
        throw new Error(`setup: /train 1 ended ${JSON.stringify(result)}`);
    }),
  );
  await bot.stop();
  return dataDir;
}

/** A fresh copy of a prepared data folder, so every run starts from the same files. */
export async function copyDataDir(source: string): Promise<string> {
  const target = await mkdtemp(join(tmpdir(), 'perceptron-bench-run-'));
  await cp(source, target, { recursive: true });
  return target;
}

/**
 * A storm's class: STUDENTS students (ids from `firstId`) and a data folder where each has `rows` random
 * rows of INPUTS inputs trained for one epoch (copy it with copyDataDir for each run), with the set-up's time.
 */
export async function setUpClass(
  api: FakeBotApi,
  firstId: number,
  rows: number,
  seed: number,
): Promise<{ students: Student[]; prepared: string; setupMs: number }> {
  const students = createStudents(api, STUDENTS, firstId);
  const started = performance.now();
  const prepared = await prepareClass(api, students, rows, INPUTS, seed);
  return { students, prepared, setupMs: performance.now() - started };
}
