import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src/config/log-format.js';
import { createLogger } from '../../src/config/logger.js';

/** A logger writing to an array, as a terminal (readable) or as a pipe (JSON) would get it. */
function capture(readable: boolean) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'info', secrets: ['123:secret'], destination, readable });
  return { logger, lines };
}

/** What node-fetch throws when nothing listens: a network code, and a URL with the token in it. */
class FetchError extends Error {
  readonly code = 'ECONNREFUSED';
}
const connectionRefused = () => new FetchError('request to http://127.0.0.1:9/bot123:secret/getMe failed');

const STACK_LINE = /^\s+at /m;

describe('log lines for a person at a terminal', () => {
  it('are one short line: time, level, message, then key=value, with no stack for a network failure', () => {
    const { logger, lines } = capture(true);
    logger.warn({ call: 'getMe', attempt: 1, err: connectionRefused() }, 'a call at start failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d /);
    expect(lines[0]?.slice('12:00:00 '.length)).toBe(
      '\x1b[33mWARN \x1b[39m a call at start failed call=getMe attempt=1 err="FetchError: request to http://127.0.0.1:9/bot[secret]/getMe failed"',
    );
    expect(lines.join('\n')).not.toMatch(STACK_LINE);
  });

  it('show the stack of an error that is a bug, under its line', () => {
    const { logger, lines } = capture(true);
    logger.error({ err: new TypeError('x is undefined') }, 'a handler failed');
    expect(lines[0]).toMatch(/ERROR.* a handler failed err="TypeError: x is undefined"$/);
    expect(lines.slice(1).join('\n')).toMatch(STACK_LINE);
  });

  it('stay JSON, one object a line, when the output is not a terminal', () => {
    const { logger, lines } = capture(false);
    logger.warn({ call: 'getMe', attempt: 1 }, 'a call at start failed');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 40,
      call: 'getMe',
      msg: 'a call at start failed',
    });
  });

  it('quote values with spaces or quotes, and pass a line that is not JSON through', () => {
    const line = JSON.stringify({ level: 30, time: 0, msg: 'm', name: 'Ann "A" Lee', n: 2, ok: true });
    expect(formatLogLine(line, { colors: false })).toMatch(
      /^\d\d:\d\d:\d\d INFO {2}m name="Ann \\"A\\" Lee" n=2 ok=true$/,
    );
    expect(formatLogLine('not json', { colors: false })).toBe('not json');
  });
});
