/** The URL as it may be shown: without its password. */
export function describeDatabaseUrl(url: string): string {
  if (!URL.canParse(url)) return 'DATABASE_URL';
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'ENOENT',
]);

/**
 * One sentence for a database the bot cannot use at start, naming DATABASE_URL (never its password) and
 * what to do; the error's own message for anything else.
 */
export function describeDatabaseError(url: string, error: unknown): string {
  const where = `PostgreSQL at ${describeDatabaseUrl(url)}`;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const said = typeof message === 'string' && message !== '' ? message : String(code ?? error);
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) {
    return `Could not reach ${where} (${code}): start PostgreSQL, or fix DATABASE_URL in .env.`;
  }
  if (said.includes('timeout')) {
    return `${where} did not answer in time (${said}): start PostgreSQL, or fix DATABASE_URL in .env.`;
  }
  // 28xxx: the server refused the login; 3D000: no such database.
  if (typeof code === 'string' && (code.startsWith('28') || code === '3D000')) {
    return `${where} refused the connection (${said}): fix DATABASE_URL in .env.`;
  }
  return `${where} failed at start (${said}): check DATABASE_URL in .env and the server's log.`;
}
