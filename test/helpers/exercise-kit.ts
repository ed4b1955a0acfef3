import type { FakeChat, FakeMessage, FakeUser } from '../../src/dev/fake-bot-api.js';
import type { Member } from './members.js';
import type { TestBot } from './test-bot.js';

/** Polls until `find` gives a value; for busy groups where "the next message" could be anyone's. */
export async function pollFor<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a text in a group and resolves with the bot's reply quoting it (with its text after edits). */
export async function askInGroup(
  bot: TestBot,
  user: FakeUser,
  group: FakeChat,
  text: string,
  done: (text: string) => boolean = () => true,
): Promise<FakeMessage> {
  const sent = bot.api.sendText(group, user, text);
  return pollFor(
    () =>
      bot.api
        .messages(group.id)
        .find((m) => m.reply_to_message?.message_id === sent.message_id && done(m.text ?? '')),
    `a reply to «${text}» by ${user.first_name}`,
  );
}

/** The /start payload of the announcement's [Work in private] link. */
export function linkPayload(bot: TestBot, announcement: FakeMessage): string {
  const url = bot.api.buttons(announcement).find((b) => b.url)?.url;
  if (!url) throw new Error('the announcement has no link button');
  const parsed = new URL(url);
  if (parsed.origin !== 'https://t.me' || parsed.pathname !== `/${bot.api.bot.username}`)
    throw new Error(`the link leads elsewhere: ${url}`);
  return parsed.searchParams.get('start') ?? '';
}

/** The current text of one of the bot's messages. */
export const currentText = (bot: TestBot, message: FakeMessage): string =>
  bot.api.messages(message.chat.id).find((m) => m.message_id === message.message_id)?.text ?? '';

/** The results documents the bot sent to a chat, as text. */
export const documentsIn = (bot: TestBot, chatId: number): string[] =>
  bot.api
    .messages(chatId)
    .filter((m) => m.document)
    .map((m) => bot.api.fileBytes(m).toString('utf8'));

/** Creates an own task through /newexercise in the teacher's private chat; resolves with its code. */
export async function createOwnTask(
  bot: TestBot,
  teacher: { user: FakeUser; chat: FakeChat },
  task: { title: string; statement: string; rows: string },
): Promise<string> {
  await bot.say(teacher.user, teacher.chat, '/newexercise');
  await bot.say(teacher.user, teacher.chat, task.title);
  await bot.say(teacher.user, teacher.chat, task.statement);
  await bot.say(teacher.user, teacher.chat, task.rows);
  const done = await bot.say(teacher.user, teacher.chat, '/done');
  const code = /EX-[0-9A-Z]{8}/.exec(done.text ?? '')?.[0];
  if (!code) throw new Error(`no code in «${done.text}»`);
  return code;
}

/** A new supergroup with a teacher, an administrator of it, in the given language. */
export function createClass(
  bot: TestBot,
  groupId: number,
  teacherLanguage = 'en',
): { group: FakeChat; teacher: Member } {
  const group = bot.api.group(groupId, `Class ${-groupId}`, 'supergroup');
  const teacher = bot.member(teacherLanguage);
  bot.api.setChatMember(group.id, teacher.user, 'administrator');
  return { group, teacher };
}

/** Loads /example and and trains it until the result is shown. */
export async function trainAnd(bot: TestBot, member: Member, chat: FakeChat): Promise<void> {
  await bot.say(member.user, chat, '/example and');
  await bot.edited(await bot.say(member.user, chat, '/train 3000'), (text) =>
    text.includes(member.t('train.outputs')),
  );
}
