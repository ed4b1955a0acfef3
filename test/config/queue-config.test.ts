import { describe, expect, it } from 'vitest';
import { messageOf, parse, token } from './config-kit.js';

describe('queue configuration', () => {
  it('is absent without REDIS_URL, whatever else is set: trainings run in this process', () => {
    expect(parse({}).queue).toBeUndefined();
    expect(parse({ REDIS_URL: ' ', REDIS_PREFIX: 'x', QUEUE_STALLED_SECONDS: '5' }).queue).toBeUndefined();
  });

  it('takes a redis:// or rediss:// URL, with the defaults of the other variables', () => {
    expect(parse({ BOT_TOKEN: token, REDIS_URL: 'redis://127.0.0.1:6379' }).queue).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'perceptron:123456:queue',
      stalledSeconds: 30,
      handoverSeconds: 10,
    });
    const env = {
      BOT_TOKEN: token,
      REDIS_URL: 'rediss://user:secret@redis.example.org:6380/2',
      REDIS_PREFIX: 'school:7a:',
      QUEUE_STALLED_SECONDS: '2',
      QUEUE_HANDOVER_SECONDS: '1',
    };
    expect(parse(env).queue).toEqual({
      redisUrl: env.REDIS_URL,
      prefix: 'school:7a:123456:queue',
      stalledSeconds: 2,
      handoverSeconds: 1,
    });
  });

  it("names the queue after the bot's id, never its secret: two bots on one Redis share no job", () => {
    const [one, two] = ['111:first-secret', '222:second-secret'].map(
      (token) => parse({ BOT_TOKEN: token, REDIS_URL: 'redis://127.0.0.1:6379' }).queue?.prefix,
    );
    expect([one, two]).toEqual(['perceptron:111:queue', 'perceptron:222:queue']);
    expect(messageOf({ REDIS_URL: 'redis://127.0.0.1:6379' }, false)).toBe(
      "BOT_TOKEN is missing: with REDIS_URL the bot's keys in Redis are named after the bot's id, the digits that start its token; put the token from @BotFather in .env (see .env.example).",
    );
  });

  it('refuses anything else in one sentence naming the variable', () => {
    expect(messageOf({ REDIS_URL: 'http://127.0.0.1:6379' })).toBe(
      'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379. Fix it in .env (see .env.example).',
    );
    expect(messageOf({ REDIS_URL: 'redis://x', QUEUE_STALLED_SECONDS: '0' })).toMatch(
      /^QUEUE_STALLED_SECONDS /,
    );
    expect(messageOf({ REDIS_URL: 'redis://x', QUEUE_HANDOVER_SECONDS: '601' })).toMatch(
      /^QUEUE_HANDOVER_SECONDS /,
    );
  });
});
