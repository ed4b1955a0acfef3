import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResultsCsv } from '../helpers/csv.js';
import { documentsIn, linkPayload, trainAnd } from '../helpers/exercise-kit.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

describe('a class group that becomes a supergroup during an exercise', () => {
  it('keeps the exercise: submissions from the group and from private, the standings and the file', async () => {
    const group = bot.api.group(-7301, 'Class 3', 'group');
    const supergroup = bot.api.group(-1_000_000_007_301, 'Class 3', 'supergroup');
    const teacher = bot.member('en');
    const [ann, boris] = [bot.member('en'), bot.member('ru')];
    for (const chat of [group, supergroup]) bot.api.setChatMember(chat.id, teacher.user, 'administrator');
    const announcement = await bot.say(teacher.user, group, '/exercise and 1h');
    await trainAnd(bot, ann, group);
    await bot.say(ann.user, group, '/submit');
    await bot.say(boris.user, boris.chat, `/start ${linkPayload(bot, announcement)}`);
    await trainAnd(bot, boris, boris.chat);

    const date = Math.floor(Date.now() / 1000);
    const message = {
      message_id: 880_001,
      date,
      chat: group,
      from: teacher.user,
      migrate_to_chat_id: supergroup.id,
    };
    bot.api.sendUpdate({ message } as never);
    await bot.settle();

    await trainAnd(bot, ann, supergroup);
    expect((await bot.say(ann.user, supergroup, '/submit')).text).toContain(
      ann.t('exercise.submit.left', { count: 8 }),
    );
    expect((await bot.say(boris.user, boris.chat, '/submit')).text).toContain(
      boris.t('exercise.submit.left', { count: 9 }),
    );
    expect((await bot.say(ann.user, supergroup, '/leaderboard')).text).toContain(
      ann.t('exercise.board.title', { count: 2 }),
    );
    expect((await bot.say(ann.user, group, '/submit')).text).toBe(ann.t('exercise.submit.noExercise'));
    await bot.say(teacher.user, supergroup, '/exercise end');
    const lines = parseResultsCsv(documentsIn(bot, teacher.user.id)[0] ?? '').slice(1);
    expect(lines.map((l) => [l[1], l[4]]).sort()).toEqual(
      [
        [String(ann.user.id), '2'],
        [String(boris.user.id), '1'],
      ].sort(),
    );
  });

  it('keeps the time zone an admin set, with no exercise run yet', async () => {
    const group = bot.api.group(-7302, 'Class 4', 'group');
    const supergroup = bot.api.group(-1_000_000_007_302, 'Class 4', 'supergroup');
    const teacher = bot.member('en');
    for (const chat of [group, supergroup]) bot.api.setChatMember(chat.id, teacher.user, 'administrator');
    await bot.say(teacher.user, group, '/timezone Europe/Samara');
    const message = {
      message_id: 880_002,
      date: Math.floor(Date.now() / 1000),
      chat: group,
      from: teacher.user,
      migrate_to_chat_id: supergroup.id,
    };
    bot.api.sendUpdate({ message } as never);
    await bot.settle();
    expect((await bot.say(teacher.user, supergroup, '/timezone')).text).toContain('Europe/Samara');
  });
});
