import { describe, expect, it } from 'vitest';
import { messageOf, parse } from './config-kit.js';

const url = 'https://bot.example.org/tg/updates-7f3a';
const secret = 'Secret_0123-abc';

describe('webhook configuration', () => {
  it('is absent without WEBHOOK_URL, whatever else is set: the bot polls', () => {
    expect(parse({}).webhook).toBeUndefined();
    expect(parse({ WEBHOOK_URL: '  ', WEBHOOK_SECRET: secret, PORT: '9000' }).webhook).toBeUndefined();
  });

  it('serves the path of WEBHOOK_URL on PORT 8080 with 40 connections by default', () => {
    expect(parse({ WEBHOOK_URL: url, WEBHOOK_SECRET: secret }).webhook).toEqual({
      url,
      path: '/tg/updates-7f3a',
      secret,
      port: 8080,
      maxConnections: 40,
    });
  });

  it('reads PORT and WEBHOOK_MAX_CONNECTIONS', () => {
    const env = { WEBHOOK_URL: url, WEBHOOK_SECRET: secret, PORT: '3000', WEBHOOK_MAX_CONNECTIONS: '100' };
    expect(parse(env).webhook).toMatchObject({ port: 3000, maxConnections: 100 });
  });

  it('needs WEBHOOK_SECRET with WEBHOOK_URL, and says so in one sentence', () => {
    const message = messageOf({ WEBHOOK_URL: url });
    expect(message).toMatch(/^WEBHOOK_SECRET is missing/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it.each([
    ['WEBHOOK_URL', 'bot.example.org/tg'],
    ['WEBHOOK_URL', 'ftp://bot.example.org/tg'],
    ['WEBHOOK_URL', 'https://bot.example.org/healthz'],
    ['WEBHOOK_SECRET', 'has space'],
    ['WEBHOOK_SECRET', 'ünïcode'],
    ['WEBHOOK_SECRET', 'x'.repeat(257)],
    ['PORT', '65536'],
    ['PORT', 'http'],
    ['WEBHOOK_MAX_CONNECTIONS', '0'],
    ['WEBHOOK_MAX_CONNECTIONS', '101'],
  ])('names %s when its value %j is bad', (name, value) => {
    const message = messageOf({ WEBHOOK_URL: url, WEBHOOK_SECRET: secret, [name]: value });
    expect(message.startsWith(name)).toBe(true);
    expect(message).toContain('.env');
  });

  it('takes a secret of 256 characters, and never puts a bad one into the message', () => {
    expect(parse({ WEBHOOK_URL: url, WEBHOOK_SECRET: 'a'.repeat(256) }).webhook?.secret).toHaveLength(256);
    expect(messageOf({ WEBHOOK_URL: url, WEBHOOK_SECRET: 'secret with spaces' })).not.toContain(
      'with spaces',
    );
  });
});
