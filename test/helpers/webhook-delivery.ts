import { request } from 'node:http';
import type { FakeBotApi, FakeUpdate } from '../../src/dev/fake-bot-api.js';

/** The header Telegram sends setWebhook's secret_token in. */
export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';
/** Environment for webhook mode on a free port; the bot serves POST on /tg/<path>. */
export const webhookEnv = (path = 'updates-7f3a') => ({
  WEBHOOK_URL: `https://bot.example.org/tg/${path}`,
  WEBHOOK_SECRET: 'test-secret_0123456789',
  PORT: '0',
});

export interface WebhookAnswer {
  status: number;
  body: string;
}

export interface PostOptions {
  /** The secret header's value; null sends none. Defaults to the right one. */
  secret?: string | null;
  method?: string;
  /** A path other than the webhook's, e.g. /healthz. */
  path?: string;
}

/** Talks to the bot's HTTP port as Telegram does: one update a POST, with the secret header. */
export interface WebhookDelivery {
  /** The URL the bot serves updates on, on 127.0.0.1. */
  readonly url: string;
  /** Sends a body (an object as JSON, text or bytes as they are) and resolves with the answer. */
  post(body: unknown, options?: PostOptions): Promise<WebhookAnswer>;
  get(path: string): Promise<WebhookAnswer>;
  /**
   * Starts delivering an update: the headers and the first half of its body go now, the rest at finish(),
   * which resolves with the answer. Between the two the request is in flight.
   */
  begin(update: FakeUpdate): { finish(): Promise<WebhookAnswer> };
  /**
   * Delivers every update the fake's users made since the last delivery, one after another as Telegram
   * does for a chat, and resolves with the status each was answered with.
   */
  deliver(): Promise<number[]>;
}

export function createWebhookDelivery(
  api: FakeBotApi,
  port: number,
  env: { WEBHOOK_URL: string; WEBHOOK_SECRET: string },
): WebhookDelivery {
  const path = new URL(env.WEBHOOK_URL).pathname;
  const origin = `http://127.0.0.1:${port}`;
  const send = async (target: string, init: RequestInit): Promise<WebhookAnswer> => {
    const response = await fetch(`${origin}${target}`, init);
    return { status: response.status, body: await response.text() };
  };
  const post: WebhookDelivery['post'] = (body, options = {}) => {
    const secret = options.secret === undefined ? env.WEBHOOK_SECRET : options.secret;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== null) headers[SECRET_HEADER] = secret;
    const payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    return send(options.path ?? path, {
      method: options.method ?? 'POST',
      headers,
      body: payload as RequestInit['body'],
    });
  };
  return {
    url: `${origin}${path}`,
    post,
    get: (target) => send(target, { method: 'GET' }),
    begin(update) {
      const body = Buffer.from(JSON.stringify(update));
      const half = Math.floor(body.length / 2);
      const headers = {
        'content-type': 'application/json',
        'content-length': body.length,
        [SECRET_HEADER]: env.WEBHOOK_SECRET,
      };
      let finishNow = (): void => {};
      const finishing = new Promise<void>((resolve) => {
        finishNow = resolve;
      });
      const answer = new Promise<WebhookAnswer>((resolve, reject) => {
        const req = request(`${origin}${path}`, { method: 'POST', headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        });
        req.on('error', reject);
        req.write(body.subarray(0, half));
        void finishing.then(() => req.end(body.subarray(half)));
      });
      // A request cut off before finish() is the test's to see there, not an unhandled rejection.
      answer.catch(() => undefined);
      return {
        finish() {
          finishNow();
          return answer;
        },
      };
    },
    async deliver() {
      const statuses: number[] = [];
      for (const update of api.takeUpdates() as FakeUpdate[]) statuses.push((await post(update)).status);
      return statuses;
    },
  };
}
