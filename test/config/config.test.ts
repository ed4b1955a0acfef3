import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { messageOf, parse, token } from './config-kit.js';

describe('parseConfig', () => {
  it('uses the documented defaults', () => {
    const config = parse({});
    expect(config).toMatchObject({
      dataDir: './data',
      defaultLanguage: 'en',
      logLevel: 'info',
      startupRetrySeconds: 60,
    });
    expect(config.limits).toEqual({
      maxRows: 1000,
      maxInputs: 32,
      maxEpochs: 100_000,
      maxTrainingCost: 160_000_000,
      maxPopulation: 200,
      maxMessageLength: 4096,
      messagesPerMinute: 30,
      trainingWorkers: 0,
      workerNice: 19,
      maxFileBytes: 1_048_576,
      maxDataMessages: 3,
      exerciseSubmissions: 10,
      exerciseMaxMinutes: 240,
      exerciseTasksPerTeacher: 50,
    });
    expect(config.timeouts).toEqual({ apiSeconds: 15, shutdownSeconds: 5 });
  });

  it('reads STARTUP_RETRY_SECONDS from 0 to 3600, and names it when it is out of range', () => {
    expect(parse({ STARTUP_RETRY_SECONDS: '0' }).startupRetrySeconds).toBe(0);
    expect(messageOf({ STARTUP_RETRY_SECONDS: '3601' })).toMatch(
      /^STARTUP_RETRY_SECONDS must be a whole number from 0 to 3600/,
    );
  });

  it('stops with one sentence naming BOT_TOKEN when it is missing or blank', () => {
    for (const env of [{ BOT_TOKEN: undefined }, { BOT_TOKEN: '  ' }]) {
      const message = messageOf(env);
      expect(message).toMatch(/^BOT_TOKEN is missing/);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('does not need a token when asked not to (the terminal chat)', () => {
    expect(parse({}, false).botToken).toBeUndefined();
  });

  it.each([
    ['BOT_TOKEN', 'not a token'],
    ['TELEGRAM_API_ROOT', 'localhost:8081'],
    ['DEFAULT_LANGUAGE', 'de'],
    ['LOG_LEVEL', 'loud'],
    ['MAX_ROWS', '0'],
    ['MAX_INPUTS', '33'],
    ['MAX_EPOCHS', '1.5'],
    ['MAX_TRAINING_COST', 'lots'],
    ['MAX_TRAINING_COST', '100000000001'],
    ['MAX_MESSAGE_LENGTH', '-1'],
    ['MESSAGES_PER_MINUTE', '0'],
    ['TRAINING_WORKERS', '65'],
    ['MAX_POPULATION', '2'],
    ['API_TIMEOUT_SECONDS', '0'],
    ['SHUTDOWN_SECONDS', '2.5'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1/perceptron'],
    ['DATABASE_URL', 'postgres:127.0.0.1/perceptron'],
  ])('names %s when its value %j is bad', (name, value) => {
    const message = messageOf({ [name]: value });
    expect(message.startsWith(name)).toBe(true);
    expect(message).toContain('.env');
  });

  it('takes a training cost up to 10¹¹ multiply-adds, for a machine that trains fast', () => {
    expect(parse({ MAX_TRAINING_COST: '100000000000' }).limits.maxTrainingCost).toBe(100_000_000_000);
  });

  it('keeps documents in lowdb files unless DATABASE_URL names a PostgreSQL database', () => {
    expect(parse({}).databaseUrl).toBeUndefined();
    const url = 'postgresql://bot:secret@db.internal:5432/perceptron?sslmode=require';
    expect(parse({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(messageOf({ DATABASE_URL: 'perceptron' })).toBe(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://bot:password@127.0.0.1:5432/perceptron. Fix it in .env (see .env.example).',
    );
  });

  it('shares nothing in Redis unless REDIS_URL names a Redis server, under REDIS_PREFIX', () => {
    const plain = parse({});
    expect(plain.redisUrl).toBeUndefined();
    expect(plain.redisPrefix).toBe('perceptron');
    const config = parse({
      REDIS_URL: 'rediss://:secret@cache.internal:6380/2',
      REDIS_PREFIX: 'school-1',
    });
    expect(config.redisUrl).toBe('rediss://:secret@cache.internal:6380/2');
    expect(config.redisPrefix).toBe('school-1');
    expect(messageOf({ REDIS_URL: '127.0.0.1:6379' })).toBe(
      'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379. Fix it in .env (see .env.example).',
    );
    expect(messageOf({ REDIS_PREFIX: 'a b' })).toMatch(/^REDIS_PREFIX must be /);
  });

  it('names the instance by INSTANCE_ID, or by the host name and the process id', () => {
    expect(parse({ INSTANCE_ID: 'bot-2' }).instanceId).toBe('bot-2');
    expect(parse({}).instanceId).toBe(`${hostname().replace(/[^A-Za-z0-9_.:-]/g, '-')}-${process.pid}`);
    expect(messageOf({ INSTANCE_ID: 'two words' })).toMatch(/^INSTANCE_ID must be /);
  });

  it('serves metrics on a port of their own only with METRICS_PORT', () => {
    expect(parse({}).metricsPort).toBeUndefined();
    expect(parse({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(messageOf({ METRICS_PORT: '70000' })).toBe(
      'METRICS_PORT must be a whole number from 0 to 65535. Fix it in .env (see .env.example).',
    );
  });

  it('never puts the token into an error message', () => {
    expect(messageOf({ MAX_ROWS: 'x' })).not.toContain(token);
  });

  it('reads limits and trims the API root', () => {
    const config = parse({ MAX_ROWS: '50', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' });
    expect(config.limits.maxRows).toBe(50);
    expect(config.telegramApiRoot).toBe('http://127.0.0.1:8081');
  });

  it('reads DOCS_URL as the address of a folder, ending in a slash; none by default', () => {
    expect(parse({}).docsUrl).toBeUndefined();
    const folder = 'https://github.com/school/perceptron-bot/blob/main/docs/';
    expect(parse({ DOCS_URL: folder }).docsUrl).toBe(folder);
    expect(parse({ DOCS_URL: folder.slice(0, -1) }).docsUrl).toBe(folder);
  });

  it('stops with one sentence naming DOCS_URL when it is not an http(s) folder address', () => {
    for (const bad of ['docs/', 'ftp://example.org/docs/', 'https://example.org/docs/?tab=1']) {
      const message = messageOf({ DOCS_URL: bad });
      expect(message).toMatch(/^DOCS_URL must be /);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('reads JOURNAL_LEASE_SECONDS and JOURNAL_WAIT_SECONDS from 1 to 600 (15 and 30 by default), naming them when out of range', () => {
    expect(parse({}).journal).toEqual({ leaseSeconds: 15, waitSeconds: 30 });
    expect(parse({ JOURNAL_LEASE_SECONDS: '2', JOURNAL_WAIT_SECONDS: '600' }).journal).toEqual({
      leaseSeconds: 2,
      waitSeconds: 600,
    });
    expect(messageOf({ JOURNAL_LEASE_SECONDS: '0' })).toMatch(
      /^JOURNAL_LEASE_SECONDS must be a whole number from 1 to 600/,
    );
    expect(messageOf({ JOURNAL_WAIT_SECONDS: '601' })).toMatch(
      /^JOURNAL_WAIT_SECONDS must be a whole number from 1 to 600/,
    );
  });

  it('is documented variable by variable in .env.example', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(
      [
        'BOT_TOKEN',
        'TELEGRAM_API_ROOT',
        'DATA_DIR',
        'DATABASE_URL',
        'DEFAULT_LANGUAGE',
        'LOG_LEVEL',
        'STARTUP_RETRY_SECONDS',
        'MAX_ROWS',
        'MAX_INPUTS',
        'MAX_EPOCHS',
        'MAX_TRAINING_COST',
        'MAX_MESSAGE_LENGTH',
        'MESSAGES_PER_MINUTE',
        'MAX_FILE_BYTES',
        'MAX_DATA_MESSAGES',
        'TRAINING_WORKERS',
        'WORKER_NICE',
        'MAX_POPULATION',
        'API_TIMEOUT_SECONDS',
        'SHUTDOWN_SECONDS',
        'JOURNAL_LEASE_SECONDS',
        'JOURNAL_WAIT_SECONDS',
        'EXERCISE_SUBMISSIONS',
        'EXERCISE_MAX_MINUTES',
        'EXERCISE_TASKS_PER_TEACHER',
        'WEBHOOK_URL',
        'WEBHOOK_SECRET',
        'PORT',
        'WEBHOOK_MAX_CONNECTIONS',
        'PUBLIC_URL',
        'MINIAPP_SHORT_NAME',
        'DOCS_URL',
        'REDIS_URL',
        'REDIS_PREFIX',
        'INSTANCE_ID',
        'METRICS_PORT',
        'QUEUE_STALLED_SECONDS',
        'QUEUE_HANDOVER_SECONDS',
      ].sort(),
    );
    expect(() =>
      parse(Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]])), false),
    ).not.toThrow();
  });
});
