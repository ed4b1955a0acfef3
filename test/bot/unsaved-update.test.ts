import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** Every write into the inbox fails while it is a file, even as root. */
function setInbox(state: 'broken' | 'working'): void {
  const inbox = join(bot.dataDir, 'inbox');
  rmSync(inbox, { recursive: true, force: true });
  if (state === 'broken') writeFileSync(inbox, 'not a folder');
  else mkdirSync(inbox, { mode: 0o700 });
}

describe('an update the bot cannot save on receipt', () => {
  it('is answered in the member’s language, a press with a short notice, and both are applied later', async () => {
    const { user, chat } = bot.member('ru');
    const loaded = await bot.say(user, chat, '/example and');
    setInbox('broken');
    try {
      const notice = await bot.say(user, chat, '0.5 0.5 1 -> 1');
      expect(notice.text).toBe(
        '💾 Сейчас я не могу сохранить ваше сообщение, поэтому пока ничего по нему не сделал. Я сам возьму его ещё раз чуть позже: отправлять заново не нужно.',
      );
      // The press waits behind the row, so it is not saved either; its notice is the short one.
      const pressed = await bot.press(loaded, '▶️ Обучить', user);
      expect(pressed).toBe('Сейчас не могу это сохранить; попробую ещё раз чуть позже.');
    } finally {
      setInbox('working');
    }
    await bot.next(chat, '✅ Добавлена 1 строка', 10_000);
    await bot.settle();
    const doc = await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
    expect(doc?.rows).toHaveLength(5);
    expect(doc?.model?.epochsTrained).toBeGreaterThan(0);
  });
});
