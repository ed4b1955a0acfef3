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
});
