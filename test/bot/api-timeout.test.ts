import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAnswer } from '../../src/dev/fake-bot-types.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot | undefined;
afterEach(() => bot?.stop());

describe('a Bot API call that never answers', () => {
  it("fails after API_TIMEOUT_SECONDS, and the member's next command is answered", async () => {
    bot = await startTestBot({ env: { API_TIMEOUT_SECONDS: '1' } });
    const { user, chat, t } = bot.member('en');
    let hung = false;
    // Telegram's answer to the first reply in this chat never comes; the connection stays open.
    bot.api.setResponder((call) => {
      if (hung || call.method !== 'sendMessage' || call.payload.chat_id !== chat.id) return undefined;
      hung = true;
      return new Promise<FakeAnswer>(() => {});
    });
    bot.api.sendText(chat, user, '/start');
    bot.api.sendText(chat, user, '/weights');
    const answer = await bot.next(chat, t('weights.none'), 4000);

    expect(hung).toBe(true);
    expect(answer.text).toContain(t('weights.none'));
    expect(bot.app.deps.outgoing.stats().timedOut).toBe(1);
    const failure = bot.logs.find((line) => line.msg === 'an update failed');
    expect(failure).toMatchObject({ err: { type: 'ApiTimeoutError' } });
  });
});
