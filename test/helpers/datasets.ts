import { expect } from 'vitest';
import type { FakeChat, FakeMessage } from '../../src/dev/fake-bot-api.js';
import type { Member } from './members.js';
import type { TestBot } from './test-bot.js';

/** One of 100 rows of 32 inputs each (0 or 1): a dataset whose training is real work. */
function wideRow(r: number): string {
  const inputs = Array.from({ length: 32 }, (_, i) => ((r * 7 + i * 3) % 5) % 2);
  return `${inputs.join(' ')} -> ${r % 2}`;
}

/** Sends the 100 wide rows in two messages (one would be over 4,096 characters). */
export async function sendWideRows(bot: TestBot, { user, chat, t }: Member): Promise<void> {
  for (const start of [0, 50]) {
    const rows = Array.from({ length: 50 }, (_, i) => wideRow(start + i)).join('\n');
    expect((await bot.say(user, chat, rows)).text).toBe(t('rows.added', { count: 50, total: start + 50 }));
  }
}

/** True once a progress message has become a training's result (finished or stopped). */
export const isTrainingResult =
  ({ t }: Member) =>
  (text: string): boolean =>
    text.includes(t('train.weights')) || text.startsWith('✅');

/**
 * Sends /train (or `command`) and resolves once its progress message has become the result with outputs.
 * In a private chat it waits for the picture that follows, too, so that the picture cannot pass for the
 * answer to the test's next message.
 */
export async function trainUntilResult(bot: TestBot, { user, chat, t }: Member, command = '/train') {
  const progress = await bot.say(user, chat, command);
  const result = await bot.edited(progress, (text) => text.includes(t('train.outputs')));
  if (chat.type === 'private') await nextPicture(bot, chat);
  return result;
}

/** The next photo the bot sends to the chat (after the last message waited for there). */
export const nextPicture = (bot: TestBot, chat: FakeChat): Promise<FakeMessage> =>
  bot.api.waitForMessage(chat.id, (message) => message.photo !== undefined);
