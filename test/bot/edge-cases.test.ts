import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** Sends rows in messages within the 4,096-character limit, each acknowledged. */
async function addRows(member: Member, lines: string[]): Promise<void> {
  let batch: string[] = [];
  const send = async () => {
    const reply = await bot.say(member.user, member.chat, batch.join('\n'));
    expect(reply.text).toMatch(/^✅/u);
    batch = [];
  };
  for (const line of lines) {
    if ([...batch, line].join('\n').length > 4096) await send();
    batch.push(line);
  }
  await send();
}

/** Starts /train and waits until its progress message has become the result. */
async function trainToResult(member: Member, command: string): Promise<string> {
  const progress = await bot.say(member.user, member.chat, command);
  const done = await bot.edited(progress, (text) => !text.startsWith('🧠'), 20_000);
  return done.text ?? '';
}

describe('results that would not fit one message', () => {
  it('1,000 rows with the same inputs and both outputs: the result fits 4,096 characters and lists a few rows', async () => {
    const member = bot.member('ru');
    const lines = Array.from({ length: 1000 }, (_, i) => `${i % 7} ${i % 3} 1 -> ${i % 2}`);
    await addRows(member, lines);
    const text = await trainToResult(member, '/train 10');
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain(member.t('train.notSeparable'));
    expect(text).toContain('У строк 1, 22, 43, 64');
    expect(text).toContain(member.t('train.moreRows', { count: 984 }));
  });

  it('32 wide decimal inputs still show the weights and as many rows as fit', async () => {
    const member = bot.member('en');
    const lines = Array.from(
      { length: 40 },
      (_, r) =>
        `${Array.from({ length: 32 }, (_, c) => (((r * 31 + c * 17) % 997) / 997).toFixed(6)).join(' ')} -> ${r % 2}`,
    );
    await addRows(member, lines);
    const text = await trainToResult(member, '/train 10');
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('w32');
    expect(text).toContain(member.t('train.moreRows', { count: 32 }));
  });
});

describe('weights that grow beyond any number', () => {
  it('stop the training, keep the last usable weights, and say what to try', async () => {
    const member = bot.member('en');
    await bot.say(member.user, member.chat, '1e308 -> 1\n-1e308 -> 0');
    await bot.say(member.user, member.chat, '/set activation step');
    const text = await trainToResult(member, '/train 10');
    expect(text.split('\n')[0]).toBe(member.t('train.diverged', { epochsRun: '0', epochs: '10' }));
    expect((await bot.say(member.user, member.chat, '/weights')).text).toContain('trained 0 epochs');
  });
});

describe('a stale confirmation', () => {
  it('does not clear rows added after the question was asked', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '0 0 1 -> 0\n1 1 1 -> 1');
    const question = await bot.say(user, chat, '/clear');
    await bot.say(user, chat, '1 0 1 -> 1');
    expect(await bot.press(question, t('buttons.yesClear'), user)).toBe(t('press.stale'));
    expect((await bot.say(user, chat, '/data')).text).toContain('3│ 1 0 1 → 1');
  });
});
