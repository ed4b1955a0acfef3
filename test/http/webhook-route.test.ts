import type { Update } from 'telegraf/types';
import { describe, expect, it } from 'vitest';
import { createWebhookRoute, MAX_UPDATE_BYTES, SECRET_HEADER } from '../../src/http/webhook-route.js';
import { serveRoutes } from './serve-routes.js';

const SECRET = 'route-secret_42';
const update = {
  update_id: 17,
  message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: 'hi' },
};

/** The webhook route on a real server, with an accept whose outcome the test decides. */
async function serveWebhook(outcome: () => Promise<boolean> = async () => true) {
  const accepted: Update[] = [];
  const served = await serveRoutes((router, logger) =>
    router.mount(
      'POST',
      '/hook',
      createWebhookRoute({
        secret: SECRET,
        logger,
        accept: (taken) => {
          accepted.push(taken);
          return outcome();
        },
      }),
    ),
  );
  const post = (body: RequestInit['body'], headers: Record<string, string> = { [SECRET_HEADER]: SECRET }) =>
    fetch(`${served.origin}/hook`, { method: 'POST', headers, body: body ?? null });
  return { ...served, accepted, post };
}

describe('the webhook route', () => {
  it('answers 200 only once the update is recorded, not before', async () => {
    let record: (saved: boolean) => void = () => {};
    const recorded = new Promise<boolean>((resolve) => {
      record = resolve;
    });
    const { post, accepted } = await serveWebhook(() => recorded);
    let answered = false;
    const answer = post(JSON.stringify(update)).then((response) => {
      answered = true;
      return response;
    });
    await expect.poll(() => accepted.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    record(true);
    expect((await answer).status).toBe(200);
    expect(accepted).toEqual([update]);
  });

  it('answers 500 when the update could not be recorded, so that Telegram sends it again', async () => {
    const { post } = await serveWebhook(async () => false);
    expect((await post(JSON.stringify(update))).status).toBe(500);
  });

  it.each([
    ['no secret', {}],
    ['a wrong secret', { [SECRET_HEADER]: 'route-secret_43' }],
    ['a longer secret', { [SECRET_HEADER]: `${SECRET}x` }],
    ['an empty secret', { [SECRET_HEADER]: '' }],
  ])('answers 401 to %s and takes nothing', async (_name, headers) => {
    const { post, accepted, logs } = await serveWebhook();
    const answer = await post(JSON.stringify(update), headers);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('connection')).toBe('close');
    expect(accepted).toEqual([]);
    expect(logs.map((line) => line.msg)).toContain('a webhook request without the secret was refused');
  });

  it('answers 413 to a body over 1 MB, declared or sent in chunks, and takes nothing', async () => {
    const { post, accepted, origin } = await serveWebhook();
    const big = JSON.stringify({ ...update, padding: 'x'.repeat(MAX_UPDATE_BYTES) });
    expect((await post(big)).status).toBe(413);
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 17; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        controller.close();
      },
    });
    const streamed = await fetch(`${origin}/hook`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: SECRET },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(accepted).toEqual([]);
  });

  it('takes a body of exactly 1 MB', async () => {
    const { post, accepted } = await serveWebhook();
    const text = JSON.stringify(update);
    const exact = text.slice(0, -1) + ' '.repeat(MAX_UPDATE_BYTES - text.length) + text.slice(-1);
    expect(Buffer.byteLength(exact)).toBe(MAX_UPDATE_BYTES);
    expect((await post(exact)).status).toBe(200);
    expect(accepted).toHaveLength(1);
  });

  it.each([
    ['an empty body', ''],
    ['cut-off JSON', JSON.stringify(update).slice(0, -2)],
    ['not JSON', 'update_id=17'],
    ['a JSON array of updates', JSON.stringify([update])],
    ['null', 'null'],
    ['no update_id', JSON.stringify({ message: update.message })],
    ['a negative update_id', JSON.stringify({ ...update, update_id: -3 })],
    ['a fractional update_id', JSON.stringify({ ...update, update_id: 1.5 })],
    ['an update_id beyond safe integers', '{"update_id": 9007199254740993}'],
  ])('answers 400 to %s and takes nothing', async (_name, body) => {
    const { post, accepted } = await serveWebhook();
    expect((await post(body)).status).toBe(400);
    expect(accepted).toEqual([]);
  });
});
