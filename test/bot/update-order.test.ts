import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const ROUNDS = 5;

describe('one member’s updates that arrive in one getUpdates batch', () => {
  it('stores rows 0.001 … 0.010 in the order they were sent, every time', async () => {
    const members = Array.from({ length: ROUNDS }, () => bot.member('en'));
    const sent = Array.from({ length: 10 }, (_, i) => (i + 1) / 1000);
    for (const member of members) {
      bot.api.inOneBatch(() => {
        for (const x of sent) bot.api.sendText(member.chat, member.user, `${x} -> 1`);
      });
      await bot.settle();
    }
    const stored = await Promise.all(
      members.map(async ({ chat, user }) => {
        const doc = await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
        return doc?.rows.map((row) => row.inputs[0]);
      }),
    );
    expect(stored).toEqual(members.map(() => sent));
  });

  it('answers /example, /train and /predict sent together in that order, each after the one before', async () => {
    const { user, chat } = bot.member('en');
    bot.api.inOneBatch(() => {
      for (const text of ['/example and', '/train 2000', '/predict 1 1 1'])
        bot.api.sendText(chat, user, text);
    });
    await bot.settle();
    // The progress message is edited into the result in place, so it keeps the place of /train's answer;
    // the picture that follows the training in a private chat is a photo, not an answer.
    const messages = bot.api.messages(chat.id);
    expect(messages.filter((m) => m.photo !== undefined)).toHaveLength(1);
    const texts = messages.filter((m) => m.photo === undefined).map((m) => m.text ?? '');
    expect(texts).toEqual([
      expect.stringMatching(/^📘 Loaded «and»: 4 rows\./),
      expect.stringMatching(/^✅ Trained 2,000 epochs/),
      // Applied after /train started: with the rows there, and the weights if the training is over.
      expect.stringMatching(/^(🔮 1 1 1 → |I have not learned anything yet: \/train first\.$)/),
    ]);
  });
});
