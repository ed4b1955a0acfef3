import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'telegraf/types';
import type { StoreLogger } from '../storage/index.js';
import { isValidUpdateId } from '../telegram/update-journal.js';
import { readBody } from './read-body.js';
import type { RouteHandler } from './router.js';
import { sendJson } from './send-json.js';

/** The header Telegram puts setWebhook's secret_token in. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are far smaller; anything above is refused unread. */
export const MAX_UPDATE_BYTES = 1024 * 1024;

export interface WebhookRouteOptions {
  secret: string;
  /** Resolves true once the update is durably recorded (or was before), false when it could not be. */
  accept(update: Update): Promise<boolean>;
  logger: StoreLogger;
  maxBodyBytes?: number;
}

/**
 * POST of one update from Telegram: 401 without the secret, 413 above the size limit, 400 for a body that
 * is not an update, 200 once the update is recorded, 500 when it could not be (Telegram sends it again).
 * Handling goes on after the answer; nothing is handled for a request that is refused.
 */
export function createWebhookRoute(options: WebhookRouteOptions): RouteHandler {
  const maxBytes = options.maxBodyBytes ?? MAX_UPDATE_BYTES;
  const expected = digest(options.secret);
  return async (request, response) => {
    const given = request.headers[SECRET_HEADER];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      options.logger.warn(
        { secret: given === undefined ? 'missing' : 'wrong' },
        'a webhook request without the secret was refused',
      );
      // The body of a stranger is not read: the connection ends with the answer.
      response.setHeader('connection', 'close');
      return sendJson(response, 401, { ok: false, error: 'unauthorized' });
    }
    const body = await readBody(request, maxBytes);
    if (body === 'too-large') {
      options.logger.warn({ maxBytes }, 'a webhook request larger than the limit was refused');
      response.setHeader('connection', 'close');
      return sendJson(response, 413, { ok: false, error: 'payload too large' });
    }
    const update = parseUpdate(body);
    if (!update) {
      options.logger.warn({ bytes: body.length }, 'a webhook request that is not an update was refused');
      return sendJson(response, 400, { ok: false, error: 'not an update' });
    }
    if (await options.accept(update)) return sendJson(response, 200, { ok: true });
    sendJson(response, 500, { ok: false, error: 'not saved; send it again' });
  };
}

/** Equal lengths for timingSafeEqual, whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A JSON object with a usable update_id, or undefined. */
function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    const id = (value as { update_id?: unknown } | null)?.update_id;
    return typeof value === 'object' && !Array.isArray(value) && isValidUpdateId(id)
      ? (value as Update)
      : undefined;
  } catch {
    return undefined;
  }
}
