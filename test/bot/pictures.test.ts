import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeChat, FakeMessage } from '../../src/dev/fake-bot-api.js';
import { nextPicture, trainUntilResult } from '../helpers/datasets.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { inLanguage } from '../helpers/texts.js';

let bot: TestBot;
let groups = -9000;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const newGroup = (): FakeChat => bot.api.group(--groups, `Pictures ${-groups}`, 'supergroup');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The photo's bytes as Telegram received them: a PNG 1280 px wide, under 300 KB. */
function expectPicture(message: FakeMessage): void {
  expect(message.media_method).toBe('sendPhoto');
  const bytes = bot.api.fileBytes(message);
  expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(bytes.length).toBeLessThan(300 * 1024);
  expect(PNG.sync.read(bytes).width).toBe(1280);
  expect(message.photo?.at(-1)?.width).toBe(1280);
  expect((message.caption ?? '').length).toBeLessThanOrEqual(1024);
}

const photosIn = (chat: FakeChat) => bot.api.messages(chat.id).filter((m) => m.photo !== undefined);

/** Sends `text` and resolves with the photo that answers it. */
function askForPicture({ user }: Member, chat: FakeChat, text: string): Promise<FakeMessage> {
  bot.api.sendText(chat, user, text);
  return bot.api.waitForMessage(chat.id, (m) => m.photo !== undefined);
}

describe.each(['en', 'ru'] as const)(
  'pictures in a private chat, for a user whose Telegram speaks %s',
  (language) => {
    it("follow each finished training, with the caption in the user's language and a Replay button", async () => {
      const member = bot.member(language);
      const { user, chat, t } = member;
      await bot.say(user, chat, '/example lesson');
      const result = await bot.edited(await bot.say(user, chat, '/train'), (text) =>
        text.includes(t('train.outputs')),
      );
      expect(bot.api.buttons(result).map((b) => b.text)).toContain(t('pictures.button'));
      const picture = await nextPicture(bot, chat);
      expectPicture(picture);
      expect(picture.caption).toContain(t('pictures.captionKey'));
      expect(picture.caption).toContain(inLanguage(language, '0 0 1 → 0.00680'));
      expect(bot.api.buttons(picture).map((b) => b.text)).toEqual([t('pictures.replayButton')]);
    });

    it('stop after /set pictures off, and come back with /set pictures on', async () => {
      const member = bot.member(language);
      const { user, chat, t } = member;
      await bot.say(user, chat, '/example lesson');
      const off = await bot.say(user, chat, '/set pictures off');
      expect(off.text).toBe(t('pictures.settingChanged', { value: t('settings.off') }));
      await bot.edited(await bot.say(user, chat, '/train 100'), (text) => text.includes(t('train.outputs')));
      await bot.settle();
      expect(photosIn(chat)).toHaveLength(0);
      expect((await bot.say(user, chat, '/set pictures on')).text).toBe(
        t('pictures.settingChanged', { value: t('settings.on') }),
      );
      await trainUntilResult(bot, member, '/train 100');
      expect(photosIn(chat)).toHaveLength(1);
    });

    it('/settings says whether pictures follow a training', async () => {
      const { user, chat, t } = bot.member(language);
      const line = (value: string) => `• ${t('pictures.setting', { value })}`;
      expect((await bot.say(user, chat, '/settings')).text).toContain(line(t('settings.on')));
      await bot.say(user, chat, '/set pictures off');
      expect((await bot.say(user, chat, '/settings')).text).toContain(line(t('settings.off')));
    });

    it('/set pictures maybe says how to say it', async () => {
      const { user, chat, t } = bot.member(language);
      expect((await bot.say(user, chat, '/set pictures maybe')).text).toBe(t('pictures.settingBad'));
    });
  },
);

describe('/plot', () => {
  it('draws the case asked for, 1 1 0, even before any training', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const picture = await askForPicture(member, chat, '/plot 1 1 0');
    expectPicture(picture);
    expect(picture.caption).toContain(t('pictures.captionUntrained'));
    // Seed 1's starting weights: -0.16596 + 0.44065 = 0.27469, sigmoid 0.56824.
    expect(picture.caption).toContain('1 1 0 → 0.56824');
    expect(bot.api.buttons(picture)).toEqual([]);
  });

  it('names what is wrong with a case that does not fit, and with no rows at all', async () => {
    const { user, chat, t } = bot.member('ru');
    expect((await bot.say(user, chat, '/plot')).text).toBe(t('pictures.noRows'));
    await bot.say(user, chat, '/example lesson');
    expect((await bot.say(user, chat, '/plot 1 x 0')).text).toBe(
      t('pictures.badCase', { token: 'x', inputs: t('units.inputs', { count: 3, n: '3' }), sample: '0 0 1' }),
    );
    expect((await bot.say(user, chat, '/plot 1 0')).text).toBe(
      t('pictures.badCase', {
        token: '1 0',
        inputs: t('units.inputs', { count: 3, n: '3' }),
        sample: '0 0 1',
      }),
    );
  });
});

describe('pictures in a group', () => {
  async function trainInGroup(member: Member, group: FakeChat) {
    const { user, t } = member;
    await bot.say(user, group, '/example lesson');
    return bot.edited(await bot.say(user, group, '/train'), (text) => text.includes(t('train.outputs')));
  }

  it('do not follow a training by themselves', async () => {
    const group = newGroup();
    await trainInGroup(bot.member('en'), group);
    await bot.settle();
    expect(photosIn(group)).toHaveLength(0);
  });

  it("come on /plot, quoting the member's message", async () => {
    const group = newGroup();
    const member = bot.member('ru');
    await trainInGroup(member, group);
    const plot = bot.api.sendText(group, member.user, '/plot');
    const picture = await bot.api.waitForMessage(group.id);
    expectPicture(picture);
    expect(picture.reply_to_message?.message_id).toBe(plot.message_id);
    // "после 20 000 эпох": after "после" the count takes the genitive, not units.epochs' nominative.
    expect(picture.caption).toContain('после 20\u00a0000 эпох.');
    expect(picture.caption).toContain(
      member.t('pictures.captionTrained', {
        loss: '3,20e-5',
        accuracy: 100,
        count: 20_000,
        n: '20\u00a0000',
      }),
    );
  });

  it('come on the 📈 button, for its owner only', async () => {
    const group = newGroup();
    const owner = bot.member('en');
    const other = bot.member('en');
    const result = await trainInGroup(owner, group);
    expect(await bot.press(result, owner.t('pictures.button'), other.user)).toBe(owner.t('press.notYours'));
    await bot.press(result, owner.t('pictures.button'), owner.user);
    const picture = await nextPicture(bot, group);
    expectPicture(picture);
    expect(picture.reply_to_message?.message_id).toBe(result.message_id);
  });
});

describe('the replay', () => {
  const GIF_SIGNATURE = Buffer.from('GIF89a', 'latin1');

  it('comes on /replay and on the button under the picture, as a looping GIF under 2 MB', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    await bot.say(user, chat, '/train');
    const picture = await nextPicture(bot, chat);
    await bot.press(picture, t('pictures.replayButton'), user);
    const pressed = await bot.api.waitForMessage(chat.id, (m) => m.animation !== undefined, 30_000);
    const replayed = await bot.say(user, chat, '/replay');
    for (const animation of [pressed, replayed]) {
      expect(animation.media_method).toBe('sendAnimation');
      const bytes = bot.api.fileBytes(animation);
      expect(bytes.subarray(0, 6)).toEqual(GIF_SIGNATURE);
      expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
      expect(animation.caption).toBe(t('pictures.replayCaption', { count: 29, from: '0', to: '20,000' }));
    }
  }, 60_000);

  it('/replay before any training says to train first', async () => {
    const { user, chat, t } = bot.member('ru');
    await bot.say(user, chat, '/example lesson');
    expect((await bot.say(user, chat, '/replay')).text).toBe(t('pictures.noReplay'));
  });

  it.each(['en', 'ru'] as const)(
    'after /step (%s) is refused with a sentence: one epoch is two frames, no replay; nor is it offered',
    async (language) => {
      const { user, chat, t } = bot.member(language);
      await bot.say(user, chat, '/example lesson');
      const step = await bot.say(user, chat, '/step');
      const refusal = await bot.say(user, chat, '/replay');
      expect(refusal.text).toBe(t('pictures.replayTooShort'));
      expect(refusal.animation).toBeUndefined();
      await bot.press(step, t('pictures.button'), user);
      const picture = await nextPicture(bot, chat);
      expect(bot.api.buttons(picture)).toEqual([]);
    },
  );
});
