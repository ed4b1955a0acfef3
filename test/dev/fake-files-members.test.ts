import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../src/dev/fake-bot-api.js';
import { ANONYMOUS_ADMIN } from '../../src/dev/fake-telegram-objects.js';

const opened: FakeBotApi[] = [];

async function openApi(): Promise<{ api: FakeBotApi; telegram: Telegram }> {
  const api = await startFakeBotApi();
  opened.push(api);
  return { api, telegram: new Telegram(api.token, { apiRoot: api.apiRoot }) };
}

afterEach(async () => {
  for (const api of opened.splice(0)) await api.close();
});

/** A valid 1x1 PNG header is enough for the fake to read the dimensions; the rest is padding. */
function fakePng(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(bytes);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

describe('the fake Bot API keeps the files the bot uploads', () => {
  it('stores a document with its bytes, name and size, and serves it back through getFile', async () => {
    const { api, telegram } = await openApi();
    const chat = api.privateChat(api.user(5));
    const csv = Buffer.from('x1,y\n0,1\n');
    const sent = await telegram.sendDocument(
      chat.id,
      { source: csv, filename: 'rows.csv' },
      { caption: 'hi' },
    );
    expect(sent.document).toMatchObject({ file_name: 'rows.csv', file_size: csv.length });
    const [message] = api.messages(chat.id);
    expect(message?.caption).toBe('hi');
    expect(api.fileBytes(sent as never).equals(csv)).toBe(true);
    const link = await telegram.getFileLink(sent.document.file_id);
    const downloaded = Buffer.from(await (await fetch(link)).arrayBuffer());
    expect(downloaded.equals(csv)).toBe(true);
  });

  it('gives a photo its PNG dimensions and refuses a photo Telegram would refuse', async () => {
    const { api, telegram } = await openApi();
    const chat = api.privateChat(api.user(6));
    const sent = await telegram.sendPhoto(chat.id, { source: fakePng(1280, 900), filename: 'p.png' });
    expect(sent.photo.at(-1)).toMatchObject({ width: 1280, height: 900 });
    const thin = telegram.sendPhoto(chat.id, { source: fakePng(4000, 100), filename: 'thin.png' });
    await expect(thin).rejects.toMatchObject({
      code: 400,
      description: 'Bad Request: PHOTO_INVALID_DIMENSIONS',
    });
    const long = telegram.sendPhoto(chat.id, { source: fakePng(10, 10) }, { caption: 'x'.repeat(1025) });
    await expect(long).rejects.toMatchObject({ description: 'Bad Request: message caption is too long' });
  });

  it('answers getFile for an unknown id with Bad Request and an unknown method with 404', async () => {
    const { telegram } = await openApi();
    await expect(telegram.getFile('nope')).rejects.toMatchObject({ code: 400 });
    await expect(telegram.callApi('sendMesage' as never, {} as never)).rejects.toMatchObject({ code: 404 });
  });
});

describe('the fake Bot API delivers documents users send', () => {
  it('puts the document, its caption and a command entity on the message the bot receives', async () => {
    const { api, telegram } = await openApi();
    const user = api.user(7);
    const group = api.group(-100, 'Class');
    const message = api.uploadDocument(group, user, {
      file_name: 'data.csv',
      mime_type: 'text/csv',
      bytes: Buffer.from('0 0 1 -> 0\n'),
      caption: '/add',
    });
    expect(message.document).toMatchObject({ file_name: 'data.csv', mime_type: 'text/csv', file_size: 11 });
    expect(message.caption_entities).toEqual([{ type: 'bot_command', offset: 0, length: 4 }]);
    const [update] = (await telegram.callApi('getUpdates', { timeout: 0 } as never)) as unknown as {
      message: typeof message;
    }[];
    expect(update?.message.document?.file_id).toBe(message.document?.file_id);
    const file = await telegram.getFile(String(message.document?.file_id));
    expect(file.file_path).toMatch(/\.csv$/);
  });

  it('marks an anonymous admin post with the group as sender_chat', async () => {
    const { api } = await openApi();
    const group = api.group(-101, 'Class');
    const message = api.sendText(group, ANONYMOUS_ADMIN, '/exercise and', { sender_chat: group });
    expect(message.sender_chat?.id).toBe(group.id);
    expect(message.from.username).toBe('GroupAnonymousBot');
  });
});

describe('the fake Bot API knows who administers a group', () => {
  it('answers getChatMember and getChatAdministrators from what the test set', async () => {
    const { api, telegram } = await openApi();
    const group = api.group(-102, 'Class');
    const teacher = api.user(8, { first_name: 'Teacher' });
    const student = api.user(9);
    api.setChatMember(group.id, teacher, 'creator');
    expect((await telegram.getChatMember(group.id, teacher.id)).status).toBe('creator');
    expect((await telegram.getChatMember(group.id, student.id)).status).toBe('member');
    api.setChatMember(group.id, student, 'left');
    expect((await telegram.getChatMember(group.id, student.id)).status).toBe('left');
    const admins = await telegram.getChatAdministrators(group.id);
    expect(admins.map((a) => a.user.id)).toEqual([teacher.id]);
    await expect(telegram.getChatMember(-999, teacher.id)).rejects.toMatchObject({ code: 400 });
  });

  it('records the reaction the bot set on a message', async () => {
    const { api, telegram } = await openApi();
    const user = api.user(10);
    const chat = api.privateChat(user);
    const message = api.sendText(chat, user, '0 0 1 -> 0');
    await telegram.setMessageReaction(chat.id, message.message_id, [{ type: 'emoji', emoji: '👍' }]);
    const call = api.calls.find((c) => c.method === 'setMessageReaction');
    expect(call?.answer).toEqual({ ok: true, result: true });
    await expect(telegram.setMessageReaction(chat.id, 999, [])).rejects.toMatchObject({ code: 400 });
  });
});
