import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import { ANONYMOUS_ADMIN } from '../../src/dev/fake-telegram-objects.js';
import { createClass, createOwnTask, documentsIn, linkPayload, trainAnd } from '../helpers/exercise-kit.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
let groups = -9500;
beforeAll(async () => {
  bot = await startTestBot({ env: { EXERCISE_SUBMISSIONS: '2' } });
});
afterAll(() => bot.stop());

const newClass = (teacherLanguage = 'en') => createClass(bot, --groups, teacherLanguage);

/** The run id in an announcement's [Work in private] link, which every member of the group can read. */
const runIdOf = (announcement: FakeMessage): string => linkPayload(bot, announcement).split('_')[1] ?? '';

/** Every sendDocument the bot made so far, to anyone. */
const documentsSent = () => bot.api.calls.filter((call) => call.method === 'sendDocument').length;

/** Ends the running exercise while the teacher has not started the bot: the [Get results] notice. */
async function endWithResultsButton(teacher: Member, group: FakeChat): Promise<FakeMessage> {
  const blocked = bot.api.failWith('sendDocument', (p) => Number(p.chat_id) === teacher.user.id, {
    error_code: 403,
    description: "Forbidden: bot can't initiate conversation with a user",
  });
  const notice = await bot.say(teacher.user, group, '/exercise end');
  blocked();
  return notice;
}

/** What getChatMember answers for a user the bot has never seen in a chat. */
function failMembership(user: FakeUser): () => void {
  return bot.api.failWith('getChatMember', (p) => Number(p.user_id) === user.id, {
    error_code: 400,
    description: 'Bad Request: user not found',
  });
}

/** A minute later: the statuses Telegram gave are asked again. */
const forgetStatuses = () => bot.app.deps.classroom.members.clear();

describe('the [Get results] button', () => {
  it('is refused to a student who writes their own id into it, and nothing is sent', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('ru');
    const announcement = await bot.say(teacher.user, group, '/exercise and');
    await trainAnd(bot, student, group);
    await bot.say(student.user, group, '/submit');
    const notice = await endWithResultsButton(teacher, group);
    const before = documentsSent();
    const forged = `xr|${student.user.id}|${runIdOf(announcement)}`;
    expect(await bot.pressRaw(notice, forged, student.user)).toBe(student.t('press.notYours'));
    await bot.settle();
    expect(documentsSent()).toBe(before);
    expect(documentsIn(bot, student.user.id)).toEqual([]);
  });

  it('is refused for a run of another group, even to an admin of the group it is pressed in', async () => {
    const first = newClass();
    const announcement = await bot.say(first.teacher.user, first.group, '/exercise or');
    await endWithResultsButton(first.teacher, first.group);
    const other = newClass();
    await bot.say(other.teacher.user, other.group, '/exercise and');
    const notice = await endWithResultsButton(other.teacher, other.group);
    const before = documentsSent();
    const forged = `xr|${other.teacher.user.id}|${runIdOf(announcement)}`;
    expect(await bot.pressRaw(notice, forged, other.teacher.user)).toBe(other.teacher.t('press.stale'));
    expect(documentsSent()).toBe(before);
  });

  it('works for the teacher and for another admin of the group', async () => {
    const { group, teacher } = newClass();
    const colleague = bot.member('en');
    bot.api.setChatMember(group.id, colleague.user, 'administrator');
    await bot.say(teacher.user, group, '/exercise and');
    const notice = await endWithResultsButton(teacher, group);
    const label = teacher.t('exercise.buttons.getResults');
    expect(await bot.press(notice, label, colleague.user)).toBe(colleague.t('exercise.end.csvDelivered'));
    expect(await bot.press(notice, label, teacher.user)).toBe(teacher.t('exercise.end.csvDelivered'));
    expect(documentsIn(bot, colleague.user.id)).toHaveLength(1);
    expect(documentsIn(bot, teacher.user.id)).toHaveLength(1);
  });
});

describe('an own task', () => {
  const ROWS = '0 0 1 -> 0\n0 1 1 -> 0\n1 0 1 -> 0\n1 1 1 -> 1';

  it('is started only by its owner, not by a student who is admin of a group of their own', async () => {
    const { teacher } = newClass();
    const code = await createOwnTask(bot, teacher, { title: 'Mine', statement: 'AND again.', rows: ROWS });
    const own = newClass('ru');
    const student = own.teacher;
    expect((await bot.say(student.user, own.group, `/exercise ${code}`)).text).toBe(
      student.t('exercise.notTaskOwner', { code }),
    );
    // Posting as the group, the sender is Telegram's anonymous account: nobody's own task.
    bot.api.sendText(own.group, ANONYMOUS_ADMIN, `/exercise ${code}`, { sender_chat: own.group });
    expect((await bot.next(own.group)).text).toBe(teacher.t('exercise.notTaskOwner', { code }));
  });

  it('tells its owner who may start it and how many submissions each student gets', async () => {
    const teacher = bot.member('en');
    await bot.say(teacher.user, teacher.chat, '/newexercise');
    await bot.say(teacher.user, teacher.chat, 'Told');
    await bot.say(teacher.user, teacher.chat, 'AND.');
    await bot.say(teacher.user, teacher.chat, ROWS);
    const done = (await bot.say(teacher.user, teacher.chat, '/done')).text ?? '';
    const code = /EX-[0-9A-Z]{8}/.exec(done)?.[0];
    expect(done).toBe(
      teacher.t('exercise.create.done', { title: 'Told', rows: '4 rows', code, submissions: 2 }),
    );
  });

  it('counts a student’s submissions across its runs', async () => {
    const { group, teacher } = newClass();
    const code = await createOwnTask(bot, teacher, { title: 'Twice', statement: 'AND.', rows: ROWS });
    const student = bot.member('en');
    await bot.say(teacher.user, group, `/exercise ${code}`);
    await trainAnd(bot, student, group);
    expect((await bot.say(student.user, group, '/submit')).text).toContain(
      student.t('exercise.submit.left', { count: 1 }),
    );
    expect((await bot.say(student.user, group, '/submit')).text).toContain(
      student.t('exercise.submit.left', { count: 0 }),
    );
    await bot.say(teacher.user, group, '/exercise end');
    await bot.say(teacher.user, group, `/exercise ${code}`);
    expect((await bot.say(student.user, group, '/submit')).text).toBe(
      student.t('exercise.submit.taskLimit', { limit: 2 }),
    );
    const classmate = bot.member('en');
    await trainAnd(bot, classmate, group);
    expect((await bot.say(classmate.user, group, '/submit')).text).toContain(
      classmate.t('exercise.submit.left', { count: 1 }),
    );
  });
});

describe('membership', () => {
  it('refuses /submit, /leaderboard and the link when Telegram answers getChatMember with an error', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('ru');
    const announcement = await bot.say(teacher.user, group, '/exercise and');
    const link = `/start ${linkPayload(bot, announcement)}`;
    await bot.say(student.user, student.chat, link);
    await trainAnd(bot, student, student.chat);
    const failing = failMembership(student.user);
    forgetStatuses();
    const tryAgain = student.t('exercise.access.checkFailed');
    expect((await bot.say(student.user, student.chat, '/submit')).text).toBe(tryAgain);
    expect((await bot.say(student.user, student.chat, '/leaderboard')).text).toBe(tryAgain);
    expect((await bot.say(student.user, student.chat, link)).text).toBe(tryAgain);
    failing();
    expect((await bot.say(student.user, student.chat, '/submit')).text).toMatch(/^📨/);
    const board = (await bot.say(teacher.user, group, '/leaderboard')).text ?? '';
    expect(board).toContain(teacher.t('exercise.board.title', { count: 1 }));
  });

  it('refuses /submit in the group too when Telegram cannot vouch for the sender', async () => {
    const { group, teacher } = newClass();
    const commenter = bot.member('en');
    await bot.say(teacher.user, group, '/exercise and');
    await trainAnd(bot, commenter, group);
    failMembership(commenter.user);
    expect((await bot.say(commenter.user, group, '/submit')).text).toBe(
      commenter.t('exercise.access.checkFailed'),
    );
    expect((await bot.say(teacher.user, group, '/leaderboard')).text).toContain(
      teacher.t('exercise.board.empty'),
    );
  });

  it('never lets an outsider in by the link, and nothing of the exercise is shown to them', async () => {
    const { group, teacher } = newClass();
    const outsider = bot.member('en');
    failMembership(outsider.user);
    const announcement = await bot.say(teacher.user, group, '/exercise majority');
    const answer = await bot.say(outsider.user, outsider.chat, `/start ${linkPayload(bot, announcement)}`);
    expect(answer.text).toBe(outsider.t('exercise.access.checkFailed'));
    expect(answer.text).not.toContain(group.title);
    expect((await bot.say(outsider.user, outsider.chat, '/submit')).text).toBe(
      outsider.t('exercise.submit.noExercisePrivate'),
    );
  });

  it('refuses the link and /leaderboard to one who left, and lets a restricted member take part', async () => {
    const { group, teacher } = newClass();
    const leaver = bot.member('en');
    const restricted = bot.member('ru');
    bot.api.setChatMember(group.id, restricted.user, 'restricted');
    const announcement = await bot.say(teacher.user, group, '/exercise and');
    const link = `/start ${linkPayload(bot, announcement)}`;
    await bot.say(leaver.user, leaver.chat, link);
    bot.api.setChatMember(group.id, leaver.user, 'left');
    forgetStatuses();
    expect((await bot.say(leaver.user, leaver.chat, '/leaderboard')).text).toBe(
      leaver.t('exercise.access.boardNotMember'),
    );
    expect((await bot.say(leaver.user, leaver.chat, link)).text).toBe(
      leaver.t('exercise.access.linkNotMember'),
    );
    const gone = bot.member('en');
    bot.api.setChatMember(group.id, gone.user, 'restricted', { isMember: false });
    expect((await bot.say(gone.user, gone.chat, link)).text).toBe(gone.t('exercise.access.linkNotMember'));
    expect((await bot.say(restricted.user, restricted.chat, link)).text).toContain('AND');
    await trainAnd(bot, restricted, restricted.chat);
    expect((await bot.say(restricted.user, restricted.chat, '/submit')).text).toMatch(/^📨/);
    // Still restricted, but out of the group.
    bot.api.setChatMember(group.id, restricted.user, 'restricted', { isMember: false });
    forgetStatuses();
    expect((await bot.say(restricted.user, restricted.chat, '/submit')).text).toBe(
      restricted.t('exercise.submit.notMember', { group: group.title }),
    );
  });
});

describe('the rows a submission counts', () => {
  it('are the rows the perceptron was trained on, not the rows left after /clear', async () => {
    const { group, teacher } = newClass();
    const first = bot.member('en');
    const second = bot.member('en');
    await bot.say(teacher.user, group, '/exercise and');
    await trainAnd(bot, first, group);
    await bot.say(first.user, group, '/submit');
    await trainAnd(bot, second, group);
    const ask = await bot.say(second.user, group, '/clear');
    await bot.press(ask, second.t('buttons.yesClear'), second.user);
    expect((await bot.next(group)).text).toBe(second.t('data.cleared'));
    await bot.say(second.user, group, '/submit');
    const board = (await bot.say(teacher.user, group, '/leaderboard')).text ?? '';
    const line = (place: number, who: Member) =>
      teacher.t('exercise.board.line', {
        place: `${place}.`,
        name: who.user.first_name,
        accuracy: '100',
        rows: '4 rows',
        epochs: '3,000 epochs',
      });
    expect(board).toContain(`${line(1, first)}\n${line(2, second)}`);
  });

  it('leave out rows added after the training', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    await bot.say(teacher.user, group, '/exercise and');
    await trainAnd(bot, student, group);
    await bot.say(student.user, group, '/add 0.5 0.5 1 -> 0\n0.9 0.9 1 -> 1');
    await bot.say(student.user, group, '/submit');
    expect((await bot.say(teacher.user, group, '/leaderboard')).text).toContain('100%, 4 rows');
  });
});

describe('an anonymous admin', () => {
  it('gets task buttons that the group’s admins may press, and other members may not', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    bot.api.sendText(group, ANONYMOUS_ADMIN, '/exercise', { sender_chat: group });
    const menu = await bot.next(group);
    expect(await bot.press(menu, 'and', student.user)).toBe(student.t('press.notYours'));
    expect(await bot.press(menu, 'and', teacher.user)).toBeUndefined();
    expect((await bot.next(group)).text).toContain('Exercise: AND');
  });

  it('gets results that an admin of the group can fetch with [Get results]', async () => {
    const { group, teacher } = newClass();
    const student = bot.member('en');
    bot.api.sendText(group, ANONYMOUS_ADMIN, '/exercise and', { sender_chat: group });
    expect((await bot.next(group)).text).toContain('Exercise: AND');
    bot.api.sendText(group, ANONYMOUS_ADMIN, '/exercise end', { sender_chat: group });
    const notice = await bot.next(group);
    const label = teacher.t('exercise.buttons.getResults');
    expect(await bot.press(notice, label, student.user)).toBe(student.t('press.notYours'));
    expect(await bot.press(notice, label, teacher.user)).toBe(teacher.t('exercise.end.csvDelivered'));
    expect(documentsIn(bot, teacher.user.id)).toHaveLength(1);
  });
});
