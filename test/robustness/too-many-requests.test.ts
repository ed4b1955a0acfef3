import { describe, expect, it } from 'vitest';
import type { LimiterEvent } from '../../src/telegram/rate-limit.js';
import { startInProcessBot } from './kit/in-process-bot.js';
import { randomRows } from './kit/stored-data.js';
import { createRandom } from './kit/temp.js';

const isProgressEdit = (method: string, payload: Record<string, unknown>) =>
  method === 'editMessageText' && String(payload.text).startsWith('🧠');

describe('a progress edit answered 429 Too Many Requests', () => {
  it('is dropped, not retried, and the training result is still delivered', async () => {
    const events: LimiterEvent[] = [];
    const env = { MAX_TRAINING_COST: '1000000000', MAX_EPOCHS: '1000000' };
    const { api } = await startInProcessBot(env, {
      outgoing: { onEvent: (event) => events.push(event) },
      progressIntervalMs: { private: 0, group: 0 },
    });
    const ann = api.user(31, { language_code: 'en' });
    const chat = api.privateChat(ann);
    const lines = randomRows(createRandom(7), 100, 32).map((r) => `${r.inputs.join(' ')} -> ${r.output}`);
    for (const part of [lines.slice(0, 50), lines.slice(50)]) {
      api.sendText(chat, ann, `/add ${part.join('\n')}`);
      await api.waitForMessage(chat.id, (m) => m.text?.startsWith('✅ Added') ?? false);
    }
    api.failWith('editMessageText', (payload) => isProgressEdit('editMessageText', payload), {
      error_code: 429,
      retry_after: 1,
    });

    api.sendText(chat, ann, '/train 300000');
    const result = await api.waitForMessage(
      chat.id,
      (m) => m.text?.startsWith('✅ Trained') ?? false,
      30_000,
    );

    expect(result.text).toContain('300,000');
    const progressEdits = api.calls.filter((call) => isProgressEdit(call.method, call.payload));
    expect(progressEdits.length).toBeGreaterThan(0);
    expect(progressEdits.every((call) => call.answer?.ok === false)).toBe(true);
    const texts = progressEdits.map((call) => call.payload.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'dropped', method: 'editMessageText', reason: 'too-many-requests' }),
    );
    expect(events.filter((event) => event.type === 'retry')).toEqual([]);
  });
});
