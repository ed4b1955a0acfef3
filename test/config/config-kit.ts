import { expect } from 'vitest';
import { type Config, ConfigError, parseConfig } from '../../src/config/config.js';

/** A bot token of the shape BotFather hands out. */
export const token = '123456:abc-DEF_ghi';

/**
 * The configuration of `env` as the bot reads it: a valid BOT_TOKEN under env, which env may replace, or
 * remove by setting it undefined. With `requireToken` false (the terminal chat, a worker), env as it is.
 */
export function parse(env: NodeJS.ProcessEnv, requireToken = true): Config {
  return parseConfig(requireToken ? { BOT_TOKEN: token, ...env } : env, { requireToken });
}

/** The message of the ConfigError that parse(env, requireToken) throws; the test fails when it throws none. */
export function messageOf(env: NodeJS.ProcessEnv, requireToken = true): string {
  try {
    parse(env, requireToken);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
