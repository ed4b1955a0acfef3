import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/exercises/time-zone.js';
import { parseResultsCsv } from '../helpers/csv.js';
import { createClass, documentsIn, trainAnd } from '../helpers/exercise-kit.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { textsFor } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** The numbers a reply says, decimal commas and exponents read: the loss is one of them. */
const numbersIn = (text: string): number[] =>
  (text.match(/\d+(?:[.,]\d+)?(?:e[-+]?\d+)?/g) ?? []).map((n) => Number(n.replace(',', '.')));

/** A student with a Cyrillic name, as Telegram would send it. */
function russianStudent(id: number, name: string): Member {
  const user = bot.api.user(id, { first_name: name, language_code: 'ru' });
  return { user, chat: bot.api.privateChat(user), language: 'ru', t: textsFor('ru') };
}

/** Runs `and` in a new class with the zone set (if any), one student submitting; returns the file and times. */
async function runClass(groupId: number, language: 'en' | 'ru', zone: string | undefined) {
  const { group, teacher } = createClass(bot, groupId, language);
  await bot.say(teacher.user, teacher.chat, '/start');
  if (zone) await bot.say(teacher.user, group, `/timezone ${zone}`);
  const student = russianStudent(-groupId, 'Анна Петрова');
  const started = Date.now();
  await bot.say(teacher.user, group, '/exercise and');
  await bot.say(student.user, student.chat, '/start');
  await trainAnd(bot, student, group);
  const before = Date.now();
  await bot.say(student.user, group, '/submit');
  // The details, the loss among them, come in private to a student who started the bot.
  const reply = (await bot.next(student.chat, '📨')).text ?? '';
  const after = Date.now();
  await bot.say(teacher.user, group, '/exercise end');
  const file = bot.api.messages(teacher.user.id).find((m) => m.document);
  return {
    teacher,
    reply,
    started,
    before,
    after,
    name: file?.document?.file_name,
    csv: documentsIn(bot, teacher.user.id)[0] ?? '',
  };
}

describe('the results file opens in the teacher’s spreadsheet', () => {
  it('in Russian: a BOM, semicolons, Russian headers, percent and losses with a decimal comma, Moscow time', async () => {
    const run = await runClass(-9501, 'ru', 'Europe/Moscow');
    const [header, line, ...rest] = parseResultsCsv(run.csv, ';');
    expect(rest).toEqual([]);
    expect(header).toEqual([
      'Место',
      'ID в Telegram',
      'Имя',
      'Имя пользователя',
      'Отправлено решений',
      'Лучшая точность, %',
      'Потери',
      'Обучающих строк',
      'Эпох',
      'Первое решение (Europe/Moscow)',
      'Лучшее решение (Europe/Moscow)',
    ]);
    expect(line?.slice(0, 5)).toEqual(['1', '9501', 'Анна Петрова', '', '1']);
    // /example and learns and: every hidden row right.
    expect(line?.[5]).toBe('100');
    // Rounded: four decimals, or three significant digits below 0.001 (/example and ends near 0.0008).
    expect(line?.[6]).toMatch(/^0,(\d{1,4}|000\d{1,3})$/);
    expect(numbersIn(run.reply)).toContain(Number(line?.[6]?.replace(',', '.')));
    const window = [run.before, run.after].map((at) => formatDateTime(at, 'Europe/Moscow'));
    for (const time of line?.slice(9) ?? []) {
      expect(time >= (window[0] ?? '') && time <= (window[1] ?? '')).toBe(true);
      expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
    expect(run.name).toBe(`results-and-${formatDateTime(run.started, 'Europe/Moscow').slice(0, 10)}.csv`);
  });

  it('in English: a BOM, commas, English headers naming UTC, percent, rounded losses, UTC time', async () => {
    const run = await runClass(-9502, 'en', undefined);
    const [header, line] = parseResultsCsv(run.csv, ',');
    expect(header).toEqual([
      'Place',
      'Telegram ID',
      'Name',
      'Username',
      'Submissions',
      'Best accuracy, %',
      'Loss',
      'Training rows',
      'Epochs',
      'First submission (UTC)',
      'Best submission (UTC)',
    ]);
    expect(line?.slice(2, 6)).toEqual(['Анна Петрова', '', '1', '100']);
    expect(line?.[6]).toMatch(/^0\.(\d{1,4}|000\d{1,3})$/);
    expect(numbersIn(run.reply)).toContain(Number(line?.[6]));
    const window = [run.before, run.after].map((at) => formatDateTime(at, 'UTC'));
    for (const time of line?.slice(9) ?? [])
      expect(time >= (window[0] ?? '') && time <= (window[1] ?? '')).toBe(true);
  });

  it('on an offset clock given as +3', async () => {
    const run = await runClass(-9503, 'en', '+3');
    const [header, line] = parseResultsCsv(run.csv, ',');
    expect(header?.slice(9)).toEqual(['First submission (UTC+03:00)', 'Best submission (UTC+03:00)']);
    const window = [run.before, run.after].map((at) => formatDateTime(at, 'UTC+03:00'));
    for (const time of line?.slice(9) ?? [])
      expect(time >= (window[0] ?? '') && time <= (window[1] ?? '')).toBe(true);
  });
});
