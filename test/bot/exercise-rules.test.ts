import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNotText } from '../../src/bot/kit/render/document-replies.js';
import { renderRowErrors, TASK_ROW_WORDING } from '../../src/bot/kit/render/row-errors.js';
import { ANONYMOUS_ADMIN } from '../../src/dev/fake-telegram-objects.js';
import { createClass, createOwnTask } from '../helpers/exercise-kit.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
let groups = -9100;
beforeAll(async () => {
  bot = await startTestBot({ env: { EXERCISE_SUBMISSIONS: '2', EXERCISE_MAX_MINUTES: '90' } });
});
afterAll(() => bot.stop());

const newClass = (teacherLanguage = 'en') => createClass(bot, --groups, teacherLanguage);

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

  it('takes the hidden rows from a CSV document too, and refuses a picture', async () => {
    const { group, teacher } = newClass();
    const say = async (text: string) => (await bot.say(teacher.user, teacher.chat, text)).text;
    await say('/newexercise');
    await say('From a file');
    await say('x1 larger than x2.');
    const upload = async (file_name: string, text: string, mime_type?: string) => {
      bot.api.uploadDocument(teacher.chat, teacher.user, {
        file_name,
        bytes: Buffer.from(text),
        ...(mime_type ? { mime_type } : {}),
      });
      return (await bot.next(teacher.chat)).text;
    };
    expect(await upload('face.png', 'PNG', 'image/png')).toBe(
      renderNotText(teacher.t, 'unsupported', 'face.png'),
    );
    const csv = 'x1,x2,bias,y\n0.931931,0.171717,1,1\n0.262626,0.848484,1,0\n';
    expect(await upload('hidden.csv', csv, 'text/csv')).toBe(
      teacher.t('exercise.create.rowsAdded', { total: '2 rows' }),
    );
    const narrow = await upload('narrow.csv', '0.5,1\n');
    expect(narrow).toContain(
      teacher.t('exercise.create.rowWidth', { line: 1, text: '0.5,1', expected: 3, actual: 1, count: 3 }),
    );
    expect(narrow).not.toContain('/clear');
    expect(await say('0.7 0.3 1 -> 1')).toBe(teacher.t('exercise.create.rowsAdded', { total: '3 rows' }));
    const code = /EX-[0-9A-Z]{8}/.exec((await say('/done')) ?? '')?.[0];
    const announcement = await bot.say(teacher.user, group, `/exercise ${code}`);
    expect(announcement.text).toContain('3 rows you do not see');
    const outgoing = bot.api.calls
      .filter((c) => c.method !== 'getUpdates')
      .map((c) => JSON.stringify(c.payload));
    for (const number of ['0.931931', '0.171717', '0.262626', '0.848484'])
      expect(outgoing.some((text) => text.includes(number)) ? number : '').toBe('');
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
    const refused = await say('1 2 -> 1\n1 -> 0');
    expect(refused).toBe(renderRowErrors(teacher.t, [mismatch], false, undefined, TASK_ROW_WORDING));
    // The fix named is the draft's own, never /clear, which would clear the teacher's dataset.
    expect(refused).toContain('/cancel');
    expect(refused).not.toContain('/clear');
    expect(await say('1 2 -> 1')).toBe(teacher.t('exercise.create.rowsAdded', { total: '1 row' }));
    expect(await say('/cancel')).toBe(teacher.t('exercise.create.cancelled'));
    expect(await say('/myexercises')).toBe(teacher.t('exercise.mine.none'));
  });
});
