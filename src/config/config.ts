import { hostname } from 'node:os';
import { z } from 'zod';

/** Everything the bot reads from the environment, validated once at start. */
export interface Config {
  botToken?: string;
  telegramApiRoot?: string;
  dataDir: string;
  /** Set when every document lives in PostgreSQL (DATABASE_URL) instead of lowdb files in dataDir. */
  databaseUrl?: string;
  defaultLanguage: Language;
  logLevel: LogLevel;
  /** How long getMe and deleteWebhook are retried at start after transient failures, in seconds. */
  startupRetrySeconds: number;
  limits: Limits;
  timeouts: Timeouts;
  journal: JournalConfig;
  /** Set when updates come over HTTP from Telegram (WEBHOOK_URL) instead of long polling. */
  webhook?: WebhookConfig;
  /** Where this repository's docs/ folder is published, ending in `/` (DOCS_URL); /help links pages there. */
  docsUrl?: string;
  /** Set when the Mini App is served (PUBLIC_URL); absent, nothing of it appears. */
  miniApp?: MiniAppConfig;
  /** Set when instances and workers share Redis (REDIS_URL): outgoing limits are kept there. */
  redisUrl?: string;
  /** What every Redis key of the bot starts with (REDIS_PREFIX), then `:`; one Redis can serve several deployments. */
  redisPrefix: string;
  /** A port of its own for GET /metrics (METRICS_PORT); in webhook mode /metrics is on PORT as well. */
  metricsPort?: number;
  /** Names this process in every log line and metric (INSTANCE_ID); the host name and pid by default. */
  instanceId: string;
  /** Set when trainings and pictures run in worker processes through a BullMQ queue in Redis (REDIS_URL). */
  queue?: QueueConfig;
}

/** The training queue: where it lives and how soon a lost worker or instance is noticed. */
export interface QueueConfig {
  /** A redis:// (or rediss://) URL. */
  redisUrl: string;
  /** BullMQ's prefix: REDIS_PREFIX, the bot's id, then `:queue`; two bots on one Redis share no job. */
  prefix: string;
  /** A job whose worker stops answering runs again elsewhere after about this long (QUEUE_STALLED_SECONDS). */
  stalledSeconds: number;
  /** A result whose instance is gone is delivered by another one after about this long (QUEUE_HANDOVER_SECONDS). */
  handoverSeconds: number;
}

/** The Mini App: where Telegram opens it, and the HTTP port that serves it. */
export interface MiniAppConfig {
  /** The https address the bot is reached at from outside, without a trailing `/`; the page is at `/app/`. */
  publicUrl: string;
  /** The app's short name registered with @BotFather (MINIAPP_SHORT_NAME); groups get links only with it. */
  shortName?: string;
  /** The port of the HTTP server (PORT), shared with the webhook when there is one. */
  port: number;
}

/** API requests one user may make per minute; the page polls a running training every 400 ms (150). */
export const MINIAPP_REQUESTS_PER_MINUTE = 300;

/** The largest weight or bias the Mini App's "Keep these weights" stores (its sliders stay far inside). */
export const MINIAPP_MAX_WEIGHT = 1000;

/** How Telegram reaches the bot in webhook mode. */
export interface WebhookConfig {
  /** The public https URL given to setWebhook; the bot serves POST on its path. */
  url: string;
  /** The path of url, e.g. `/tg/updates`: the only path webhook updates are taken on. */
  path: string;
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; a request without it is refused. */
  secret: string;
  /** The port the HTTP server listens on; 0 picks a free one. */
  port: number;
  /** How many connections Telegram opens at once to deliver updates. */
  maxConnections: number;
}

/** How long the bot waits for others: the Bot API's answers, and its own shutdown. */
export interface Timeouts {
  /** Longest wait for one Bot API call's answer; long polling adds its own 50 s. */
  apiSeconds: number;
  /** From SIGTERM to exit: trainings stop and save at once, replies go out until then, the rest is logged. */
  shutdownSeconds: number;
}

/** With DATABASE_URL: the journal of updates acknowledged and not yet handled, shared by the instances. */
export interface JournalConfig {
  /**
   * How long an instance's hold on the updates it acknowledged lasts without being renewed (every third
   * of it); once it runs out (the instance died), another instance handles them, in order.
   */
  leaseSeconds: number;
  /** How long an update waits for an earlier one of its member that another live instance is handling. */
  waitSeconds: number;
}

export type Language = 'en' | 'ru';
export const LANGUAGES: readonly Language[] = ['en', 'ru'];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Every limit a user can run into; all of them are shown by /help. */
export interface Limits {
  maxRows: number;
  maxInputs: number;
  maxEpochs: number;
  /** rows x inputs x epochs of one training (x population for the genetic algorithm; /compare: all three). */
  maxTrainingCost: number;
  /** Individuals of the genetic algorithm. */
  maxPopulation: number;
  /** Longest text the bot reads in one message, in characters. */
  maxMessageLength: number;
  /** Messages a user may send per minute before the bot stops answering for a while. */
  messagesPerMinute: number;
  /** Worker threads for training; 0 means one per core but one (at least one). */
  trainingWorkers: number;
  /** The worker threads' nice value: 19, the lowest priority, lets replies win the CPU over trainings. */
  workerNice: number;
  /** Largest document the bot downloads, in bytes (Telegram's getFile allows 20 MB). */
  maxFileBytes: number;
  /** Messages one /data may take; a longer table comes as one CSV document. */
  maxDataMessages: number;
  /** Submissions one student may make to one exercise; the best counts. */
  exerciseSubmissions: number;
  /** Longest time limit of an exercise, in minutes. */
  exerciseMaxMinutes: number;
  /** Own tasks one teacher may keep. */
  exerciseTasksPerTeacher: number;
}

/** Raised for a bad or missing variable; its message is one sentence meant for the person starting the bot. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** Where the HTTP server answers whether the bot can take updates; never a webhook path. */
export const HEALTH_PATH = '/healthz';

const schema = z.object({
  BOT_TOKEN: z
    .string()
    .trim()
    .regex(
      /^\d+:[\w-]+$/,
      'BOT_TOKEN does not look like a token from @BotFather (digits, a colon, then letters)',
    )
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({
      protocol: /^https?$/,
      error: 'TELEGRAM_API_ROOT must be an http(s) URL such as http://127.0.0.1:8081',
    })
    .optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (url) => /^postgres(ql)?:\/\//.test(url) && URL.canParse(url),
      'DATABASE_URL must be a PostgreSQL URL such as postgres://bot:password@127.0.0.1:5432/perceptron',
    )
    .optional(),
  DEFAULT_LANGUAGE: z.enum(LANGUAGES, 'DEFAULT_LANGUAGE must be en or ru').default('en'),
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    )
    .default('info'),
  STARTUP_RETRY_SECONDS: integer('STARTUP_RETRY_SECONDS', 0, 3600, 60),
  MAX_ROWS: integer('MAX_ROWS', 1, 10_000, 1000),
  MAX_INPUTS: integer('MAX_INPUTS', 1, 32, 32),
  MAX_EPOCHS: integer('MAX_EPOCHS', 1, 1_000_000, 100_000),
  MAX_TRAINING_COST: integer('MAX_TRAINING_COST', 1, 100_000_000_000, 160_000_000),
  MAX_POPULATION: integer('MAX_POPULATION', 3, 10_000, 200),
  MAX_MESSAGE_LENGTH: integer('MAX_MESSAGE_LENGTH', 16, 100_000, 4096),
  MESSAGES_PER_MINUTE: integer('MESSAGES_PER_MINUTE', 1, 10_000, 30),
  TRAINING_WORKERS: integer('TRAINING_WORKERS', 0, 64, 0),
  WORKER_NICE: integer('WORKER_NICE', 0, 19, 19),
  MAX_FILE_BYTES: integer('MAX_FILE_BYTES', 1, 20 * 1024 * 1024, 1024 * 1024),
  MAX_DATA_MESSAGES: integer('MAX_DATA_MESSAGES', 1, 100, 3),
  API_TIMEOUT_SECONDS: integer('API_TIMEOUT_SECONDS', 1, 600, 15),
  SHUTDOWN_SECONDS: integer('SHUTDOWN_SECONDS', 1, 600, 5),
  JOURNAL_LEASE_SECONDS: integer('JOURNAL_LEASE_SECONDS', 1, 600, 15),
  JOURNAL_WAIT_SECONDS: integer('JOURNAL_WAIT_SECONDS', 1, 600, 30),
  EXERCISE_SUBMISSIONS: integer('EXERCISE_SUBMISSIONS', 1, 1000, 10),
  EXERCISE_MAX_MINUTES: integer('EXERCISE_MAX_MINUTES', 1, 10_080, 240),
  EXERCISE_TASKS_PER_TEACHER: integer('EXERCISE_TASKS_PER_TEACHER', 1, 1000, 50),
  WEBHOOK_URL: z
    .url({
      protocol: /^https?$/,
      error:
        'WEBHOOK_URL must be the https URL Telegram sends updates to, such as https://bot.example.org/tg/updates',
    })
    .refine(
      (url) => !URL.canParse(url) || new URL(url).pathname !== HEALTH_PATH,
      `WEBHOOK_URL's path must not be ${HEALTH_PATH}`,
    )
    .optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,256}$/,
      'WEBHOOK_SECRET must be 1 to 256 of the characters A-Z, a-z, 0-9, _ and -',
    )
    .optional(),
  PORT: integer('PORT', 0, 65_535, 8080),
  WEBHOOK_MAX_CONNECTIONS: integer('WEBHOOK_MAX_CONNECTIONS', 1, 100, 40),
  PUBLIC_URL: z
    .url({
      protocol: /^https$/,
      error: 'PUBLIC_URL must be the https address the bot is reached at, such as https://bot.example.org',
    })
    .refine((url) => !/[?#]/.test(url), 'PUBLIC_URL must be a plain address, without ? or #')
    .optional(),
  MINIAPP_SHORT_NAME: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9_]{3,30}$/,
      'MINIAPP_SHORT_NAME must be the short name of the app registered with @BotFather (3 to 30 letters, digits or _)',
    )
    .optional(),
  REDIS_URL: z
    .string()
    .trim()
    .refine(
      (url) => /^rediss?:\/\//.test(url) && URL.canParse(url),
      'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379',
    )
    .optional(),
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9_.:-]{1,64}$/,
      'REDIS_PREFIX must be 1 to 64 of the characters A-Z, a-z, 0-9, _, ., : and -',
    )
    .default('perceptron'),
  METRICS_PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 65_535) {
        ctx.addIssue({ code: 'custom', message: 'METRICS_PORT must be a whole number from 0 to 65535' });
        return z.NEVER;
      }
      return n;
    }),
  INSTANCE_ID: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9_.:-]{1,64}$/,
      'INSTANCE_ID must be 1 to 64 of the characters A-Z, a-z, 0-9, _, ., : and -',
    )
    .optional(),
  QUEUE_STALLED_SECONDS: integer('QUEUE_STALLED_SECONDS', 1, 600, 30),
  QUEUE_HANDOVER_SECONDS: integer('QUEUE_HANDOVER_SECONDS', 1, 600, 10),
  DOCS_URL: z
    .url({
      protocol: /^https?$/,
      error:
        'DOCS_URL must be the http(s) address of the docs/ folder, such as https://github.com/you/perceptron-bot/blob/main/docs/',
    })
    .refine((url) => !/[?#]/.test(url), 'DOCS_URL must be a folder address, without ? or #')
    .optional(),
});

const blankToUndefined = (env: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v?.trim() === '' ? undefined : v]));

/** A bot's id: the digits before the colon of its token. The secret after the colon names nothing. */
export const botIdOf = (token: string): string => token.slice(0, Math.max(0, token.indexOf(':')));

/** BullMQ's prefix for the bot of `botToken` under REDIS_PREFIX: two bots on one Redis share no job. */
export const queuePrefixOf = (redisPrefix: string, botToken: string): string =>
  `${redisPrefix.replace(/:+$/, '')}:${botIdOf(botToken)}:queue`;

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv, options: { requireToken: boolean }): Config {
  const parsed = schema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const message = issue?.message.startsWith(name)
      ? issue.message
      : `${name} is not valid: ${issue?.message}`;
    throw new ConfigError(`${message}. Fix it in .env (see .env.example).`);
  }
  const e = parsed.data;
  if (options.requireToken && !e.BOT_TOKEN) {
    throw new ConfigError('BOT_TOKEN is missing: put the token from @BotFather in .env (see .env.example).');
  }
  if (e.REDIS_URL && !e.BOT_TOKEN) {
    throw new ConfigError(
      "BOT_TOKEN is missing: with REDIS_URL the bot's keys in Redis are named after the bot's id, the digits that start its token; put the token from @BotFather in .env (see .env.example).",
    );
  }
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) {
    throw new ConfigError(
      'WEBHOOK_SECRET is missing: WEBHOOK_URL needs a secret of 1 to 256 letters, digits, _ or - in .env (see .env.example).',
    );
  }
  return {
    ...(e.BOT_TOKEN ? { botToken: e.BOT_TOKEN } : {}),
    ...(e.TELEGRAM_API_ROOT ? { telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {}),
    dataDir: e.DATA_DIR,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    defaultLanguage: e.DEFAULT_LANGUAGE,
    logLevel: e.LOG_LEVEL,
    startupRetrySeconds: e.STARTUP_RETRY_SECONDS,
    limits: {
      maxRows: e.MAX_ROWS,
      maxInputs: e.MAX_INPUTS,
      maxEpochs: e.MAX_EPOCHS,
      maxTrainingCost: e.MAX_TRAINING_COST,
      maxPopulation: e.MAX_POPULATION,
      maxMessageLength: e.MAX_MESSAGE_LENGTH,
      messagesPerMinute: e.MESSAGES_PER_MINUTE,
      trainingWorkers: e.TRAINING_WORKERS,
      workerNice: e.WORKER_NICE,
      maxFileBytes: e.MAX_FILE_BYTES,
      maxDataMessages: e.MAX_DATA_MESSAGES,
      exerciseSubmissions: e.EXERCISE_SUBMISSIONS,
      exerciseMaxMinutes: e.EXERCISE_MAX_MINUTES,
      exerciseTasksPerTeacher: e.EXERCISE_TASKS_PER_TEACHER,
    },
    timeouts: { apiSeconds: e.API_TIMEOUT_SECONDS, shutdownSeconds: e.SHUTDOWN_SECONDS },
    journal: { leaseSeconds: e.JOURNAL_LEASE_SECONDS, waitSeconds: e.JOURNAL_WAIT_SECONDS },
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisPrefix: e.REDIS_PREFIX,
    ...(e.METRICS_PORT === undefined ? {} : { metricsPort: e.METRICS_PORT }),
    instanceId: e.INSTANCE_ID ?? defaultInstanceId(),
    ...(e.DOCS_URL ? { docsUrl: e.DOCS_URL.endsWith('/') ? e.DOCS_URL : `${e.DOCS_URL}/` } : {}),
    ...(e.PUBLIC_URL
      ? {
          miniApp: {
            publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
            ...(e.MINIAPP_SHORT_NAME ? { shortName: e.MINIAPP_SHORT_NAME } : {}),
            port: e.PORT,
          },
        }
      : {}),
    ...(e.REDIS_URL
      ? {
          queue: {
            redisUrl: e.REDIS_URL,
            prefix: queuePrefixOf(e.REDIS_PREFIX, e.BOT_TOKEN ?? ''),
            stalledSeconds: e.QUEUE_STALLED_SECONDS,
            handoverSeconds: e.QUEUE_HANDOVER_SECONDS,
          },
        }
      : {}),
    ...(e.WEBHOOK_URL && e.WEBHOOK_SECRET
      ? {
          webhook: {
            url: e.WEBHOOK_URL,
            path: new URL(e.WEBHOOK_URL).pathname,
            secret: e.WEBHOOK_SECRET,
            port: e.PORT,
            maxConnections: e.WEBHOOK_MAX_CONNECTIONS,
          },
        }
      : {}),
  };
}

/** The host name and the process id, e.g. `bot-1-4242`: unique among the processes of one deployment. */
export function defaultInstanceId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9_.:-]/g, '-')
      .slice(0, 50) || 'host';
  return `${host}-${process.pid}`;
}
