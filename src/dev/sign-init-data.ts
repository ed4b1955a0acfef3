import { createHmac } from 'node:crypto';

/** The user Telegram describes in initData (its JSON field `user`). */
export interface InitDataUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface InitDataFields {
  user: InitDataUser;
  /** Seconds since 1970; now when absent. */
  auth_date?: number;
  /** The `startapp` of a t.me link, e.g. a group's `gm1001234567890`. */
  start_param?: string;
}

/**
 * initData as Telegram would hand it to a Mini App opened by `user`, signed with `botToken`: the query
 * string whose `hash` is the hex HMAC-SHA256, under HMAC-SHA256("WebAppData", token), of the other fields
 * as sorted `key=value` lines. For tests and the terminal chat, which have no Telegram to sign it.
 */
export function signInitData(botToken: string, fields: InitDataFields): string {
  const values = new Map<string, string>([
    ['auth_date', String(fields.auth_date ?? Math.floor(Date.now() / 1000))],
    ['query_id', `AAH${fields.user.id.toString(36)}`],
    ['user', JSON.stringify(fields.user)],
  ]);
  if (fields.start_param !== undefined) values.set('start_param', fields.start_param);
  const lines = [...values].map(([key, value]) => `${key}=${value}`).sort();
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const hash = createHmac('sha256', secret).update(lines.join('\n')).digest('hex');
  const query = new URLSearchParams([...values, ['hash', hash]]);
  return query.toString();
}
