import { createHmac, timingSafeEqual } from 'node:crypto';

/** initData older than this is refused: a link copied yesterday opens nothing. */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;
/** A client clock this far ahead of ours still passes. */
export const INIT_DATA_CLOCK_SKEW_SECONDS = 60;

/** What the server takes from initData once its signature holds; nothing else in it is trusted. */
export interface VerifiedInitData {
  userId: number;
  firstName: string;
  /** The user's Telegram language, e.g. `ru`; the profile's choice goes first. */
  languageCode?: string;
  /** The `startapp` of the link that opened the app. */
  startParam?: string;
  /** Seconds since 1970, when Telegram signed it. */
  authDate: number;
}

export type InitDataCheck =
  | { ok: true; data: VerifiedInitData }
  | {
      ok: false;
      reason: 'malformed' | 'missing-hash' | 'bad-hash' | 'expired' | 'from-the-future' | 'no-user';
    };

/**
 * Checks initData as Telegram says: the key is HMAC-SHA256 of the bot token under the key "WebAppData", and
 * the hash is the hex HMAC-SHA256, under that key, of every field but `hash` as sorted `key=value` lines.
 * Compared in constant time; then auth_date must be at most a day old and not ahead of `nowSeconds`.
 */
export function checkInitData(raw: string, botToken: string, nowSeconds: number): InitDataCheck {
  const fields = readFields(raw);
  if (!fields) return { ok: false, reason: 'malformed' };
  const hash = fields.get('hash');
  if (hash === undefined) return { ok: false, reason: 'missing-hash' };
  fields.delete('hash');
  if (!hashMatches(hash, signInitData(fields, botToken))) return { ok: false, reason: 'bad-hash' };
  const authDate = Number(fields.get('auth_date'));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return { ok: false, reason: 'malformed' };
  if (authDate > nowSeconds + INIT_DATA_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'from-the-future' };
  if (nowSeconds - authDate > INIT_DATA_MAX_AGE_SECONDS) return { ok: false, reason: 'expired' };
  const user = readUser(fields.get('user'));
  if (!user) return { ok: false, reason: 'no-user' };
  const startParam = fields.get('start_param');
  return { ok: true, data: { ...user, authDate, ...(startParam ? { startParam } : {}) } };
}

/** The hex hash Telegram would put on these fields (`hash` not among them). */
export function signInitData(fields: ReadonlyMap<string, string>, botToken: string): string {
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const lines = [...fields].map(([key, value]) => `${key}=${value}`).sort();
  return createHmac('sha256', secret).update(lines.join('\n')).digest('hex');
}

/** The fields of a query string; undefined when a key comes twice (which one was signed?). */
function readFields(raw: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(raw)) {
    if (fields.has(key)) return undefined;
    fields.set(key, value);
  }
  return fields;
}

function hashMatches(given: string, expected: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}

function readUser(json: string | undefined): Omit<VerifiedInitData, 'authDate' | 'startParam'> | undefined {
  if (json === undefined) return undefined;
  let user: unknown;
  try {
    user = JSON.parse(json);
  } catch {
    return undefined;
  }
  const { id, first_name, language_code } = (user ?? {}) as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  return {
    userId: id,
    firstName: typeof first_name === 'string' ? first_name : '',
    ...(typeof language_code === 'string' ? { languageCode: language_code } : {}),
  };
}
