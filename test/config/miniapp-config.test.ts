import { describe, expect, it } from 'vitest';
import { messageOf, parse } from './config-kit.js';

describe('Mini App configuration', () => {
  it('is absent without PUBLIC_URL, even with a short name: nothing of the app appears', () => {
    expect(parse({}).miniApp).toBeUndefined();
    expect(parse({ PUBLIC_URL: ' ', MINIAPP_SHORT_NAME: 'lab' }).miniApp).toBeUndefined();
  });

  it('takes an https PUBLIC_URL without its trailing slash, the short name and PORT', () => {
    expect(parse({ PUBLIC_URL: 'https://bot.example.org/', PORT: '9000' }).miniApp).toEqual({
      publicUrl: 'https://bot.example.org',
      port: 9000,
    });
    expect(parse({ PUBLIC_URL: 'https://bot.example.org', MINIAPP_SHORT_NAME: 'lab' }).miniApp).toEqual({
      publicUrl: 'https://bot.example.org',
      shortName: 'lab',
      port: 8080,
    });
  });

  it('stops with one sentence naming PUBLIC_URL when it is not https', () => {
    for (const bad of ['http://bot.example.org', 'bot.example.org', 'https://bot.example.org/?x=1']) {
      const message = messageOf({ PUBLIC_URL: bad });
      expect(message).toMatch(/^PUBLIC_URL must be/);
      expect(message).toContain('Fix it in .env');
    }
  });

  it('stops with one sentence naming MINIAPP_SHORT_NAME when it cannot be a short name', () => {
    const message = messageOf({ PUBLIC_URL: 'https://bot.example.org', MINIAPP_SHORT_NAME: 'my app' });
    expect(message).toMatch(/^MINIAPP_SHORT_NAME must be/);
  });
});
