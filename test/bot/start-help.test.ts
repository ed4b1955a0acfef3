import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_DESCRIPTIONS, COMMANDS } from '../../src/bot/kit/command-list.js';
import { SCREEN_LIMIT } from '../../src/bot/kit/reply.js';
import type { FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { ANONYMOUS_ADMIN } from '../../src/dev/fake-telegram-objects.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { textsFor } from '../helpers/texts.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const labels = (bot: TestBot, message: { reply_markup?: unknown }) =>
  bot.api.buttons(message as never).map((b) => b.text);

/** /help, then the part its button `label` shows. */
async function helpPart(user: FakeUser, chat: FakeChat, label: string) {
  const help = await bot.say(user, chat, '/help');
  await bot.press(help, label, user);
  return bot.next(chat);
}

describe.each(['en', 'ru'])('/start and /help for a user whose Telegram speaks %s', (language) => {
  it('/start greets with three steps and offers the guided lesson, the lesson’s rows and help', async () => {
    const { user, chat, t } = bot.member(language);
    const reply = await bot.say(user, chat, '/start');
    expect(reply.text).toBe(t('start.text'));
    expect(reply.text?.split('\n').filter((line) => /^\d\. /.test(line))).toHaveLength(3);
    expect(labels(bot, reply)).toEqual([
      t('lesson.buttons.open'),
      t('buttons.loadLesson'),
      t('buttons.help'),
    ]);
  });

  it("the lesson button loads the lesson's four rows", async () => {
    const { user, chat, t } = bot.member(language);
    const start = await bot.say(user, chat, '/start');
    await bot.press(start, t('buttons.loadLesson'), user);
    const loaded = await bot.next(chat);
    expect(loaded.text).toContain(
      t('example.loaded', { name: 'lesson', count: 4, description: t('examples.lesson.description') }),
    );
    expect((await bot.say(user, chat, '/data')).text).toContain('4│ 0 1 1 → 0');
  });

  it('the help button shows the same help as /help', async () => {
    const { user, chat, t } = bot.member(language);
    const start = await bot.say(user, chat, '/start');
    await bot.press(start, t('buttons.help'), user);
    const fromButton = await bot.next(chat);
    const fromCommand = await bot.say(user, chat, '/help');
    expect(fromButton.text).toBe(fromCommand.text);
    expect(fromButton.text).toContain(t('help.title'));
  });

  it('/help fits a phone’s screen: the main commands and the row format, with buttons for the rest', async () => {
    const { user, chat, t } = bot.member(language);
    const help = await bot.say(user, chat, '/help');
    const text = help.text ?? '';
    expect(text.length).toBeLessThanOrEqual(SCREEN_LIMIT);
    expect(text.startsWith(t('help.title'))).toBe(true);
    expect(text).toContain(t('help.rowFormat'));
    expect(text).toContain(`/train — ${t('commands.train')}`);
    expect(text).not.toContain(`/exercise — `);
    expect(labels(bot, help)).toEqual([t('help.buttons.teacher'), t('help.buttons.more')]);
  });

  it('[For teachers] and [More] show the other parts; each command is in exactly one part', async () => {
    const { user, chat, t } = bot.member(language);
    const student = (await bot.say(user, chat, '/help')).text ?? '';
    const teacher = await helpPart(user, chat, t('help.buttons.teacher'));
    expect(teacher.text?.startsWith(t('help.teacherTitle'))).toBe(true);
    expect(teacher.text).toContain(t('exercise.board.ranking'));
    expect(labels(bot, teacher)).toEqual([t('help.buttons.student'), t('help.buttons.more')]);
    const more = await helpPart(user, chat, t('help.buttons.more'));
    expect(more.text?.startsWith(t('help.moreTitle'))).toBe(true);
    await bot.press(more, t('help.buttons.student'), user);
    expect((await bot.next(chat)).text).toBe(student);
    const parts = [student, teacher.text ?? '', more.text ?? ''];
    for (const command of COMMANDS) {
      const line = `/${command} — ${t(COMMAND_DESCRIPTIONS[command])}`;
      expect([command, parts.filter((part) => part.includes(line)).length]).toEqual([command, 1]);
    }
  });

  it("/help's part for teachers says that anonymous admins share one perceptron, in a group too", async () => {
    const { user, chat, t } = bot.member(language);
    const group = bot.api.group(language === 'ru' ? -7702 : -7701, 'Class');
    const note = `${t('help.groupNote')}\n${t('groupHelp.anonymous')}`;
    expect((await helpPart(user, chat, t('help.buttons.teacher'))).text).toContain(note);
    expect((await helpPart(user, group, t('help.buttons.teacher'))).text).toContain(note);
    expect(t('groupHelp.anonymous')).toMatch(
      language === 'ru' ? /Анонимные администраторы/ : /Anonymous admins/,
    );
  });
});

describe("/help's part for teachers and the teacher's guide", () => {
  const docsUrl = 'https://example.org/perceptron-bot/blob/main/docs/';
  let withDocs: TestBot;
  beforeAll(async () => {
    withDocs = await startTestBot({ env: { DOCS_URL: docsUrl } });
  });
  afterAll(() => withDocs.stop());

  it.each([
    ['en', 'teacher.md'],
    ['ru', 'teacher.ru.md'],
  ])(
    'links the guide in the teacher’s language (%s: %s) when DOCS_URL says where docs/ is',
    async (language, page) => {
      const { user, chat, t } = withDocs.member(language);
      const help = await withDocs.say(user, chat, '/help');
      await withDocs.press(help, t('help.buttons.teacher'), user);
      const teacher = (await withDocs.next(chat)).text ?? '';
      expect(teacher.split('\n\n').at(-1)).toBe(t('help.teacherGuide', { url: `${docsUrl}${page}` }));
      expect(teacher).toContain(`${docsUrl}${page}`);
      expect(teacher.length).toBeLessThanOrEqual(SCREEN_LIMIT);
      expect(help.text).not.toContain(docsUrl);
    },
  );

  it.each(['en', 'ru'])('says nothing of a guide without DOCS_URL (%s)', async (language) => {
    const { user, chat, t } = bot.member(language);
    const teacher = (await helpPart(user, chat, t('help.buttons.teacher'))).text ?? '';
    expect(teacher.split('\n\n').at(-1)).toBe(`${t('help.groupNote')}\n${t('groupHelp.anonymous')}`);
    expect(teacher).not.toMatch(/teacher(\.ru)?\.md|https?:/);
  });
});

describe('anonymous admins of a group', () => {
  it('add to one shared perceptron, as /help says: Telegram sends them all as GroupAnonymousBot', async () => {
    const group = bot.api.group(-7703, 'Class');
    const t = textsFor('en');
    bot.api.sendText(group, ANONYMOUS_ADMIN, '/add 0 0 1 -> 0', { sender_chat: group });
    expect((await bot.api.waitForMessage(group.id)).text).toBe(t('rows.added', { count: 1, total: 1 }));
    bot.api.sendText(group, ANONYMOUS_ADMIN, '/add 1 1 1 -> 1', { sender_chat: group });
    expect((await bot.api.waitForMessage(group.id)).text).toBe(t('rows.added', { count: 1, total: 2 }));
  });
});

describe('/help names every limit with its number, under [More]', () => {
  it('in English, with English digit grouping', async () => {
    const { user, chat, t } = bot.member('en');
    const text = (await helpPart(user, chat, t('help.buttons.more'))).text ?? '';
    expect(text).toContain(
      '<b>Limits</b>: 1,000 rows, 32 inputs, 100,000 epochs per /train, rows × inputs × epochs up to 160,000,000 (the bias counts as an input), 4,096 characters per message, 10,000 messages a minute, one training at a time.',
    );
  });

  it('in Russian, with Russian digit grouping', async () => {
    const { user, chat, t } = bot.member('ru');
    const text = (await helpPart(user, chat, t('help.buttons.more'))).text ?? '';
    const n = (digits: string) => digits.replaceAll(' ', '\u00a0');
    expect(text).toContain(
      `<b>Ограничения</b>: строк — до ${n('1 000')}, входов — до 32, эпох за одну команду /train — до ${n('100 000')}, ` +
        `строки × входы × эпохи — до ${n('160 000 000')} (смещение считается входом), символов в сообщении — до ${n('4 096')}, ` +
        `сообщений в минуту — до ${n('10 000')}, обучение одно за раз.`,
    );
  });
});

describe('a Telegram language other than en or ru', () => {
  it('gets the default language, English', async () => {
    const { user, chat } = bot.member('de');
    expect((await bot.say(user, chat, '/start')).text).toContain('I am one artificial neuron');
  });

  it('and so does a user without a language', async () => {
    const { user, chat } = bot.member(undefined);
    expect((await bot.say(user, chat, '/start')).text).toContain('I am one artificial neuron');
  });
});
