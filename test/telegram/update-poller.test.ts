import { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../src/dev/fake-bot-api.js';
import { type BatchOutcome, createUpdatePoller } from '../../src/telegram/update-poller.js';

const silent = { info() {}, warn() {}, error() {} };

function startPoller(api: FakeBotApi, receive: (batch: unknown[]) => Promise<BatchOutcome>) {
  const telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
  const poller = createUpdatePoller({
    callApi: telegram.callApi.bind(telegram) as never,
    allowedUpdates: ['message'],
    receive,
    logger: silent,
    retryMs: 10,
  });
  return { poller, running: poller.run() };
}

const offsetsAsked = (api: FakeBotApi) =>
  api.calls.filter((c) => c.method === 'getUpdates').map((c) => c.payload.offset ?? null);

const idsOf = (batch: unknown[]) => batch.map((u) => (u as { update_id: number }).update_id);

describe('the update poller against the Bot API', () => {
  it('asks again from an update that was not taken, and on stop confirms only what was', async () => {
    const api = await startFakeBotApi();
    const user = api.user(5);
    const chat = api.privateChat(user);
    const batches: number[][] = [];
    let refusals = 2;
    const { poller, running } = startPoller(api, async (batch) => {
      const ids = idsOf(batch);
      if (ids.length > 0) batches.push(ids);
      if (ids.includes(2) && refusals-- > 0) return { nextOffset: 2, wait: 'backoff' };
      return { nextOffset: ids.length > 0 ? Math.max(...ids) + 1 : undefined, wait: 'none' };
    });
    api.inOneBatch(() => {
      for (const text of ['a', 'b', 'c']) api.sendText(chat, user, text);
    });
    await api.waitForIdle();
    poller.stop();
    await running;
    expect(batches).toEqual([
      [1, 2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(offsetsAsked(api)).toEqual([null, 2, 2, 4, 4]);
    await api.close();
  });

  it('waits out a 502 on getUpdates, and ends with the error on 409 (another instance polls)', async () => {
    const api = await startFakeBotApi();
    api.failWith('getUpdates', undefined, { error_code: 502, retry_after: 0, times: 1 });
    const { running } = startPoller(api, async () => ({ nextOffset: undefined, wait: 'none' }));
    await api.waitForIdle();
    const ended = running.then(
      () => 'ended without an error',
      (error: unknown) => error,
    );
    await fetch(`${api.apiRoot}/bot${api.token}/getUpdates?timeout=0`);
    expect(await ended).toMatchObject({ code: 409 });
    expect(api.calls.filter((c) => c.method === 'getUpdates').length).toBeGreaterThanOrEqual(3);
    await api.close();
  });
});
