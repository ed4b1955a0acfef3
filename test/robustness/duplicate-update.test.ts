import { describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { settle, startInProcessBot } from './kit/in-process-bot.js';
import { openPerceptrons } from './kit/stored-data.js';

describe('an update delivered twice with the same update_id', () => {
  it('adds its rows once', async () => {
    const bot = await startInProcessBot();
    const { api, app, dataDir } = bot;
    const ann = api.user(21, { language_code: 'en' });
    const chat = api.privateChat(ann);
    const text = '/add 0 0 1 -> 0\n1 1 1 -> 1';
    const message = {
      message_id: 500,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: ann,
      text,
      entities: [{ type: 'bot_command', offset: 0, length: 4 }],
    };

    api.sendUpdate({ update_id: 9001, message });
    await api.waitForMessage(chat.id, (m) => m.text?.startsWith('✅ Added') ?? false);
    api.sendUpdate({ update_id: 9001, message });
    await settle(bot);
    api.sendText(chat, ann, '/data');
    const data = await api.waitForMessage(chat.id, (m) => m.text?.includes('Your dataset') ?? false);

    expect(data.text).toContain('2 rows');
    await app.deps.perceptrons.flush();
    const key = perceptronKey(chat.id, ann.id);
    const { docs, recovered } = await openPerceptrons(dataDir, [key]);
    expect(recovered).toEqual([]);
    expect(docs.get(key)?.rows).toEqual([
      { inputs: [0, 0, 1], output: 0 },
      { inputs: [1, 1, 1], output: 1 },
    ]);
  });
});
