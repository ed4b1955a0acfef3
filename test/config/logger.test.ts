import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';

describe('createLogger', () => {
  it('replaces the token wherever it appears, including inside an error that quotes a URL', () => {
    const token = '123456:secret-token';
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', secrets: [token], destination });
    logger.error(
      { err: new Error(`request to http://127.0.0.1/bot${token}/getMe failed`) },
      `token ${token}`,
    );
    const output = lines.join('');
    expect(output).toContain('[secret]');
    expect(output).not.toContain(token);
    expect(output).not.toContain('secret-token');
  });

  it("puts the instance into every line, its children's too, when given one", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination, instance: 'bot-2' });
    logger.info('one');
    logger.child({ module: 'store' }).warn({ key: 'k' }, 'two');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((line) => [line.msg, line.instance])).toEqual([
      ['one', 'bot-2'],
      ['two', 'bot-2'],
    ]);
    const plain: string[] = [];
    createLogger({
      level: 'info',
      destination: new Writable({
        write(chunk, _encoding, done) {
          plain.push(String(chunk));
          done();
        },
      }),
    }).info('three');
    expect(JSON.parse(plain[0] ?? '{}')).not.toHaveProperty('instance');
  });
});
