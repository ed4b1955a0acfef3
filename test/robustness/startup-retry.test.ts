import { describe, expect, it } from 'vitest';
import { describeStartupError, describeStartupRetry } from '../../src/startup-error.js';
import { startTestBot } from '../helpers/test-bot.js';

describe('a Bot API that fails for a moment while the bot starts', () => {
  it('retries getMe and deleteWebhook after 502 and 500 answers, then polls and answers', async () => {
    const bot = await startTestBot({
      beforeStart: (api) => {
        api.failWith('getMe', undefined, { error_code: 502, times: 2 });
        api.failWith('deleteWebhook', undefined, { error_code: 500, times: 2 });
      },
    });
    try {
      const tries = (method: string) => bot.api.calls.filter((call) => call.method === method).length;
      expect([tries('getMe'), tries('deleteWebhook')]).toEqual([3, 3]);
      const { user, chat } = bot.member('en');
      expect((await bot.say(user, chat, '/start')).text).toBeTruthy();
    } finally {
      await bot.stop();
    }
  });

  it('gives up after STARTUP_RETRY_SECONDS with the error it kept getting', async () => {
    const started = Date.now();
    const failure = await startTestBot({
      env: { STARTUP_RETRY_SECONDS: '1' },
      beforeStart: (api) => api.failWith('getMe', undefined, { error_code: 502 }),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(describeStartupError(failure, [], 'http://127.0.0.1:1')).toBe(
      'The Telegram Bot API at http://127.0.0.1:1 kept failing (502: Bad Gateway): try again later, or allow more time with STARTUP_RETRY_SECONDS.',
    );
    expect(describeStartupRetry(failure, [], 'http://127.0.0.1:1', 1)).toBe(
      'The Telegram Bot API at http://127.0.0.1:1 answers 502: Bad Gateway; still trying, for up to 1 s (STARTUP_RETRY_SECONDS)…',
    );
  });
});
