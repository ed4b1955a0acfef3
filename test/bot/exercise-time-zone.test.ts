import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { wallTime } from '../../src/exercises/time-zone.js';
import { createClass } from '../helpers/exercise-kit.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
let groups = -9300;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const newClass = (teacherLanguage = 'en') => createClass(bot, --groups, teacherLanguage);
const hhmm = (ms: number, zone: string) => {
  const w = wallTime(ms, zone);
  return `${w.hour}:${w.minute}`;
};

/**
 * Sends a text and returns the reply with the bot's clock read before and after it: a text that names
 * the time now is right if it names either (the minute may turn while the bot answers).
 */
async function sayTimed(user: FakeUser, chat: FakeChat, text: string) {
  const before = Date.now();
  const reply = (await bot.say(user, chat, text)).text ?? '';
  return { reply, times: [before, Date.now()] as const };
}

/** The texts a reply may be, one for each moment of `times`. */
const eitherOf = (times: readonly [number, number], render: (at: number) => string) => times.map(render);

describe('/timezone', () => {
  it('is refused to members who are not administrators, in their language, and outside groups', async () => {
    const { group, teacher } = newClass();
    const [student, colleague] = [bot.member('ru'), bot.member('en')];
    for (const member of [student, colleague])
      for (const command of ['/timezone', '/timezone Europe/Moscow'])
        expect((await bot.say(member.user, group, command)).text).toBe(member.t('exercise.notAdmin'));
    expect((await bot.say(student.user, student.chat, '/timezone +3')).text).toBe(
      student.t('exercise.timeZone.groupOnly'),
    );
    const { reply, times } = await sayTimed(teacher.user, group, '/timezone');
    expect(
      eitherOf(times, (at) => teacher.t('exercise.timeZone.currentDefault', { time: hhmm(at, 'UTC') })),
    ).toContain(reply);
  });

  it('takes an IANA name in any case, offsets as +3 or UTC+03:00, and UTC back', async () => {
    const { group, teacher } = newClass('ru');
    const { t } = teacher;
    const set = async (text: string, zone: string) => {
      const { reply, times } = await sayTimed(teacher.user, group, `/timezone ${text}`);
      expect(eitherOf(times, (at) => t('exercise.timeZone.set', { zone, time: hhmm(at, zone) }))).toContain(
        reply,
      );
    };
    const current = async (
      key: 'exercise.timeZone.current' | 'exercise.timeZone.currentDefault',
      zone: string,
    ) => {
      const { reply, times } = await sayTimed(teacher.user, group, '/timezone');
      expect(eitherOf(times, (at) => t(key, { zone, time: hhmm(at, zone) }))).toContain(reply);
    };
    await set('europe/moscow', 'Europe/Moscow');
    await current('exercise.timeZone.current', 'Europe/Moscow');
    await set('+3', 'UTC+03:00');
    await set('UTC+03:00', 'UTC+03:00');
    await set('-05:30', 'UTC-05:30');
    await current('exercise.timeZone.current', 'UTC-05:30');
    await set('UTC', 'UTC');
    await current('exercise.timeZone.currentDefault', 'UTC');
  });

  it('refuses what is not a zone with a sentence that says how to write one, and keeps the zone set', async () => {
    const { group, teacher } = newClass('ru');
    await bot.say(teacher.user, group, '/timezone Asia/Novosibirsk');
    for (const text of ['Moscow', 'Mars/Olympus_Mons', '+15', 'UTC+3:75'])
      expect((await bot.say(teacher.user, group, `/timezone ${text}`)).text).toBe(
        teacher.t('exercise.timeZone.bad', { text }),
      );
    expect(teacher.t('exercise.timeZone.bad', { text: 'x' })).toContain('Europe/Moscow');
    expect((await bot.say(teacher.user, group, '/timezone')).text).toContain('Asia/Novosibirsk');
  });
});

describe('the deadline on the class clock', () => {
  it('shows the end in the group zone and the minutes left, counting down as they pass', async () => {
    const { group, teacher } = newClass('ru');
    await bot.say(teacher.user, group, '/timezone Europe/Moscow');
    const before = Date.now();
    // 61 s: two minutes are left at first (a started one counts), one a second later.
    const announcement = await bot.say(teacher.user, group, '/exercise and 61s');
    const after = Date.now();
    const line = (announcement.text ?? '').split('\n').find((l) => l.startsWith('⏰'));
    const ends = [before, after].map((at) => hhmm(at + 61_000, 'Europe/Moscow'));
    expect(ends.map((end) => `⏰ До ${end} (Europe/Moscow), ещё 2 минуты.`)).toContain(line);
    const counted = await bot.edited(announcement, (text) => text.includes('ещё 1 минута.'), 5_000);
    expect(counted.text).toContain('(Europe/Moscow)');
    await bot.say(teacher.user, group, '/exercise end');
  });

  it('moves to a zone set while the exercise runs, on the announcement and the leaderboard', async () => {
    const { group, teacher } = newClass();
    const before = Date.now();
    const announcement = await bot.say(teacher.user, group, '/exercise or 5m');
    const after = Date.now();
    const atUtc = [before, after].map(
      (at) => `⏰ Ends at ${hhmm(at + 300_000, 'UTC')} (UTC), 5 minutes left.`,
    );
    expect(atUtc).toContain(announcement.text?.split('\n').find((l) => l.startsWith('⏰')));
    await bot.say(teacher.user, group, '/timezone +3');
    const atPlus3 = [before, after].map((at) => `⏰ Ends at ${hhmm(at + 300_000, 'UTC+03:00')} (UTC+03:00)`);
    const moved = await bot.edited(
      announcement,
      (text) => atPlus3.some((line) => text.includes(line)),
      5_000,
    );
    expect(moved.text).toContain('5 minutes left.');
    const student = bot.member('ru');
    const board = (await bot.say(student.user, group, '/leaderboard')).text ?? '';
    const ends = [before, after].map(
      (at) => `⏰ До ${hhmm(at + 300_000, 'UTC+03:00')} (UTC+03:00), ещё 5 минут.`,
    );
    // The group's board speaks the asker's language, on the group's clock.
    expect(ends).toContain(board.split('\n')[0]);
    expect(board).toContain(student.t('exercise.board.empty'));
    await bot.say(teacher.user, group, '/exercise end');
  });
});

describe('a group time zone', () => {
  const bots = useRestartingBots();

  it('is kept across a restart', async () => {
    const dataDir = bots.folder();
    const first = await bots.start(dataDir);
    const group = first.api.group(-9399, 'Kept class', 'supergroup');
    const teacher = first.api.user(9399, { first_name: 'Teacher', language_code: 'en' });
    first.api.setChatMember(group.id, teacher, 'administrator');
    await first.say(teacher, group, '/timezone Asia/Yekaterinburg');
    await bots.stop(first);
    const second = await bots.start(dataDir);
    second.api.group(group.id, 'Kept class', 'supergroup');
    second.api.setChatMember(group.id, teacher, 'administrator');
    expect((await second.say(teacher, group, '/timezone')).text).toContain('Asia/Yekaterinburg');
  });
});
