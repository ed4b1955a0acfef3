import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResultsCsv } from '../helpers/csv.js';
import { createClass, currentText, documentsIn, linkPayload, trainAnd } from '../helpers/exercise-kit.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
let groups = -9300;
beforeAll(async () => {
  bot = await startTestBot({ env: { EXERCISE_SUBMISSIONS: '2', EXERCISE_MAX_MINUTES: '90' } });
});
afterAll(() => bot.stop());

const newClass = (teacherLanguage = 'en') => createClass(bot, --groups, teacherLanguage);

describe('submitting', () => {
  it('needs an exercise, a trained perceptron and the right number of inputs', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('ru');
    expect((await bot.say(student.user, group, '/submit')).text).toBe(
      student.t('exercise.submit.noExercise'),
    );
    expect((await bot.say(student.user, student.chat, '/submit')).text).toBe(
      student.t('exercise.submit.noExercisePrivate'),
    );
    await bot.say(teacher.user, group, '/exercise majority');
    expect((await bot.say(student.user, group, '/submit')).text).toBe(student.t('exercise.submit.untrained'));
    await trainAnd(bot, student, group);
    expect((await bot.say(student.user, group, '/submit')).text).toBe(
      student.t('exercise.submit.inputs', { expected: '4 входа', actual: '3 входа', expectedNumber: 4 }),
    );
  });

  it('counts at most EXERCISE_SUBMISSIONS per student and says how many are left', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    await bot.say(teacher.user, group, '/exercise and');
    await trainAnd(bot, student, group);
    expect((await bot.say(student.user, group, '/submit')).text).toContain(
      student.t('exercise.submit.left', { count: 1 }),
    );
    expect((await bot.say(student.user, group, '/submit')).text).toContain(
      student.t('exercise.submit.left', { count: 0 }),
    );
    expect((await bot.say(student.user, group, '/submit')).text).toBe(
      student.t('exercise.submit.limit', { limit: 2 }),
    );
    const board = await bot.say(student.user, group, '/leaderboard');
    expect(board.text).toContain(student.t('exercise.board.yours', { place: 1, total: 1, accuracy: '100' }));
  });

  it('refuses a student who left the group, keeping their place; /exercise leave brings their own data back', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    await bot.say(student.user, student.chat, '/add 0.5 -> 1');
    const announcement = await bot.say(teacher.user, group, '/exercise and');
    await trainAnd(bot, student, group);
    await bot.say(student.user, group, '/submit');
    await bot.say(student.user, student.chat, `/start ${linkPayload(bot, announcement)}`);
    expect((await bot.say(student.user, student.chat, '/data')).text).toBe(student.t('data.empty'));
    await trainAnd(bot, student, student.chat);
    expect((await bot.say(student.user, student.chat, '/data')).text).toContain(
      student.t('exercise.currentTask', { title: 'AND' }),
    );
    bot.api.setChatMember(group.id, student.user, 'left');
    // A minute later: what Telegram said of the student at their group /submit is asked again.
    bot.app.deps.classroom.members.clear();
    expect((await bot.say(student.user, student.chat, '/submit')).text).toBe(
      student.t('exercise.submit.notMember', { group: group.title }),
    );
    expect((await bot.say(student.user, student.chat, '/exercise leave')).text).toBe(
      student.t('exercise.left', { title: 'AND' }),
    );
    expect((await bot.say(student.user, student.chat, '/data')).text).toContain('1│ 0.5 → 1');
    await bot.say(teacher.user, group, '/exercise end');
    const [csv] = documentsIn(bot, teacher.user.id);
    expect(parseResultsCsv(csv ?? '')[1]?.[1]).toBe(String(student.user.id));
  });

  it('tells a link of an ended exercise apart from a link that leads nowhere', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    const announcement = await bot.say(teacher.user, group, '/exercise not');
    await bot.say(teacher.user, group, '/exercise end');
    const payload = linkPayload(bot, announcement);
    expect((await bot.say(student.user, student.chat, `/start ${payload}`)).text).toBe(
      student.t('exercise.linkEnded'),
    );
    const forged = payload.replace(/_.*/, '_ABCDEFGH');
    expect((await bot.say(student.user, student.chat, `/start ${forged}`)).text).toBe(
      student.t('exercise.linkUnknown'),
    );
    expect((await bot.say(student.user, student.chat, '/start')).text).toBe(student.t('start.text'));
  });
});

describe('the end and the results file', () => {
  it('explains xor, and offers [Get results] when the teacher has not started the bot', async () => {
    const { group, teacher } = newClass();
    const announcement = await bot.say(teacher.user, group, '/exercise xor');
    const student = bot.member('en');
    await bot.say(student.user, group, '/example xor');
    await bot.edited(await bot.say(student.user, group, '/train 2000'), (text) =>
      text.includes(student.t('train.outputs')),
    );
    expect((await bot.say(student.user, group, '/submit')).text).toMatch(/^📨 (50|75)%/);
    const blocked = bot.api.failWith('sendDocument', (p) => Number(p.chat_id) === teacher.user.id, {
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    const notice = await bot.say(teacher.user, group, '/exercise end');
    expect(notice.text).toBe(
      teacher.t('exercise.end.csvStartFirst', { name: teacher.user.first_name, bot: bot.api.bot.username }),
    );
    await bot.settle();
    expect(currentText(bot, announcement)).toContain(teacher.t('exercise.tasks.xor.explanation'));
    expect(await bot.press(notice, teacher.t('exercise.buttons.getResults'), student.user)).toBe(
      student.t('press.notYours'),
    );
    expect(await bot.press(notice, teacher.t('exercise.buttons.getResults'), teacher.user)).toBe(
      teacher.t('exercise.end.csvStillBlocked'),
    );
    blocked();
    expect(await bot.press(notice, teacher.t('exercise.buttons.getResults'), teacher.user)).toBe(
      teacher.t('exercise.end.csvDelivered'),
    );
    expect(documentsIn(bot, teacher.user.id)).toHaveLength(1);
    expect((await bot.say(teacher.user, group, '/results')).text).toBe(
      teacher.t('exercise.end.csvSent', { name: teacher.user.first_name }),
    );
    const files = documentsIn(bot, teacher.user.id);
    expect(files).toHaveLength(2);
    expect(files[1]).toBe(files[0]);
    expect(parseResultsCsv(files[0] ?? '')).toHaveLength(2);
  });

  it('speaks the teacher’s language in the announcement and the final table', async () => {
    const { group, teacher } = newClass('ru');
    const announcement = await bot.say(teacher.user, group, '/exercise smileys');
    expect(announcement.text).toContain('Задание: Весёлый или грустный смайлик');
    expect(announcement.text).toContain('В строке 6 входов.');
    await bot.say(teacher.user, group, '/exercise end');
    await bot.settle();
    expect(currentText(bot, announcement)).toContain(teacher.t('exercise.announce.ended'));
    expect(currentText(bot, announcement)).toContain(teacher.t('exercise.board.empty'));
  });
});

describe('quiet groups', () => {
  it('confirm rows with a reaction and report a training in one line', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    expect((await bot.say(teacher.user, group, '/quiet')).text).toBe(
      teacher.t('exercise.quiet.usage', { state: teacher.t('exercise.quiet.stateOff') }),
    );
    expect((await bot.say(teacher.user, group, '/quiet on')).text).toBe(teacher.t('exercise.quiet.on'));
    const before = bot.api.messages(group.id).length;
    const rows = bot.api.sendText(group, student.user, '/add 0 0 1 -> 0\n1 1 1 -> 1');
    await bot.settle();
    expect(bot.api.messages(group.id)).toHaveLength(before);
    expect(
      bot.api.calls.some(
        (c) => c.method === 'setMessageReaction' && Number(c.payload.message_id) === rows.message_id,
      ),
    ).toBe(true);
    const result = await bot.say(student.user, group, '/train 100');
    expect(result.text).toMatch(/^✅ Trained 100 epochs: loss [\d.]+, accuracy \d+%\.$/);
    await bot.settle();
    expect(bot.api.messages(group.id)).toHaveLength(before + 1);
    expect((await bot.say(teacher.user, group, '/quiet off')).text).toBe(teacher.t('exercise.quiet.off'));
    expect((await bot.say(student.user, group, '/add 0 1 1 -> 0')).text).toBe(
      student.t('rows.added', { count: 1, total: 3 }),
    );
  });
});
