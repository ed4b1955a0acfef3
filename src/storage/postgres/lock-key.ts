import { createHash } from 'node:crypto';

/**
 * The advisory lock that one document's updates take in turn, in every instance of the bot: a signed
 * 64-bit number (as text, for `pg_advisory_xact_lock($1)`) from a hash of the store's name and the key.
 * Two documents that happen to share a number only wait for each other; nothing is ever mixed up.
 */
export function documentLockKey(store: string, key: string): string {
  return createHash('sha256').update(`${store}\u0000${key}`).digest().readBigInt64BE(0).toString();
}
