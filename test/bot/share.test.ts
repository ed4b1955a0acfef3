import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeChat, FakeUser } from '../../src/dev/fake-bot-api.js';
import { trainUntilResult } from '../helpers/datasets.js';
import { sendFile } from '../helpers/files.js';
import type { Member } from '../helpers/members.js';
import { createDataDir, startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
let groups = -9000;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

const say = async (member: Member, text: string) =>
  (await bot.say(member.user, member.chat, text)).text ?? '';
const stored = (chat: FakeChat, user: FakeUser) =>
  bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
const LINK = /https:\/\/t\.me\/perceptron_test_bot\?start=(s_[A-Za-z0-9_-]+)/;

/** The start payload of the link in a /share answer. */
function payloadOf(text: string | undefined): string {
  const payload = LINK.exec(text ?? '')?.[1];
  if (!payload) throw new Error(`no share link in ${JSON.stringify(text)}`);
  return payload;
}

describe('/share between two users in private chats', () => {
  it('gives a link; opening it asks first, then copies rows, settings and column names', async () => {
    const teacher = bot.member('en');
    const student = bot.member('ru');
    await sendFile(bot, teacher.user, teacher.chat, {
      file_name: 'w.csv',
      bytes: 'temp,wind,rain\n1,0,1\n0,1,0\n',
    });
    await say(teacher, '/set lr 0.25');
    const answer = await say(teacher, '/share');
    const payload = payloadOf(answer);
    expect(payload.length).toBeLessThanOrEqual(64);
    expect(payload.slice(2)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(answer).toBe(
      teacher.t('share.linkData', { link: `https://t.me/perceptron_test_bot?start=${payload}` }),
    );
    await say(student, '0 0 0 1 -> 1');
    const question = await bot.say(student.user, student.chat, `/start ${payload}`);
    expect(question.text).toBe(student.t('share.confirm', { rows: '2 строки', inputs: '2 входа' }));
    expect(bot.api.buttons(question).map((b) => b.text)).toEqual([
      student.t('share.yes'),
      student.t('buttons.cancel'),
    ]);
    expect((await stored(student.chat, student.user))?.rows).toHaveLength(1);
    await bot.press(question, student.t('share.yes'), student.user);
    expect((await bot.next(student.chat)).text).toBe(student.t('share.copied', { rows: '2 строки' }));
    const copy = await stored(student.chat, student.user);
    const original = await stored(teacher.chat, teacher.user);
    expect(copy?.rows).toEqual(original?.rows);
    expect(copy?.settings).toEqual(original?.settings);
    expect(copy?.columns).toEqual({ inputs: ['temp', 'wind'], output: 'rain' });
    expect(copy?.model).toBeUndefined();
  });

  it('Cancel keeps the opener’s data', async () => {
    const teacher = bot.member('en');
    const student = bot.member('en');
    await say(teacher, '/example and');
    const payload = payloadOf(await say(teacher, '/share'));
    await say(student, '1 -> 1');
    const question = await bot.say(student.user, student.chat, `/start ${payload}`);
    await bot.press(question, student.t('buttons.cancel'), student.user);
    expect((await bot.next(student.chat)).text).toBe(student.t('data.cancelled'));
    expect((await stored(student.chat, student.user))?.rows).toEqual([{ inputs: [1], output: 1 }]);
  });

  it('/share model hands over the trained weights: /predict gives the same digits at once', async () => {
    const teacher = bot.member('en');
    const student = bot.member('en');
    await say(teacher, '/example lesson');
    await trainUntilResult(bot, teacher, '/train 2000');
    const payload = payloadOf(await say(teacher, '/share model'));
    const question = await bot.say(student.user, student.chat, `/start ${payload}`);
    expect(question.text).toBe(
      student.t('share.confirmModel', { rows: '4 rows', inputs: '3 inputs', epochs: '2,000 epochs' }),
    );
    await bot.press(question, student.t('share.yes'), student.user);
    expect((await bot.next(student.chat)).text).toBe(
      student.t('share.copiedModel', { rows: '4 rows', epochs: '2,000 epochs' }),
    );
    expect(await say(student, '/predict 1 1 0')).toBe(await say(teacher, '/predict 1 1 0'));
  });

  it('/share model without trained weights says what to do', async () => {
    const teacher = bot.member('en');
    await say(teacher, '/example or');
    expect(await say(teacher, '/share model')).toBe(teacher.t('share.noModel'));
    expect(await say(teacher, '/share everything')).toBe(teacher.t('share.usage'));
    const empty = bot.member('en');
    expect(await say(empty, '/share')).toBe(empty.t('share.nothing'));
  });
});

describe('revoked and unknown links', () => {
  it('/share off turns the live links off; opening one then says so, and nothing is copied', async () => {
    const teacher = bot.member('en');
    const student = bot.member('en');
    await say(teacher, '/example and');
    await trainUntilResult(bot, teacher, '/train 500');
    const data = payloadOf(await say(teacher, '/share'));
    const question = await bot.say(student.user, student.chat, `/start ${data}`);
    const model = payloadOf(await say(teacher, '/share model'));
    expect(await say(teacher, '/share off')).toBe(teacher.t('share.off', { count: 2 }));
    expect(await say(teacher, '/share off')).toBe(teacher.t('share.offNone'));
    expect(await say(student, `/start ${model}`)).toBe(student.t('share.revoked'));
    await bot.press(question, student.t('share.yes'), student.user);
    expect((await bot.next(student.chat)).text).toBe(student.t('share.revoked'));
    expect(await stored(student.chat, student.user)).toBeUndefined();
  });

  it.each([
    ['a code typed wrong', (p: string) => `${p.slice(0, -1)}${p.endsWith('A') ? 'B' : 'A'}`],
    ['a code cut short', (p: string) => p.slice(0, -3)],
    ['a code with a character base64url does not have', (p: string) => `${p.slice(0, -1)}+`],
  ])('%s is unknown', async (_, mangle) => {
    const teacher = bot.member('en');
    const student = bot.member('ru');
    await say(teacher, '/example or');
    const payload = payloadOf(await say(teacher, '/share'));
    expect(await say(student, `/start ${mangle(payload)}`)).toBe(student.t('share.unknown'));
    expect(await say(student, '/start')).toContain(student.t('start.text').slice(0, 20));
  });
});

describe('a link gives a copy of the data as it was at /share', () => {
  it('after /clear and one new row, the link still gives the rows shared, never the new row', async () => {
    const teacher = bot.member('en');
    const student = bot.member('ru');
    await sendFile(bot, teacher.user, teacher.chat, {
      file_name: 'w.csv',
      bytes: 'temp,wind,rain\n1,0,1\n0,1,0\n',
    });
    const payload = payloadOf(await say(teacher, '/share'));
    const shared = await stored(teacher.chat, teacher.user);
    await bot.press(
      await bot.say(teacher.user, teacher.chat, '/clear'),
      teacher.t('buttons.yesClear'),
      teacher.user,
    );
    await bot.next(teacher.chat);
    await say(teacher, '/set lr 0.5');
    await say(teacher, '0.5 -> 1');
    const question = await bot.say(student.user, student.chat, `/start ${payload}`);
    expect(question.text).toBe(student.t('share.confirm', { rows: '2 строки', inputs: '2 входа' }));
    await bot.press(question, student.t('share.yes'), student.user);
    expect((await bot.next(student.chat)).text).toBe(student.t('share.copied', { rows: '2 строки' }));
    const copy = await stored(student.chat, student.user);
    expect(copy?.rows).toEqual(shared?.rows);
    expect(copy?.settings).toEqual(shared?.settings);
    expect(copy?.columns).toEqual({ inputs: ['temp', 'wind'], output: 'rain' });
  });

  it('a new /share replaces the old link, which then says so; /share model is a link of its own', async () => {
    const teacher = bot.member('en');
    const student = bot.member('en');
    await say(teacher, '/example and');
    await trainUntilResult(bot, teacher, '/train 300');
    const model = payloadOf(await say(teacher, '/share model'));
    const old = payloadOf(await say(teacher, '/share'));
    const question = await bot.say(student.user, student.chat, `/start ${old}`);
    await say(teacher, '/example or');
    const current = payloadOf(await say(teacher, '/share'));
    expect(await say(student, `/start ${old}`)).toBe(student.t('share.replaced'));
    await bot.press(question, student.t('share.yes'), student.user);
    expect((await bot.next(student.chat)).text).toBe(student.t('share.replaced'));
    expect(await stored(student.chat, student.user)).toBeUndefined();
    const fresh = await bot.say(student.user, student.chat, `/start ${current}`);
    await bot.press(fresh, student.t('share.yes'), student.user);
    await bot.next(student.chat);
    expect((await stored(student.chat, student.user))?.rows).toEqual(
      (await stored(teacher.chat, teacher.user))?.rows,
    );
    // The model link still gives the and-perceptron trained before.
    expect((await bot.say(student.user, student.chat, `/start ${model}`)).text).toBe(
      student.t('share.confirmModel', { rows: '4 rows', inputs: '3 inputs', epochs: '300 epochs' }),
    );
  });

  it('/share model gives the weights as they were at /share, not those trained after', async () => {
    const teacher = bot.member('en');
    const student = bot.member('en');
    await say(teacher, '/example lesson');
    await trainUntilResult(bot, teacher, '/train 1000');
    const payload = payloadOf(await say(teacher, '/share model'));
    const shared = (await stored(teacher.chat, teacher.user))?.model;
    await trainUntilResult(bot, teacher, '/train 500');
    expect((await stored(teacher.chat, teacher.user))?.model?.epochsTrained).toBe(1500);
    const question = await bot.say(student.user, student.chat, `/start ${payload}`);
    expect(question.text).toBe(
      student.t('share.confirmModel', { rows: '4 rows', inputs: '3 inputs', epochs: '1,000 epochs' }),
    );
    await bot.press(question, student.t('share.yes'), student.user);
    await bot.next(student.chat);
    expect((await stored(student.chat, student.user))?.model).toEqual(shared);
  });

  it('keeps at most one copy per sharer and kind on disk, and none after /share off', async () => {
    const teacher = bot.member('en');
    await say(teacher, '/example lesson');
    await trainUntilResult(bot, teacher, '/train 100');
    const codes: string[] = [];
    for (const command of ['/share', '/share', '/share model', '/share', '/share model']) {
      codes.push(payloadOf(await say(teacher, command)).slice(2));
    }
    await bot.app.deps.shares.flush();
    const withCopy = () =>
      codes.filter((code) =>
        readFileSync(join(bot.dataDir, 'shares', `share-${code}.json`), 'utf8').includes('"copy"'),
      );
    expect(withCopy()).toEqual([codes[3], codes[4]]);
    await say(teacher, '/share off');
    await bot.app.deps.shares.flush();
    expect(withCopy()).toEqual([]);
  });

  it('a link made before links kept a copy opens nothing, and says so', async () => {
    const teacher = bot.member('en');
    const student = bot.member('en');
    await say(teacher, '/example and');
    const code = 'AAAAAAAAAAAAAAAA';
    await bot.app.deps.shares.update(`share-${code}`, () => ({
      version: 1,
      kind: 'share',
      owner: teacher.user.id,
      source: perceptronKey(teacher.chat.id, teacher.user.id),
      withModel: false,
      createdAt: 1,
      revoked: false,
    }));
    expect(await say(student, `/start s_${code}`)).toBe(student.t('share.legacy'));
  });
});

describe('/share in a group', () => {
  it('has [Copy to my bot]: any member pressing it gets a copy in that group, after confirming', async () => {
    const group = bot.api.group(--groups, 'Class', 'supergroup');
    const teacher = bot.member('en');
    const student = bot.member('ru');
    await bot.say(teacher.user, group, '/add 0 1 -> 1\n1 0 -> 0');
    const shared = await bot.say(teacher.user, group, '/share');
    expect(bot.api.buttons(shared).map((b) => b.text)).toEqual([teacher.t('share.copyButton')]);
    expect(await bot.press(shared, teacher.t('share.copyButton'), student.user)).toBeUndefined();
    const question = await bot.next(group);
    expect(question.text).toBe(student.t('share.confirm', { rows: '2 строки', inputs: '2 входа' }));
    expect(await bot.press(question, student.t('share.yes'), teacher.user)).toBe(teacher.t('press.notYours'));
    await bot.press(question, student.t('share.yes'), student.user);
    expect((await bot.next(group)).text).toBe(student.t('share.copied', { rows: '2 строки' }));
    expect((await stored(group, student.user))?.rows).toEqual((await stored(group, teacher.user))?.rows);
    expect(await stored(student.chat, student.user)).toBeUndefined();
  });

  it('the link opens in another group too (/start@bot with the payload)', async () => {
    const from = bot.api.group(--groups, 'Class A', 'supergroup');
    const to = bot.api.group(--groups, 'Class B', 'supergroup');
    const teacher = bot.member('en');
    const student = bot.member('en');
    await bot.say(teacher.user, from, '/add 0.5 -> 1');
    const payload = payloadOf((await bot.say(teacher.user, from, '/share')).text);
    const question = await bot.say(student.user, to, `/start@perceptron_test_bot ${payload}`);
    await bot.press(question, student.t('share.yes'), student.user);
    await bot.next(to);
    expect((await stored(to, student.user))?.rows).toEqual([{ inputs: [0.5], output: 1 }]);
  });
});

describe('shares are stored durably', () => {
  it('a link still opens after the bot restarts on the same data folder', async () => {
    const dataDir = createDataDir();
    const first = await startTestBot({ dataDir });
    const teacher = first.member('en');
    await first.say(teacher.user, teacher.chat, '/example and');
    const payload = payloadOf((await first.say(teacher.user, teacher.chat, '/share')).text);
    await first.stop();
    const second = await startTestBot({ dataDir, updateIdsFrom: 1000 });
    const student = second.member('en');
    const question = await second.say(student.user, student.chat, `/start ${payload}`);
    expect(question.text).toBe(student.t('share.confirm', { rows: '4 rows', inputs: '3 inputs' }));
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
