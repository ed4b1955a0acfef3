// GET /metrics on the webhook's server, after real updates through the bot and the fake Bot API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSamples, sampleTotal } from '../helpers/prometheus-text.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { createWebhookDelivery, type WebhookDelivery, webhookEnv } from '../helpers/webhook-delivery.js';

const env = { ...webhookEnv(), INSTANCE_ID: 'metrics-test-1' };
let bot: TestBot;
let hook: WebhookDelivery;
beforeAll(async () => {
  bot = await startTestBot({ env });
  hook = createWebhookDelivery(bot.api, bot.app.webhookPort() ?? 0, env);
});
afterAll(() => bot.stop());
const handled = () => bot.app.deps.background.idle();

async function scrape(): Promise<{ status: number; type: string | null; all: Map<string, number> }> {
  const response = await fetch(`http://127.0.0.1:${bot.app.webhookPort()}/metrics`);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), all: readSamples(text) };
}

describe('GET /metrics', () => {
  it('counts updates received and handled, replies by method and result, store and training times', async () => {
    const before = (await scrape()).all;
    const { user, chat } = bot.member('en');
    bot.api.sendText(chat, user, '/example and');
    bot.api.sendText(chat, user, '1 1 -> 1');
    bot.api.sendText(chat, user, '/train 50');
    expect(await hook.deliver()).toEqual([200, 200, 200]);
    await handled();
    expect(bot.api.calls.some((call) => String(call.payload.text).startsWith('✅ Trained'))).toBe(true);

    const { status, type, all } = await scrape();
    expect(status).toBe(200);
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const grew = (name: string, labels: Record<string, string> = {}) =>
      sampleTotal(all, name, labels) - sampleTotal(before, name, labels);
    const instance = { instance_id: 'metrics-test-1' };
    expect(grew('perceptron_updates_received_total', { source: 'webhook', ...instance })).toBe(3);
    expect(grew('perceptron_updates_applied_total', instance)).toBe(3);
    expect(grew('perceptron_handler_errors_total')).toBe(0);
    const sentOk = bot.api.calls.filter((call) => call.method === 'sendMessage' && call.answer?.ok).length;
    expect(sampleTotal(all, 'perceptron_outgoing_calls_total', { method: 'sendMessage', result: 'ok' })).toBe(
      sentOk,
    );
    expect(
      grew('perceptron_outgoing_calls_total', { method: 'editMessageText', result: 'ok' }),
    ).toBeGreaterThan(0);
    expect(grew('perceptron_training_seconds_count', { ended: 'finished' })).toBe(1);
    expect(
      grew('perceptron_store_seconds_count', { store: 'perceptrons', operation: 'update' }),
    ).toBeGreaterThan(0);
    expect(
      grew('perceptron_store_seconds_count', { store: 'perceptrons', operation: 'read' }),
    ).toBeGreaterThan(0);
    // The typed row, added without a copy of the rows stored.
    expect(grew('perceptron_store_seconds_count', { store: 'perceptrons', operation: 'append' })).toBe(1);
    // Node's own, and the queue's gauge waiting for a queue to set it.
    expect(sampleTotal(all, 'process_resident_memory_bytes', instance)).toBeGreaterThan(0);
    expect(sampleTotal(all, 'nodejs_eventloop_lag_seconds', instance)).toBeGreaterThanOrEqual(0);
  });

  it('counts a handler that failed, and a 429 with the call it ended', async () => {
    const before = (await scrape()).all;
    const { user, chat, t } = bot.member('en');
    // The reply fails with an error the bot does not expect: the handler fails, the apology goes.
    const stopFailing = bot.api.failWith(
      'sendMessage',
      (payload) => String(payload.text).startsWith('👋') || String(payload.text) === t('start.text'),
      { error_code: 400, description: 'Bad Request: something unexpected' },
    );
    bot.api.sendText(chat, user, '/start');
    expect(await hook.deliver()).toEqual([200]);
    expect((await bot.next(chat)).text).toBe(t('errors.internal'));
    stopFailing();
    // Telegram refuses every try of a reply with 429: the limiter retries, then the handler fails.
    const stopRefusing = bot.api.failWith('sendMessage', (payload) => payload.text === t('start.text'), {
      error_code: 429,
      retry_after: 0,
    });
    bot.api.sendText(chat, user, '/start');
    expect(await hook.deliver()).toEqual([200]);
    expect((await bot.next(chat)).text).toBe(t('errors.internal'));
    stopRefusing();
    await handled();

    const { all } = await scrape();
    const grew = (name: string, labels: Record<string, string> = {}) =>
      sampleTotal(all, name, labels) - sampleTotal(before, name, labels);
    expect(grew('perceptron_handler_errors_total')).toBe(2);
    expect(grew('perceptron_outgoing_calls_total', { method: 'sendMessage', result: 'error' })).toBe(1);
    expect(
      grew('perceptron_outgoing_calls_total', { method: 'sendMessage', result: 'too_many_requests' }),
    ).toBe(1);
    // The first try and three retries, each answered 429.
    expect(grew('perceptron_outgoing_429_total', { method: 'sendMessage' })).toBe(4);
  });

  it('answers only GET', async () => {
    expect((await hook.post('{}', { path: '/metrics' })).status).toBe(405);
  });
});
