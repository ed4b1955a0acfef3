import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';
import { formatLogLine } from './log-format.js';

export type { Logger };

/**
 * A pino logger that replaces every secret (the bot token) wherever it appears in a line,
 * including inside error messages that quote a request URL. `readable` (a terminal) writes each line as
 * `HH:MM:SS LEVEL message key=value` instead of JSON. With `instance`, every line carries `"instance"`:
 * the process that wrote it, among several instances and workers.
 */
export function createLogger(options: {
  level: LogLevel;
  secrets?: string[];
  destination?: NodeJS.WritableStream;
  readable?: boolean;
  instance?: string;
}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const out = options.destination ?? process.stdout;
  const hide = (line: string) => secrets.reduce((text, secret) => text.replaceAll(secret, '[secret]'), line);
  const destination: DestinationStream = {
    write(line: string) {
      const hidden = hide(line);
      out.write(options.readable ? `${formatLogLine(hidden.trimEnd(), { colors: true })}\n` : hidden);
    },
  };
  const base = options.instance === undefined ? undefined : { instance: options.instance };
  return pino({ level: options.level, base }, destination);
}
