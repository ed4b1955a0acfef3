/** What the limiter needs from a failed Bot API call (telegraf's TelegramError keeps the answer in `response`). */
export interface ApiFailure {
  code: number | undefined;
  description: string;
  /** Seconds, present on 429 Too Many Requests. */
  retryAfter: number | undefined;
}

interface ErrorResponse {
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

export function readApiFailure(error: unknown): ApiFailure {
  const response = (error as { response?: ErrorResponse } | null)?.response;
  const code = typeof response?.error_code === 'number' ? response.error_code : undefined;
  const description = typeof response?.description === 'string' ? response.description : '';
  const retry = response?.parameters?.retry_after;
  return { code, description, retryAfter: typeof retry === 'number' ? retry : undefined };
}

/** Telegram answers 400 when an edit would change nothing; for the bot that edit has succeeded. */
export function isNotModified(failure: ApiFailure): boolean {
  return failure.code === 400 && failure.description.includes('message is not modified');
}

/** A failure worth trying again: the server's 5xx, a 429, or no answer at all (node-fetch's FetchError). */
export function isTransientFailure(error: unknown): boolean {
  const { code } = readApiFailure(error);
  if (code !== undefined) return code >= 500 || code === 429;
  return (error as { name?: unknown } | null)?.name === 'FetchError';
}

/** A failed call in a few words: the network's code (`ECONNREFUSED`), or Telegram's answer (`502: Bad Gateway`). */
export function describeCallFailure(error: unknown): string {
  const { code, description } = readApiFailure(error);
  if (code !== undefined) return description ? `${code}: ${description}` : String(code);
  const network = (error as { code?: unknown } | null)?.code;
  if (typeof network === 'string') return network;
  return error instanceof Error ? error.message : String(error);
}
