import { watch } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { startTestBot } from '../helpers/test-bot.js';

describe('an update whose update_id is not a number, from a hostile or broken API server', () => {
  it('is logged and skipped: its id reaches no file name, and polling goes on', async () => {
    const bot = await startTestBot();
    try {
      const { user, chat } = bot.member('en');
      const touched: string[] = [];
      // The id would name <DATA_DIR>/escaped.json, outside the inbox, if it reached a path.
      const watcher = watch(bot.dataDir, (_event, name) => touched.push(String(name)));
      const date = Math.floor(Date.now() / 1000);
      const message = { message_id: 77, date, chat, from: user, text: '7 7 7 -> 1' };
      bot.api.inOneBatch(() => {
        bot.api.sendUpdate({ update_id: '/../../escaped', message } as never);
        bot.api.sendText(chat, user, '1 1 1 -> 1');
      });
      await bot.next(chat, '✅ Added 1 row. Rows now: 1.');
      const doc = await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
      watcher.close();

      expect(doc?.rows.map((row) => row.inputs)).toEqual([[1, 1, 1]]);
      expect(touched.filter((name) => name.includes('escaped'))).toEqual([]);
      expect(bot.logs).toContainEqual(
        expect.objectContaining({
          level: 40,
          updateId: '/../../escaped',
          msg: expect.stringMatching(/skipped/),
        }),
      );
    } finally {
      await bot.stop();
    }
  });
});
