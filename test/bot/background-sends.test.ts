import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainUntilResult } from '../helpers/datasets.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
/** Each call the bot schedules: its method, the text it sends, and whether it goes in the background. */
const scheduled: Array<{ method: string; text: unknown; background: boolean }> = [];
beforeAll(async () => {
  bot = await startTestBot();
  const { outgoing } = bot.app.deps;
  const schedule = outgoing.schedule.bind(outgoing);
  outgoing.schedule = (method, payload, send, options) => {
    const text = payload.text ?? payload.caption;
    scheduled.push({ method, text, background: options?.background === true });
    return schedule(method, payload, send, options);
  };
});
afterAll(() => bot.stop());

describe('what the bot sends on its own account', () => {
  it("is a training's result and picture; the answers to a member's messages are not", async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    await trainUntilResult(bot, member, '/train 500');
    await bot.say(user, chat, '/predict 1 1 0');
    await bot.settle();
    const sends = scheduled.filter(
      (call) => call.method !== 'getUpdates' && call.method !== 'answerCallbackQuery',
    );
    const of = (method: string, includes: string) =>
      sends.find((call) => call.method === method && String(call.text).includes(includes));
    expect(of('editMessageText', t('train.outputs'))?.background).toBe(true);
    expect(sends.find((call) => call.method === 'sendPhoto')?.background).toBe(true);
    expect(of('sendMessage', '🔮')?.background).toBe(false);
    expect(sends.filter((call) => call.background)).toHaveLength(2);
  });
});
