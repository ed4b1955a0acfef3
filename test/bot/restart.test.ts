import { describe, expect, it } from 'vitest';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { textsFor } from '../helpers/texts.js';

const ru = textsFor('ru');
const { folder, start, stop } = useRestartingBots();

/** The same person, as each new fake Bot API sees them: an English Telegram, private chat and a group. */
function member(api: FakeBotApi) {
  const user = api.user(4242, { language_code: 'en' });
  return { user, chat: api.privateChat(user), group: api.group(-4242, 'Class') };
}

const isResult = (text: string) => text.includes(ru('train.outputs'));

describe('a restart on the same data folder', () => {
  it('keeps the rows, the trained weights, the settings and the language', async () => {
    const dataDir = folder();
    const before = await start(dataDir);
    const { user, chat, group } = member(before.api);
    await before.say(user, chat, '/lang ru');
    await before.say(user, chat, '/example lesson');
    await before.say(user, chat, '/set epochs 5000');
    const result = await before.edited(await before.say(user, chat, '/train'), isResult);
    expect(result.text).toContain('✅ Обучено: 5\u00a0000 эпох (всего 5\u00a0000).');
    await before.say(user, chat, '/set lr 0.5');
    await before.say(user, group, '/add 0.25 -> 1');
    const seen = {
      weights: (await before.say(user, chat, '/weights')).text,
      settings: (await before.say(user, chat, '/settings')).text,
      data: (await before.say(user, chat, '/data')).text,
      groupData: (await before.say(user, group, '/data')).text,
    };
    expect(seen.weights).toContain('обучено: 5\u00a0000 эпох');
    expect(seen.settings).toContain('скорость обучения: 0,5');
    await stop(before);

    const after = await start(dataDir);
    const again = member(after.api);
    expect((await after.say(again.user, again.chat, '/weights')).text).toBe(seen.weights);
    expect((await after.say(again.user, again.chat, '/settings')).text).toBe(seen.settings);
    expect((await after.say(again.user, again.chat, '/data')).text).toBe(seen.data);
    expect((await after.say(again.user, again.group, '/data')).text).toBe(seen.groupData);
    expect((await after.say(again.user, again.chat, '/start')).text).toBe(ru('start.text'));
    expect((await after.say(again.user, again.chat, '/predict 1 1 0')).text).toMatch(
      /^🔮 1 1 0 → <b>0,99\d{3}<\/b>, класс 1\./,
    );
    const more = await after.edited(await after.say(again.user, again.chat, '/train 10'), isResult);
    expect(more.text).toContain('✅ Обучено: 10 эпох (всего 5\u00a0010).');
  });

  it('keeps a /clear confirmation pending: its Yes still works after the restart', async () => {
    const dataDir = folder();
    const before = await start(dataDir);
    const { user, chat } = member(before.api);
    await before.say(user, chat, '0 0 1 -> 0');
    const question = await before.say(user, chat, '/clear');
    await stop(before);

    const after = await start(dataDir);
    const again = member(after.api);
    const shown = await after.say(again.user, again.chat, '/data');
    expect(shown.text).toContain('1│ 0 0 1 → 0');
    // The new fake knows nothing of the old message, so the press is delivered as a raw update.
    const data = before.api.buttons(question)[0]?.callback_data ?? '';
    expect(await after.pressRaw(shown, data, again.user)).toBeUndefined();
    expect((await after.next(again.chat)).text).toBe(textsFor('en')('data.cleared'));
    expect((await after.say(again.user, again.chat, '/data')).text).toBe(textsFor('en')('data.empty'));
  });
});
