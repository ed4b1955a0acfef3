import { describe, expect, it } from 'vitest';
import { settle, startInProcessBot } from './kit/in-process-bot.js';

const ANSWER = 'Add rows and /train first; then I can predict.';
const FLOOD_REPLY = '🐢 Too many messages at once: I will answer again in a minute.';

/** Ann sends nine messages at once with a limit of five a minute, then Bob one, then Ann one more. */
async function floodAsAnn() {
  const bot = await startInProcessBot({ MESSAGES_PER_MINUTE: '5' });
  const { api } = bot;
  const ann = api.user(11, { language_code: 'en' });
  const bob = api.user(12, { language_code: 'en' });
  const annChat = api.privateChat(ann);
  const bobChat = api.privateChat(bob);
  for (let i = 0; i < 9; i++) api.sendText(annChat, ann, '/predict 1 1 0');
  await settle(bot);
  api.sendText(bobChat, bob, '/predict 1 1 0');
  await settle(bot);
  api.sendText(annChat, ann, '/predict 1 1 0');
  await settle(bot);
  return {
    ann: api.messages(annChat.id).map((m) => m.text),
    bob: api.messages(bobChat.id).map((m) => m.text),
  };
}

describe('a user who sends more than MESSAGES_PER_MINUTE messages', () => {
  it('gets five answers and exactly one polite reply, while another user is still answered', async () => {
    const { ann, bob } = await floodAsAnn();
    expect(ann.filter((text) => text === ANSWER)).toHaveLength(5);
    expect(ann.filter((text) => text === FLOOD_REPLY)).toHaveLength(1);
    expect(ann).toHaveLength(6);
    expect(bob).toEqual([ANSWER]);
  });

  it('gets the polite reply after the answers to the messages within the limit, and then silence', async () => {
    const { ann } = await floodAsAnn();
    expect(ann).toEqual([...Array(5).fill(ANSWER), FLOOD_REPLY]);
  });
});
