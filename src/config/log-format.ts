const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const ERROR_LEVEL = 50;
const LONGEST_VALUE = 300;

interface SerializedError {
  type?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  response?: unknown;
}

interface LogRecord {
  level: number;
  time: number;
  msg?: string;
  err?: SerializedError;
  [key: string]: unknown;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

function clockTime(ms: number): string {
  const at = new Date(ms);
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map(twoDigits).join(':');
}

/** A value as `key=value` shows it: bare when it has no space or quote, JSON otherwise, cut when long. */
function formatValue(value: unknown): string {
  const shown = typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return shown.length > LONGEST_VALUE ? `${shown.slice(0, LONGEST_VALUE - 1)}…` : shown;
}

/** A failure with a network code or Telegram's answer is expected; an error without either is a bug. */
const isBug = (level: number, err: SerializedError) =>
  level >= ERROR_LEVEL && err.code === undefined && err.response === undefined;

/**
 * One pino JSON line as `HH:MM:SS LEVEL message key=value …`, for a person at a terminal. An error shows
 * its type and message; its stack only when it looks like a bug. A line that is not JSON stays as it is.
 */
export function formatLogLine(line: string, options: { colors: boolean }): string {
  let record: LogRecord;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  const { level, time, msg, err: error, ...rest } = record;
  const name = (LEVEL_NAMES[level] ?? String(level)).padEnd(5);
  const color = level >= ERROR_LEVEL ? '\x1b[31m' : level >= 40 ? '\x1b[33m' : '';
  const shownLevel = options.colors && color ? `${color}${name}\x1b[39m` : name;
  const fields = Object.entries(rest).map(([key, value]) => `${key}=${formatValue(value)}`);
  if (error) fields.push(`err=${formatValue(`${error.type ?? 'Error'}: ${error.message ?? ''}`)}`);
  const head = [clockTime(time), shownLevel, msg ?? '', ...fields].filter(Boolean).join(' ');
  const stack = error?.stack && isBug(level, error) ? `\n${error.stack}` : '';
  return head + stack;
}
