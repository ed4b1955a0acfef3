import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRowErrors } from '../../src/bot/render/row-errors.js';
import type { FakeChat } from '../../src/dev/fake-bot-api.js';
import { ANONYMOUS_ADMIN } from '../../src/dev/fake-telegram-objects.js';
import { parseCsv } from '../helpers/csv.js';
import { createOwnTask, currentText, documentsIn, linkPayload } from '../helpers/exercise-kit.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
let groups = -9100;
beforeAll(async () => {
  bot = await startTestBot({ env: { EXERCISE_SUBMISSIONS: '2', EXERCISE_MAX_MINUTES: '90' } });
});
afterAll(() => bot.stop());

/** A new group with a teacher (an administrator) in it. */
function newClass(teacherLanguage = 'en'): { group: FakeChat; teacher: Member } {
  const group = bot.api.group(--groups, `Class ${-groups}`, 'supergroup');
  const teacher = bot.member(teacherLanguage);
  bot.api.setChatMember(group.id, teacher.user, 'administrator');
  return { group, teacher };
}

async function trainAnd(member: Member, chat: FakeChat): Promise<void> {
  await bot.say(member.user, chat, '/example and');
  await bot.edited(await bot.say(member.user, chat, '/train 3000'), (text) =>
    text.includes(member.t('train.outputs')),
  );
}

describe('who may run an exercise', () => {
  it('refuses every teacher command to a member who is not an administrator', async () => {
    const { group } = newClass();
    const student = bot.member('ru');
    for (const command of ['/exercise', '/exercise and', '/exercise end', '/results', '/quiet on'])
      expect([command, (await bot.say(student.user, group, command)).text]).toEqual([
        command,
        student.t('exercise.notAdmin'),
      ]);
  });

  it('lets the creator start one and an anonymous admin, posting as the group, end it', async () => {
    const group = bot.api.group(--groups, 'Anonymous class', 'supergroup');
    const owner = bot.member('en');
    bot.api.setChatMember(group.id, owner.user, 'creator');
    const announcement = await bot.say(owner.user, group, '/exercise or');
    expect(announcement.text).toContain('Exercise: OR');
    bot.api.sendText(group, ANONYMOUS_ADMIN, '/exercise end', { sender_chat: group });
    const notice = await bot.next(group);
    expect(notice.text).toBe(owner.t('exercise.end.csvSent', { name: owner.user.first_name }));
  });

  it('checks the task buttons against the presser', async () => {
    const { group, teacher } = newClass();
    const other = bot.member('en');
    const menu = await bot.say(teacher.user, group, '/exercise');
    expect(bot.api.buttons(menu).map((b) => b.text)).toEqual([
      'lesson',
      'and',
      'or',
      'nand',
      'not',
      'implies',
      'majority',
      'smileys',
      'xor',
    ]);
    expect(await bot.press(menu, 'xor', other.user)).toBe(other.t('press.notYours'));
    expect(await bot.pressRaw(menu, `xs|${other.user.id}|xor`, other.user)).toBeUndefined();
    expect((await bot.next(group)).text).toBe(other.t('exercise.notAdmin'));
    await bot.press(menu, 'xor', teacher.user);
    expect((await bot.next(group)).text).toContain('Exercise: XOR');
  });

  it('starts exercises in groups only', async () => {
    const member = bot.member('en');
    expect((await bot.say(member.user, member.chat, '/exercise and')).text).toBe(
      member.t('exercise.groupOnly'),
    );
  });
});

describe('bad input when starting', () => {
  it('gets a sentence for an unknown task, a bad or past deadline, one too long, and a second exercise', async () => {
    const { group, teacher } = newClass('ru');
    const { t } = teacher;
    const say = async (text: string) => (await bot.say(teacher.user, group, text)).text;
    const names = 'lesson, and, or, nand, not, implies, majority, smileys, xor';
    expect(await say('/exercise nope')).toBe(t('exercise.unknownTask', { name: 'nope', names }));
    expect(await say('/exercise EX-ZZZZZZZZ')).toBe(
      t('exercise.unknownTask', { name: 'EX-ZZZZZZZZ', names }),
    );
    expect(await say('/exercise and soon')).toBe(t('exercise.badDeadline.format', { text: 'soon', max: 90 }));
    expect(await say('/exercise and -5m')).toBe(
      t('exercise.badDeadline.notPositive', { text: '-5m', max: 90 }),
    );
    expect(await say('/exercise and 0m')).toBe(
      t('exercise.badDeadline.notPositive', { text: '0m', max: 90 }),
    );
    expect(await say('/exercise and 2h')).toBe(t('exercise.badDeadline.tooLong', { text: '2h', max: 90 }));
    expect(await say('/exercise and 20m')).toContain('⏰');
    expect(await say('/exercise or')).toBe(
      t('exercise.alreadyRunning', { title: t('exercise.tasks.and.title') }),
    );
    expect(await say('/exercise end')).toBe(t('exercise.end.csvSent', { name: teacher.user.first_name }));
    expect(await say('/exercise end')).toBe(t('exercise.end.nothing'));
  });

  it('refuses a deleted own task by name, and /myexercises lists only the owner’s tasks', async () => {
    const { group, teacher } = newClass();
    const code = await createOwnTask(bot, teacher, {
      title: 'Mine',
      statement: 'Two inputs.',
      rows: '0.5 0.25 -> 1\n0.25 0.5 -> 0',
    });
    const list = await bot.say(teacher.user, teacher.chat, '/myexercises');
    expect(list.text).toContain(code);
    const stranger = bot.member('en');
    expect((await bot.say(stranger.user, stranger.chat, '/myexercises')).text).toBe(
      stranger.t('exercise.mine.none'),
    );
    expect(await bot.pressRaw(list, `xd|${stranger.user.id}|${code}`, stranger.user)).toBe(
      stranger.t('exercise.mine.gone'),
    );
    await bot.press(list, teacher.t('exercise.buttons.delete', { code }), teacher.user);
    expect((await bot.next(teacher.chat)).text).toBe(teacher.t('exercise.mine.deleted', { code }));
    expect((await bot.say(teacher.user, group, `/exercise ${code}`)).text).toBe(
      teacher.t('exercise.deletedTask', { code }),
    );
  });

  it('walks /newexercise through bad titles, bad rows and an early /done, keeping the draft', async () => {
    const teacher = bot.member('en');
    const say = async (text: string) => (await bot.say(teacher.user, teacher.chat, text)).text;
    expect(await say('/newexercise')).toBe(teacher.t('exercise.create.askTitle', { max: 80 }));
    expect(await say('x'.repeat(81))).toBe(teacher.t('exercise.create.badTitle', { max: 80 }));
    expect(await say('Title')).toBe(teacher.t('exercise.create.askStatement', { max: 1500 }));
    expect(await say('/done')).toBe(teacher.t('exercise.create.noRows'));
    // 400 characters typed, 1,600 once escaped for HTML: over the 1,500 a statement may take.
    expect(await say('<'.repeat(400))).toBe(teacher.t('exercise.create.badStatement', { max: 1500 }));
    expect(await say('Statement')).toBe(teacher.t('exercise.create.askRows'));
    const mismatch = { code: 'width-mismatch', line: 2, text: '1 -> 0', expected: 2, actual: 1 } as const;
    expect(await say('1 2 -> 1\n1 -> 0')).toBe(renderRowErrors(teacher.t, [mismatch], false));
    expect(await say('1 2 -> 1')).toBe(teacher.t('exercise.create.rowsAdded', { total: '1 row' }));
    expect(await say('/cancel')).toBe(teacher.t('exercise.create.cancelled'));
    expect(await say('/myexercises')).toBe(teacher.t('exercise.mine.none'));
  });
});

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
    await trainAnd(student, group);
    expect((await bot.say(student.user, group, '/submit')).text).toBe(
      student.t('exercise.submit.inputs', { expected: '4 входа', actual: '3 входа', expectedNumber: 4 }),
    );
  });

  it('counts at most EXERCISE_SUBMISSIONS per student and says how many are left', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    await bot.say(teacher.user, group, '/exercise and');
    await trainAnd(student, group);
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
    await trainAnd(student, group);
    await bot.say(student.user, group, '/submit');
    await bot.say(student.user, student.chat, `/start ${linkPayload(bot, announcement)}`);
    expect((await bot.say(student.user, student.chat, '/data')).text).toBe(student.t('data.empty'));
    await trainAnd(student, student.chat);
    expect((await bot.say(student.user, student.chat, '/data')).text).toContain(
      student.t('exercise.currentTask', { title: 'AND' }),
    );
    bot.api.setChatMember(group.id, student.user, 'left');
    expect((await bot.say(student.user, student.chat, '/submit')).text).toBe(
      student.t('exercise.submit.notMember', { group: group.title }),
    );
    expect((await bot.say(student.user, student.chat, '/exercise leave')).text).toBe(
      student.t('exercise.left', { title: 'AND' }),
    );
    expect((await bot.say(student.user, student.chat, '/data')).text).toContain('1│ 0.5 → 1');
    await bot.say(teacher.user, group, '/exercise end');
    const [csv] = documentsIn(bot, teacher.user.id);
    expect(parseCsv(csv ?? '')[1]?.[1]).toBe(String(student.user.id));
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
    expect(parseCsv(files[0] ?? '')).toHaveLength(2);
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
