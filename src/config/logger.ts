import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * A pino logger that replaces every secret (the bot token) wherever it appears in a line,
 * including inside error messages that quote a request URL.
 */
export function createLogger(options: {
  level: LogLevel;
  secrets?: string[];
  destination?: NodeJS.WritableStream;
}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const out = options.destination ?? process.stdout;
  const destination: DestinationStream = {
    write(line: string) {
      out.write(secrets.reduce((text, secret) => text.replaceAll(secret, '[secret]'), line));
    },
  };
  return pino({ level: options.level, base: undefined }, destination);
}
