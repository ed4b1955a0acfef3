import { ConfigError } from './config/config.js';
import { describeCallFailure, readApiFailure } from './telegram/telegram-errors.js';

/** One plain sentence for an error that stops the bot at start, with the token never in it. */
export function describeStartupError(error: unknown, secrets: readonly string[], apiRoot?: string): string {
  const hide = (text: string) => secrets.filter(Boolean).reduce((t, s) => t.replaceAll(s, '[secret]'), text);
  if (error instanceof ConfigError) return error.message;
  const e = error as { code?: unknown; response?: { error_code?: number }; message?: string };
  const status = e.response?.error_code ?? 0;
  if (status === 401 || status === 404) {
    return 'Telegram rejected BOT_TOKEN: check the token from @BotFather in .env.';
  }
  if (status >= 500) {
    return `The Telegram Bot API at ${apiRoot ?? 'api.telegram.org'} kept failing (${hide(e.message ?? String(status))}): try again later, or allow more time with STARTUP_RETRY_SECONDS.`;
  }
  if (
    typeof e.code === 'string' &&
    ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN'].includes(e.code)
  ) {
    return `Could not reach the Telegram Bot API at ${apiRoot ?? 'api.telegram.org'} (${e.code}): check the network or TELEGRAM_API_ROOT.`;
  }
  return hide(e.message ?? String(error));
}

/**
 * One plain sentence, said at the first failed call at start, that the bot cannot reach the Bot API yet
 * and keeps trying; the token never in it.
 */
export function describeStartupRetry(
  error: unknown,
  secrets: readonly string[],
  apiRoot: string | undefined,
  retrySeconds: number,
): string {
  const hide = (text: string) => secrets.filter(Boolean).reduce((t, s) => t.replaceAll(s, '[secret]'), text);
  const where = apiRoot ?? 'api.telegram.org';
  const failure = hide(describeCallFailure(error));
  const trying = `still trying, for up to ${retrySeconds} s (STARTUP_RETRY_SECONDS)…`;
  return readApiFailure(error).code === undefined
    ? `Cannot reach the Telegram Bot API at ${where} (${failure}); ${trying}`
    : `The Telegram Bot API at ${where} answers ${failure}; ${trying}`;
}
